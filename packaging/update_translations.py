"""Refresh the Qt Linguist sources (.ts) from the code and compile them (.qm).

    .venv/bin/python packaging/update_translations.py

lupdate keeps every existing translation and adds new strings as unfinished; translate
them (Qt Linguist, or by editing the .ts), then run this again to rebuild the .qm files.
tests/gui/test_translations.py fails while any string is untranslated or the .ts is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
CATALOG = "activation_lab"


def find_tool(name: str) -> str | None:
    """The pyside6-``name`` executable (lupdate, lrelease) of this venv, else of the PATH."""
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    return found or shutil.which(f"pyside6-{name}")


def tool(name: str) -> str:
    found = find_tool(name)
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials in this venv")
    return found


def sources() -> list[str]:
    files = [ROOT / "main.py", *sorted((ROOT / "gui").rglob("*.py"))]
    return [str(f.relative_to(ROOT)) for f in files]


def ts_path(language: str) -> Path:
    return TS_DIR / f"{CATALOG}_{language}.ts"


def update_ts(language: str, target: Path | None = None) -> Path:
    out = target or ts_path(language)
    cmd = [tool("lupdate"), "-locations", "none", "-no-obsolete", *sources(), "-ts", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    return out


def qm_path(language: str) -> Path:
    return TS_DIR / f"{CATALOG}_{language}.qm"


def release(language: str, ts: Path | None = None, qm: Path | None = None) -> Path:
    """Compile ``ts`` (default: the committed .ts) into ``qm`` (default: next to it)."""
    qm = qm or qm_path(language)
    cmd = [tool("lrelease"), str(ts or ts_path(language)), "-qm", str(qm)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    return qm


def main() -> int:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = update_ts(language)
        qm = release(language)
        print(f"{ts.relative_to(ROOT)} -> {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
