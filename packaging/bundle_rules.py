"""What goes into the one-folder app: imported by activation_lab.spec and by the tests.

Plain Python with no PyInstaller import, so ``tests/core/test_bundle_rules.py`` can check
the rules quickly without building anything. Paths in the rules use "/" separators; the
helpers normalise Windows ones first. Measured on Linux (torch 2.13 CPU, PySide6 6.11,
PyInstaller 6.22): a naive one-folder build is 906 MiB on disk, these rules make it
562 MiB (see README). What remains is mostly libtorch_cpu.so (330 MiB stripped).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

NAME = "ActivationLab"
ROOT = Path(__file__).resolve().parent.parent

# Python modules the app never imports; some are optional imports of torch, pyqtgraph or
# Pillow that the analysis would otherwise follow.
EXCLUDED_MODULES = [
    "tkinter",
    "matplotlib",
    "IPython",
    "pytest",
    "_pytest",
    "hypothesis",
    "scipy",
    "pandas",
    "cupy",
    "setuptools",
    "pkg_resources",
    "sqlite3",  # torch.autograd.profiler's nvprof reader only
    "readline",  # interactive prompts only
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtPdf",
    "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore",
    "PySide6.Qt3DCore",
    "PySide6.QtTest",  # pyqtgraph imports it inside try/except; the app does not use it
    "PySide6.QtDBus",  # the Python binding; Qt's own libQt6DBus stays
    "pyqtgraph.opengl",
    "pyqtgraph.examples",
    "pyqtgraph.jupyter",
    # Pillow writes the GIF export; it needs only PIL._imaging. AVIF/WebP/fonts/colour
    # management bring 10 MB of libraries (libavif, libwebp, freetype, harfbuzz, lcms2).
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingft",
    "PIL.ImageFont",
    "PIL.ImageDraw",
    "PIL.ImageDraw2",
    "PIL.ImageText",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageQt",
]

# Qt modules the app does not load, as they appear in file names on each platform:
# libQt6Quick.so.6 (Linux), Qt6Quick.dll (Windows), QtQuick.framework (macOS).
UNUSED_QT_MODULES = ("Quick", "Qml", "Pdf", "Network", "VirtualKeyboard", "Test")

# Path fragments of collected files the app never opens.
DROPPED = (
    "torch/test/",
    "torch/include/",
    "torch/share/",
    "torch/lib/libtorchbind_test",
    "torch/lib/libjitbackend_test",
    "torch/lib/libbackend_with_compiler",
    "torch/lib/libaoti_custom_ops",
    "torch/_inductor/codegen/aoti_runtime",
    "PySide6/Qt/qml/",
    "PySide6/qml/",
    # Qt plugins for embedded Linux devices, network, TLS and the virtual keyboard.
    "/plugins/egldeviceintegrations/",
    "/plugins/generic/",
    "/plugins/networkinformation/",
    "/plugins/tls/",
    "/plugins/platforminputcontexts/libqtvirtualkeyboard",
    "/plugins/platforminputcontexts/qtvirtualkeyboard",
    "libQt6EglFS",
    "libQt6EglFs",
    # GTK3 theme plugin: needs the system's GTK 3 and then mixes it with the bundled
    # glib/cairo/pango, a classic cause of crashes; Qt uses the XDG portal theme instead.
    "/plugins/platformthemes/libqgtk3",
    # Windows software OpenGL fallback (20 MB): the app paints with QPainter, not OpenGL.
    "opengl32sw.dll",
)

# Plugins kept from folders where only a few are useful.
KEEP_PLATFORMS = ("qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa", "qdirect2d")
KEEP_IMAGE_FORMATS = ("qico", "qicns", "qsvg", "qgif", "qjpeg")
KEEP_QT_TRANSLATIONS = ("qt_zh_CN", "qtbase_zh_CN")

# Our resources: everything under resources/ except translation sources.
RESOURCE_SKIP_SUFFIXES = (".ts",)

# Linux: strip debug symbols after collecting. torch's own libraries (libtorch_cpu.so:
# 434 -> 345 MB) and the Python runtime (a pyenv build: libpython 23 -> 6 MB). Not
# everything: auditwheel-patched libraries such as numpy's OpenBLAS or Pillow's break when
# stripped ("ELF load command address/offset not page-aligned").
STRIP_PATTERNS = (
    "torch/lib/libtorch_cpu.so",
    "torch/lib/libtorch_python.so",
    "torch/lib/libc10.so",
    "libpython3*.so*",
    "python3*/lib-dynload/*.so",
)


def _dest(entry) -> str:
    return str(entry[0]).replace("\\", "/")


def _qt_module_file(dest: str) -> bool:
    base = dest.rsplit("/", 1)[-1]
    for module in UNUSED_QT_MODULES:
        if base.startswith((f"libQt6{module}", f"Qt6{module}")) or f"Qt{module}.framework/" in dest:
            return True
    return False


def wanted(entry) -> bool:
    """Keep this (dest, source, typecode) entry of Analysis.binaries/datas?"""
    dest = _dest(entry)
    typecode = entry[2] if len(entry) > 2 else ""
    if typecode == "SYMLINK":
        # PyInstaller links libraries to the top folder; drop links to dropped files.
        target = str(entry[1]).replace("\\", "/")
        return wanted((target, "", "")) and wanted((dest, "", ""))
    if any(fragment in dest for fragment in DROPPED):
        return False
    if _qt_module_file(dest):
        return False
    if "/plugins/platforms/" in dest:
        return any(name in dest.rsplit("/", 1)[-1] for name in KEEP_PLATFORMS)
    if "/plugins/imageformats/" in dest:
        return any(name in dest.rsplit("/", 1)[-1] for name in KEEP_IMAGE_FORMATS)
    if "torch/bin/" in dest:
        # torch checks for its shared-memory manager when frozen; the rest are test tools.
        return dest.endswith(("torch_shm_manager", "torch_shm_manager.exe"))
    if "torch/" in dest and dest.endswith((".a", ".lib")):
        return False
    if dest.startswith("PySide6/") and "/translations/" in f"/{dest}":
        return any(keep in dest for keep in KEEP_QT_TRANSLATIONS)
    return True


def _elf_needed(path: str) -> list[str] | None:
    """The DT_NEEDED names of an ELF file (None if it is not one, or readelf is missing)."""
    import shutil
    import subprocess

    try:
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                return None
    except OSError:
        return None
    if not shutil.which("readelf"):
        return None
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\).*\[(.*)\]", out)


def _top_level_library(dest: str) -> bool:
    return "/" not in dest and dest.startswith("lib") and ".so" in dest and "libpython" not in dest


def drop_unreferenced_libraries(binaries, needed=_elf_needed):
    """Linux: drop top-level system libraries that no kept binary needs any more.

    PyInstaller copies the dependencies of every collected binary into the top folder;
    once a binary is dropped (the GTK3 theme, libQt6Network) its dependencies stay behind
    (pango, cairo, gdk-pixbuf, Kerberos, ...). Libraries only a system library needs (libXau
    for the system's libxcb) go too: the system that has the one has the other.
    """
    entries = [(_dest(b), b) for b in binaries]
    candidates = {d for d, b in entries if _top_level_library(d) and b[2] != "SYMLINK"}
    if not candidates:
        return list(binaries)
    graph: dict[str, list[str]] = {}
    for d, b in entries:
        if b[2] != "SYMLINK":
            names = needed(str(b[1]))
            if names is None and d in candidates:
                return list(binaries)  # cannot read it (no readelf?): keep everything
            graph[d] = names or []
    reached: set[str] = set()
    stack = [d for d in graph if d not in candidates]  # everything else is kept
    while stack:
        for name in graph.get(stack.pop(), ()):
            if name in candidates and name not in reached:
                reached.add(name)
                stack.append(name)
    return [b for d, b in entries if d not in candidates or d in reached]


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) for every resource file the app may open."""
    resources = root / "resources"
    out = []
    for path in sorted(resources.rglob("*")):
        if path.is_file() and path.suffix not in RESOURCE_SKIP_SUFFIXES:
            out.append((str(path), str(path.parent.relative_to(root)).replace("\\", "/")))
    return out


def torch_root() -> Path:
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("torch is not installed in the build environment")
    return Path(next(iter(spec.submodule_search_locations)))


_CONFIG_MODULE = re.compile(rb"^install_config_module\(", re.MULTILINE)


def torch_sources_read_at_import(root: Path | None = None) -> list[tuple[str, str]]:
    """torch's modules are collected compiled only (the hook's default also ships 44 MB of
    .py sources, for TorchScript). A few config modules read their own source when
    imported (``install_config_module`` parses comments), so those .py files are kept."""
    root = root or torch_root()
    out = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] == "testing":
            continue  # torch's own test fixtures
        data = path.read_bytes()
        if b"install_config_module(" in data and _CONFIG_MODULE.search(data):
            dest = Path("torch") / path.parent.relative_to(root)
            out.append((str(path), dest.as_posix()))
    return out


def icon_for_platform(platform: str = sys.platform, root: Path = ROOT) -> str:
    icons = root / "resources" / "icons"
    if platform == "win32":
        return str(icons / "activation-lab.ico")
    if platform == "darwin":
        return str(icons / "activation-lab.icns")
    return str(icons / "activation-lab.png")


def strip_after_collect(internal: Path) -> list[Path]:
    """Strip debug symbols from the files in STRIP_PATTERNS (Linux; needs binutils)."""
    import shutil
    import subprocess

    if not sys.platform.startswith("linux") or not shutil.which("strip"):
        return []
    done = []
    for pattern in STRIP_PATTERNS:
        for target in sorted(internal.glob(pattern)):
            if target.is_file() and not target.is_symlink():
                subprocess.run(["strip", "--strip-unneeded", str(target)], check=True)
                done.append(target)
    return done
