"""Render the training run's kept histogram timeline to an animated GIF.

Each frame is the per-layer histogram view redrawn as it was at one kept step (the same
drawing code as the timeline slider), with the step written in a corner. The run is
paused while frames are rendered; the view is put back as it was afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from core.animation import MAX_FRAMES, write_gif
from gui import theme as theme_mod
from gui.training.training_controller import TrainingController

DEFAULT_MAX_FRAMES = 200


def frame_indices(n_kept: int, max_frames: int = DEFAULT_MAX_FRAMES) -> list[int]:
    """Up to ``max_frames`` evenly spread indices into the kept records, first and last
    always included."""
    if n_kept <= 0:
        return []
    m = max(1, min(max_frames, MAX_FRAMES, n_kept))
    if m == 1:
        return [n_kept - 1]
    return sorted({round(i * (n_kept - 1) / (m - 1)) for i in range(m)})


def image_to_array(image: QImage) -> np.ndarray:
    """An HxWx3 uint8 copy of ``image``."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = rgb.height(), rgb.width(), rgb.bytesPerLine()
    buf = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=h * stride)
    return buf.reshape(h, stride)[:, : 3 * w].reshape(h, w, 3).copy()


def _stamp(image: QImage, text: str) -> None:
    th = theme_mod.current()
    painter = QPainter(image)
    try:
        font = QFont(painter.font())
        font.setPointSizeF(max(9.0, th.base_point_size))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(th.foreground))
        margin = 6
        rect = QRect(margin, margin, image.width() - 2 * margin, image.height() - 2 * margin)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, text)
    finally:
        painter.end()


def render_timeline_frames(
    controller: TrainingController,
    max_frames: int = DEFAULT_MAX_FRAMES,
    progress: Callable[[int, int], bool] | None = None,
) -> list[np.ndarray]:
    """The histogram view at each chosen kept step; ``progress(done, total)`` may return
    False to stop early (the frames so far are returned)."""
    controller.pause()
    history = controller.timeline_history() if controller.histories else None
    if history is None or len(history) == 0:
        raise ValueError(
            QCoreApplication.translate("TimelineExport", "There are no recorded steps yet.")
        )
    view = controller.view.histograms
    saved_index = controller.view_index
    indices = frame_indices(len(history), max_frames)
    frames: list[np.ndarray] = []
    label = QCoreApplication.translate("TimelineExport", "step {step}")
    try:
        for n, i in enumerate(indices):
            controller.view_index = i
            records = controller.shown_records()
            view.show_records(records, controller.references)
            image = view.grab().toImage()
            _stamp(image, label.format(step=history[i].step))
            frames.append(image_to_array(image))
            if progress is not None and not progress(n + 1, len(indices)):
                break
    finally:
        controller.view_index = saved_index
        controller.draw()
    return frames


def export_timeline_gif(
    controller: TrainingController,
    path: str | os.PathLike[str],
    *,
    fps: float = 10.0,
    max_frames: int = DEFAULT_MAX_FRAMES,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Write the GIF; returns the number of frames written."""
    frames = render_timeline_frames(controller, max_frames, progress)
    write_gif(path, frames, fps=fps)
    return len(frames)
