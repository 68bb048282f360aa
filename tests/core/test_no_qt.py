"""core/ is the compute layer: importing all of it must not load Qt."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, pkgutil, sys
import core
for m in pkgutil.walk_packages(core.__path__, "core."):
    importlib.import_module(m.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
print(",".join(bad))
"""


def test_importing_every_core_module_loads_no_qt():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"core imported Qt modules: {out.stdout.strip()}"


def test_the_check_catches_a_qt_import(tmp_path):
    """The check above can fail: a package that imports PySide6 is reported."""
    pkg = tmp_path / "core_probe"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("import PySide6.QtCore\n")
    script = SCRIPT.replace("import core", "import core_probe as core")
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "PySide6" in out.stdout
