"""The PyInstaller rules (packaging/bundle_rules.py), checked without building anything.

The build itself is tests/packaging/test_bundle.py (minutes; opt-in).
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = _load("bundle_rules", PACKAGING / "bundle_rules.py")


def test_every_resource_folder_is_bundled():
    bundled = {dest for _, dest in rules.resource_datas()}
    folders = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_dir() and any(f.is_file() for f in p.iterdir())
    }
    assert folders, "resources/ has no folders?"
    assert folders <= bundled, f"not bundled: {sorted(folders - bundled)}"


def test_every_file_the_app_opens_is_bundled():
    bundled = {Path(src).relative_to(ROOT).as_posix() for src, _ in rules.resource_datas()}
    needed = [
        *(ROOT / "resources" / "translations").glob("*.qm"),
        *(ROOT / "resources" / "presets").glob("*.json"),
        *(ROOT / "resources" / "icons").glob("*.png"),
    ]
    assert any(p.suffix == ".qm" for p in needed)
    assert any(p.suffix == ".json" for p in needed)
    missing = [p.relative_to(ROOT).as_posix() for p in needed]
    missing = [p for p in missing if p not in bundled]
    assert not missing, missing
    assert not any(p.endswith(".ts") for p in bundled), "translation sources are not needed"


def test_resources_keep_their_relative_paths():
    """core/resources.py looks under sys._MEIPASS/resources/<same path as the checkout>."""
    for src, dest in rules.resource_datas():
        assert Path(src).parent.relative_to(ROOT).as_posix() == dest


def test_icons_exist_for_each_platform():
    for platform in ("linux", "win32", "darwin"):
        icon = Path(rules.icon_for_platform(platform))
        assert icon.is_file(), icon
        assert icon.stat().st_size > 1000
    assert rules.icon_for_platform("win32").endswith(".ico")
    assert rules.icon_for_platform("darwin").endswith(".icns")


@pytest.mark.parametrize(
    "dest",
    [
        "torch/lib/libtorch_cpu.so",
        "torch/lib/libtorch_python.so",
        "torch/lib/torch_cpu.dll",
        "torch/bin/torch_shm_manager",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6OpenGL.so.6",  # pyqtgraph's PlotCurveItem imports QtOpenGL
        "PySide6/Qt/lib/libQt6DBus.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/lib/libicudata.so.73",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt6Core.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore",
        "numpy.libs/libscipy_openblas64_-32a4b2a6.so",
        "PIL/_imaging.cpython-311-x86_64-linux-gnu.so",
        "resources/translations/activation_lab_zh_CN.qm",
        "resources/icons/activation-lab.png",
    ],
)
def test_kept(dest):
    assert rules.wanted((dest, "/src/" + dest, "BINARY"))


@pytest.mark.parametrize(
    "dest",
    [
        "torch/include/ATen/ATen.h",
        "torch/test/test_jit",
        "torch/bin/test_api",
        "torch/lib/libtorchbind_test.so",
        "torch/lib/libtorch_cpu.a",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6QmlModels.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Test.so.6",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6",
        "PySide6/Qt6Quick.dll",
        "PySide6/Qt6Network.dll",
        "PySide6/opengl32sw.dll",
        "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqminimal.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so",
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qtbase_fr.qm",
    ],
)
def test_dropped(dest):
    assert not rules.wanted((dest, "/src/" + dest, "BINARY"))


def test_links_to_dropped_libraries_are_dropped():
    link = ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK")
    assert not rules.wanted(link)
    kept = ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")
    assert rules.wanted(kept)


def test_libraries_nothing_needs_any_more_are_dropped():
    needed = {
        "/venv/PySide6/Qt/lib/libQt6Gui.so.6": ["libfontconfig.so.1", "libc.so.6"],
        "/usr/lib/libfontconfig.so.1": ["libexpat.so.1"],
        "/usr/lib/libexpat.so.1": [],
        "/venv/PySide6/Qt/plugins/platformthemes/libqgtk3.so": ["libpango-1.0.so.0"],
        "/usr/lib/libpango-1.0.so.0": ["libthai.so.0"],
        "/usr/lib/libthai.so.0": [],
        "/pyenv/lib/libpython3.11.so.1.0": [],
    }
    binaries = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("libfontconfig.so.1", "/usr/lib/libfontconfig.so.1", "BINARY"),
        ("libexpat.so.1", "/usr/lib/libexpat.so.1", "BINARY"),
        ("libpango-1.0.so.0", "/usr/lib/libpango-1.0.so.0", "BINARY"),
        ("libthai.so.0", "/usr/lib/libthai.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/pyenv/lib/libpython3.11.so.1.0", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    # libqgtk3.so itself was dropped by wanted(): pango and thai are left without a user.
    kept = rules.drop_unreferenced_libraries(binaries, needed=needed.get)
    assert [b[0] for b in kept] == [
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libfontconfig.so.1",
        "libexpat.so.1",
        "libpython3.11.so.1.0",
        "libQt6Gui.so.6",
    ]
    # Unreadable dependencies: keep everything rather than guess.
    assert rules.drop_unreferenced_libraries(binaries, needed=lambda path: None) == binaries


def test_windows_paths_are_normalised():
    assert not rules.wanted(("PySide6\\Qt6Quick.dll", "C:\\x", "BINARY"))
    assert not rules.wanted(("torch\\include\\c10\\core.h", "C:\\x", "DATA"))
    assert rules.wanted(("torch\\lib\\torch_cpu.dll", "C:\\x", "BINARY"))


def test_gif_export_needs_none_of_the_excluded_pillow_modules(tmp_path):
    """The GIF writer must work with the Pillow modules the bundle leaves out."""
    blocked = [m for m in rules.EXCLUDED_MODULES if m.startswith("PIL")]
    code = (
        "import sys\n"
        f"for m in {blocked!r}: sys.modules[m] = None\n"
        "import numpy as np\n"
        "from core.animation import write_gif\n"
        "frames = [np.full((8, 12, 3), i * 40, np.uint8) for i in range(4)]\n"
        "write_gif(sys.argv[1], frames, fps=5)\n"
        "from PIL import Image\n"
        "print(Image.open(sys.argv[1]).n_frames)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "anim.gif")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "4"


def test_torch_config_sources_are_kept():
    """Modules that parse their own source at import must ship it (torch is pyz-only)."""
    pytest.importorskip("torch")
    kept = {f"{dest}/{Path(src).name}" for src, dest in rules.torch_sources_read_at_import()}
    assert "torch/_dynamo/config.py" in kept  # imported by the first optimizer step
    assert "torch/_functorch/config.py" in kept
    assert all(k.startswith("torch/") for k in kept)
    assert len(kept) < 40, "the scan should find a handful of config modules, not all of torch"


def test_spec_uses_the_rules_and_the_torch_first_hook():
    text = (PACKAGING / "activation_lab.spec").read_text(encoding="utf-8")
    for needed in (
        "rules.resource_datas()",
        "rules.torch_sources_read_at_import()",
        "rules.EXCLUDED_MODULES",
        "rules.wanted(b)",
        "rules.wanted(d)",
        "rthook_torch_first.py",
        "icon=ICON",
    ):
        assert needed in text, needed
    assert (PACKAGING / "rthook_torch_first.py").is_file()


def test_runtime_hook_imports_torch_and_nothing_from_qt():
    tree = ast.parse((PACKAGING / "rthook_torch_first.py").read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert "torch" in imported
    assert not [m for m in imported if m and m.split(".")[0] in ("PySide6", "shiboken6", "gui")]


def test_desktop_entry_points_at_the_bundle(tmp_path):
    app = tmp_path / "Activation Lab" / "ActivationLab"
    (app / "_internal" / "resources" / "icons").mkdir(parents=True)
    (app / "ActivationLab").write_text("")
    installer = _load("install_desktop_entry", PACKAGING / "linux" / "install_desktop_entry.py")
    text = installer.entry_text(app)
    fields = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and "[" not in line
    )
    assert fields["Type"] == "Application"
    assert fields["Exec"] == f'"{app / "ActivationLab"}"'
    assert fields["Icon"] == str(app / "_internal" / "resources" / "icons" / "activation-lab.png")
    assert fields["StartupWMClass"]
    assert "@" not in text, "a template placeholder was left in"
