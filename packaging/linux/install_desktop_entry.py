"""Put Activation Lab one double-click away on a Linux desktop.

Run it once from the built one-folder app (or a checkout) on the machine that will use it:

    python3 packaging/linux/install_desktop_entry.py dist/ActivationLab

It writes ``activation-lab.desktop`` with absolute paths (desktop files cannot use relative
ones) into ~/.local/share/applications (the app menu) and, if there is one, onto ~/Desktop,
marked trusted where the desktop supports it. ``--print`` shows the entry without writing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "activation-lab.desktop.in"


def entry_text(app_dir: Path) -> str:
    executable = app_dir / "ActivationLab"
    icon = app_dir / "_internal" / "resources" / "icons" / "activation-lab.png"
    if not executable.exists():
        raise SystemExit(f"{executable} not found: build the app first (see README)")
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@EXEC@", str(executable))
        .replace("@ICON@", str(icon))
        .replace("@PATH@", str(app_dir))
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Install the Activation Lab desktop entry.")
    parser.add_argument("app_dir", type=Path, help="the built one-folder app (dist/ActivationLab)")
    parser.add_argument("--print", action="store_true", help="print the entry, write nothing")
    args = parser.parse_args(argv)
    text = entry_text(args.app_dir.resolve())
    if args.print:
        print(text, end="")
        return 0
    targets = [Path.home() / ".local" / "share" / "applications"]
    desktop = Path.home() / "Desktop"
    if desktop.is_dir():
        targets.append(desktop)
    for folder in targets:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "activation-lab.desktop"
        path.write_text(text, encoding="utf-8")
        path.chmod(0o755)
        if folder == desktop and shutil.which("gio"):
            # GNOME asks before launching an untrusted desktop file; mark ours trusted.
            subprocess.run(
                ["gio", "set", str(path), "metadata::trusted", "true"],
                check=False,
                capture_output=True,
            )
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
