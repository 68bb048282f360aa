import numpy as np
import pytest
from PIL import Image

from core.animation import write_gif


def _frames(n: int, h: int = 20, w: int = 30) -> list[np.ndarray]:
    out = []
    for i in range(n):
        f = np.zeros((h, w, 3), np.uint8)
        f[:, : (i + 1) * w // n] = (0, 114, 178)
        out.append(f)
    return out


def test_gif_has_every_frame_at_the_requested_rate(tmp_path):
    path = tmp_path / "timeline.gif"
    write_gif(path, _frames(7), fps=5)
    with Image.open(path) as im:
        assert im.n_frames == 7
        assert im.size == (30, 20)
        assert im.info["duration"] == 200
        im.seek(6)
        last = np.asarray(im.convert("RGB"))
    assert tuple(last[10, 29]) == (0, 114, 178)


@pytest.mark.parametrize(
    ("frames", "message"),
    [
        ([], "at least one frame"),
        ([np.zeros((4, 4, 3), np.uint8), np.zeros((5, 4, 3), np.uint8)], "first frame"),
        ([np.zeros((4, 4), np.uint8)], "HxWx3"),
        ([np.zeros((4, 4, 3), np.float32)], "uint8"),
    ],
)
def test_bad_frames_are_refused(tmp_path, frames, message):
    with pytest.raises(ValueError, match=message):
        write_gif(tmp_path / "x.gif", frames)
