"""Render the app icon with Qt and write it as .png (several sizes), .ico and .icns.

Run by hand when the icon changes: ``.venv/bin/python packaging/make_icons.py``.
ICO and ICNS both accept PNG payloads, so no image library beyond Qt is needed.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAME = "activation-lab"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#0B3C5D"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)
    # axes
    p.setPen(QPen(QColor(255, 255, 255, 90), 4 * s))
    p.drawLine(QPointF(32 * s, 160 * s), QPointF(224 * s, 160 * s))
    p.drawLine(QPointF(128 * s, 40 * s), QPointF(128 * s, 220 * s))

    def curve(fn, colour: str, width: float) -> None:
        path = QPainterPath()
        for i in range(0, 193):
            x = -6.0 + 12.0 * i / 192.0
            px = (32 + i) * s
            py = (160 - 100 * fn(x)) * s
            if i == 0:
                path.moveTo(px, py)
            else:
                path.lineTo(px, py)
        pen = QPen(QColor(colour), width * s)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)

    curve(lambda x: max(0.0, x) / 6.0 * 1.1, "#E69F00", 14)  # ReLU
    curve(lambda x: 1.0 / (1.0 + math.exp(-1.4 * x)), "#56B4E9", 14)  # sigmoid
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def write_ico(path: Path, sizes: list[int]) -> None:
    payloads = [png_bytes(render(n)) for n in sizes]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries = b""
    for n, data in zip(sizes, payloads, strict=True):
        dim = 0 if n >= 256 else n  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    path.write_bytes(header + entries + b"".join(payloads))


def write_icns(path: Path) -> None:
    # PNG-payload icon types: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x).
    chunks = b""
    for kind, n in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)):
        data = png_bytes(render(n))
        chunks += kind + struct.pack(">I", len(data) + 8) + data
    path.write_bytes(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for n in (16, 32, 48, 64, 128, 256, 512):
        render(n).save(str(OUT / f"{NAME}-{n}.png"))
    render(256).save(str(OUT / f"{NAME}.png"))
    write_ico(OUT / f"{NAME}.ico", [16, 24, 32, 48, 64, 128, 256])
    write_icns(OUT / f"{NAME}.icns")
    print(f"icons written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
