"""Write a sequence of rendered frames as an animated GIF, for slides and handouts."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

MAX_FRAMES = 2000


def write_gif(
    path: str | os.PathLike[str],
    frames: Sequence[np.ndarray],
    *,
    fps: float = 10.0,
    loop: bool = True,
) -> None:
    """Frames are HxWx3 (or HxWx4) uint8 arrays of one size; the palette is adaptive."""
    from PIL import Image  # imported here: only export needs it

    if not frames:
        raise ValueError("an animation needs at least one frame")
    if len(frames) > MAX_FRAMES:
        raise ValueError(f"{len(frames)} frames is more than the {MAX_FRAMES} a GIF export takes")
    if not (0.5 <= fps <= 50):
        raise ValueError(f"fps = {fps:g} is outside [0.5, 50]")
    shape = frames[0].shape
    images = []
    for i, frame in enumerate(frames):
        a = np.asarray(frame)
        if a.dtype != np.uint8 or a.ndim != 3 or a.shape[2] not in (3, 4):
            raise ValueError(f"frame {i} must be an HxWx3 or HxWx4 uint8 array, got {a.shape}")
        if a.shape != shape:
            raise ValueError(f"frame {i} is {a.shape[:2]}, the first frame is {shape[:2]}")
        images.append(Image.fromarray(np.ascontiguousarray(a[..., :3])).quantize(colors=255))
    duration_ms = round(1000.0 / fps)
    images[0].save(
        os.fspath(path),
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=duration_ms,
        loop=0 if loop else 1,
        optimize=False,
    )
