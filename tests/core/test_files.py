import os
import stat
import sys

import pytest

from core.files import write_atomically
from core.records_export import write_records_json
from core.session import Session, save_session

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and symlinks")


def test_a_failed_write_leaves_the_previous_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def fail(out):
        out.write("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.json"]  # no temporary file left behind
    write_atomically(target, lambda out: out.write("new"))
    assert target.read_text(encoding="utf-8") == "new"


@posix_only
def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomically(link, lambda out: out.write("new"))
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


@posix_only
@pytest.mark.parametrize("writer", ["plain", "records", "session"])
def test_a_device_or_pipe_is_written_into_not_replaced(tmp_path, writer):
    """`main.py train --json /dev/null` replaced the device with a plain file (the
    temporary file was renamed over it), which broke every program that then used
    /dev/null on that machine. A named pipe stands in for the device here."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that opening it to write cannot block
    try:
        if writer == "plain":
            write_atomically(fifo, lambda out: out.write("through the pipe"))
        elif writer == "records":
            write_records_json(fifo, {"activation": "relu"}, [])
        else:
            save_session(fifo, Session())
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe
        received = os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    assert received.startswith("through" if writer == "plain" else "{")
    assert os.listdir(tmp_path) == ["pipe"]
