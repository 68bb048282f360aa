"""Time from launch to a visible main window, for the bundled app and the checkout.

Linux/X11 only: needs Xvfb (or a running X server in DISPLAY) and xdotool.

    .venv/bin/python packaging/time_startup.py [--runs 5] [--source]

Each run launches the app as a fresh process with an empty settings folder, waits until
X maps a window named "Activation Lab" (Qt paints it right after), records the time, and
closes the app. A first, unrecorded run warms the file cache; with --source the bundle
and the checkout take turns, and the medians are printed. (bench/bench_startup.py times
the checkout to its first paint event against a floor.)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_EXE = ROOT / "dist" / "ActivationLab" / "ActivationLab"
TITLE = "Activation Lab"


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private Xvfb on a display number it picks itself (-displayfd): never a display
    someone else is using. -noreset: by default Xvfb resets when its last client leaves,
    and an app that connects during the reset fails ("could not connect to display")."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as f:
        number = f.readline().strip()
    if not number or proc.poll() is not None:
        proc.terminate()
        raise RuntimeError("Xvfb did not start")
    return proc, f":{number}"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_window(cmd: list[str], display: str, timeout_s: float = 120.0) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the app) from launch to its visible window."""
    with tempfile.TemporaryDirectory(prefix="activation-lab-startup-") as home:
        env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            XDG_CONFIG_HOME=home,  # fresh settings: no remembered session or window size
        )
        start = time.perf_counter()
        log = open(Path(home) / "app.log", "w+b")  # noqa: SIM115 (closed below)
        app = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            # Poll every 20 ms (xdotool's own --sync waits half a second between looks).
            while True:
                found = subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--name", TITLE],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                elapsed = time.perf_counter() - start
                if found.returncode == 0 and found.stdout.strip():
                    return elapsed, cpu_seconds(app.pid)
                if app.poll() is not None:
                    log.seek(0)
                    output = log.read().decode(errors="replace")[-2000:]
                    raise RuntimeError(
                        f"{cmd[0]} exited with {app.returncode} before a window:\n{output}"
                    )
                if elapsed > timeout_s:
                    raise RuntimeError(f"no window named {TITLE!r} in {timeout_s:.0f} s")
                time.sleep(0.02)
        finally:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
            log.close()


def measure(commands: dict[str, list[str]], display: str, runs: int) -> dict[str, float]:
    """Runs the commands in turn, ``runs`` rounds (the machine's load drifts: interleave).
    CPU seconds are printed too: on a busy machine they vary less than wall time."""
    for cmd in commands.values():
        time_to_window(cmd, display)  # warm the file cache
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, cmd in commands.items():
            times[label].append(time_to_window(cmd, display))
    medians = {}
    for label, values in times.items():
        wall = [w for w, _ in values]
        cpu = [c for _, c in values]
        medians[label] = statistics.median(wall)
        spread = ", ".join(f"{w:.2f}" for w in wall)
        print(
            f"{label}: median {medians[label]:.2f} s to a visible window ({spread}); "
            f"CPU {statistics.median(cpu):.2f} s"
        )
    return medians


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--exe", type=Path, default=BUNDLE_EXE, help="the bundled executable")
    parser.add_argument("--source", action="store_true", help="also time `python main.py`")
    parser.add_argument(
        "--xvfb", action="store_true", help="use a private Xvfb even if DISPLAY is set"
    )
    args = parser.parse_args(argv)
    for tool in ("xdotool", "Xvfb"):
        if not shutil.which(tool):
            print(f"{tool} not found")
            return 2
    xvfb = None
    display = os.environ.get("DISPLAY", "")
    if args.xvfb or not display:
        xvfb, display = start_xvfb()
    try:
        commands = {f"bundle ({args.exe})": [str(args.exe)]}
        if args.source:
            commands["checkout (python main.py)"] = [sys.executable, "main.py"]
        medians = measure(commands, display, args.runs)
        if args.source:
            bundle, source = medians.values()
            print(f"ratio bundle / checkout: {bundle / source:.2f}")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
