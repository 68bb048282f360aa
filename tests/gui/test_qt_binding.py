"""Guards against a Qt binding that corrupts reference counts.

PySide6 6.12.0 returns None from void C++ methods without a new reference; on Python 3.11
(where None is not immortal) a long session of plotting aborts the interpreter with
"none_dealloc". pyproject.toml excludes that release; this test fails if it comes back.
"""

import subprocess
import sys

SCRIPT = """
from PySide6.QtGui import QPainterPath
path = QPainterPath()
for i in range(300_000):
    path.lineTo(float(i), 1.0)
print("survived")
"""


def test_many_void_calls_do_not_abort_the_interpreter():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "survived"
