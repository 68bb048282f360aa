"""Build the double-click app and prove it works: the one documented command.

    .venv/bin/python packaging/build_bundle.py

1. runs PyInstaller on packaging/activation_lab.spec (dist/ActivationLab, one folder);
2. prints the bundle's size;
3. on Linux, checks that the bundled libraries resolve and that torch is loaded before Qt;
4. runs the built executable with ``--self-check`` under QT_QPA_PLATFORM=offscreen and
   prints its output.

Exit status 0 only if the build and every check pass. ``--no-build`` checks an existing
bundle. Build output stays in build/ and dist/ (both ignored by git).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "activation_lab.spec"
NAME = "ActivationLab"
SELF_CHECK_TIMEOUT_S = 300


def executable(app_dir: Path) -> Path:
    return app_dir / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def build(distpath: Path, workpath: Path, clean: bool) -> int:
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(distpath),
        "--workpath",
        str(workpath),
        str(SPEC),
    ]
    if clean:
        cmd.insert(3, "--clean")
    print("$", " ".join(cmd), flush=True)
    start = time.monotonic()
    status = subprocess.run(cmd, cwd=ROOT).returncode
    print(f"build {'finished' if status == 0 else 'FAILED'} in {time.monotonic() - start:.0f} s")
    return status


def folder_size(folder: Path) -> tuple[int, int]:
    """(apparent bytes, bytes on disk as du counts them) of a folder, links not followed."""
    apparent = on_disk = 0
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            st = os.lstat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            apparent += st.st_size
            on_disk += getattr(st, "st_blocks", (st.st_size + 511) // 512) * 512
    return apparent, on_disk


def _elf_needed(path: Path) -> list[str] | None:
    with open(path, "rb") as f:
        if f.read(4) != b"\x7fELF":
            return None
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\).*\[(.*)\]", out)


def unresolved_libraries(internal: Path) -> dict[str, list[str]]:
    """Linux: libraries a bundled ELF file needs that neither the bundle nor the system has."""
    system = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    known = set(re.findall(r"^\s*(\S+) \(", system, re.MULTILINE))
    files = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()]
    known |= {p.name for p in internal.rglob("*") if ".so" in p.name}
    missing: dict[str, list[str]] = {}
    for path in files:
        if ".so" not in path.name and path.parent != internal.parent:
            continue
        needed = _elf_needed(path)
        for lib in needed or ():
            if lib not in known and not lib.startswith("ld-linux"):
                missing.setdefault(str(path.relative_to(internal)), []).append(lib)
    return missing


def _optional(where: str) -> bool:
    """Qt plugins and the Wayland client libraries load only on a desktop that has the
    system libraries they need (libwayland-cursor, ...); a build machine may not."""
    base = where.rsplit("/", 1)[-1]
    return "/plugins/" in f"/{where}" or base.startswith(("libQt6Wayland", "libQt6Wl"))


def torch_loads_before_qt(exe: Path) -> tuple[bool, str]:
    """Linux: in the dynamic loader's trace of a short run (``train --help``), libtorch_cpu
    comes before libQt6Core (PyInstaller's PySide6 runtime hook imports QtCore)."""
    env = dict(os.environ, LD_DEBUG="files", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [str(exe), "train", "--help"], env=env, capture_output=True, text=True, timeout=120
    )
    first: list[str] = []
    for m in re.finditer(r"file=\S*?(libtorch_cpu|libQt6Core)\.so", out.stderr):
        if m.group(1) not in first:
            first.append(m.group(1))
    if len(first) < 2:
        return False, f"loader trace incomplete (exit {out.returncode}): saw {first}"
    return first[0] == "libtorch_cpu", f"loaded first: {first[0]}, then {first[1]}"


def self_check(exe: Path, timeout_s: float = SELF_CHECK_TIMEOUT_S) -> tuple[int, str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.monotonic()
    try:
        out = subprocess.run(
            [str(exe), "--self-check"],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired as exc:
        text = (exc.stdout or b"").decode(errors="replace") + (exc.stderr or b"").decode(
            errors="replace"
        )
        return 124, text + f"\nself-check did not finish in {timeout_s:.0f} s", timeout_s
    lines = (out.stdout + out.stderr).splitlines()
    # Qt's offscreen plugin mentions this once per window; it is not a failure.
    text = "\n".join(line for line in lines if "does not support propagateSizeHints" not in line)
    return out.returncode, text, time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="check an existing bundle")
    parser.add_argument("--clean", action="store_true", help="rebuild PyInstaller's cache")
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)

    app_dir = args.distpath / NAME
    if not args.no_build and build(args.distpath, args.workpath, args.clean) != 0:
        return 1
    exe = executable(app_dir)
    if not exe.exists():
        print(f"FAILED: {exe} does not exist")
        return 1
    failures = []

    apparent, on_disk = folder_size(app_dir)
    print(f"bundle: {app_dir}")
    print(f"size: {on_disk / 2**20:.0f} MiB on disk (du -sh), {apparent / 1e6:.0f} MB of files")

    if sys.platform.startswith("linux"):
        missing = unresolved_libraries(app_dir / "_internal")
        required = {w: libs for w, libs in missing.items() if not _optional(w)}
        optional = sorted({lib for w, libs in missing.items() if _optional(w) for lib in libs})
        for where, libs in sorted(required.items()):
            print(f"  unresolved: {where} needs {', '.join(libs)}")
        if required:
            failures.append("unresolved libraries")
        else:
            note = (
                f" (plugins only: not on this machine: {', '.join(optional)})" if optional else ""
            )
            print(f"libraries: every bundled library's dependencies resolve{note}")
        ok, detail = torch_loads_before_qt(exe)
        print(f"torch before Qt: {'yes' if ok else 'NO'} ({detail})")
        if not ok:
            failures.append("torch is not loaded before Qt")

    status, output, seconds = self_check(exe)
    print(f"$ QT_QPA_PLATFORM=offscreen {exe} --self-check")
    print(output.rstrip())
    print(f"self-check exit status {status} after {seconds:.1f} s")
    if status != 0:
        failures.append(f"self-check exit status {status}")

    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    print("OK: bundle built and self-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
