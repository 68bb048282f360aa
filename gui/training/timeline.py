"""The timeline: a slider over the kept records, and a badge saying live or which step.

Decision: dragging the slider pauses training (the record you look at cannot be decimated
away under you, and a lecturer scrubs to explain, not to race). At the right end the badge
reads LIVE; elsewhere it reads "step N (paused)", and Start or the Live button jumps back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from gui import theme as theme_mod


class TimelineBar(QWidget):
    """Slider position = index into the run history; the controller maps it to records."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        self.caption = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setPageStep(10)
        self.step_label = QLabel()  # minimum widths from the font: _fit_widths()
        self.live_badge = QLabel()
        self.live_badge.setObjectName("LiveBadge")
        self.live_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.live_button = QPushButton()
        row.addWidget(self.caption)
        row.addWidget(self.slider, 1)
        row.addWidget(self.step_label)
        row.addWidget(self.live_badge)
        row.addWidget(self.live_button)
        self._theme = theme_mod.current()
        self._position = (0, 0, True)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_widths()
        super().changeEvent(event)

    def _fit_widths(self) -> None:
        """Wide enough for a long step text and either badge, so nothing moves as they
        change: measured in the current font and language, not fixed pixels."""
        fm = self.step_label.fontMetrics()
        longest = self.tr("step {step} of {latest}").format(step=888888, latest=888888)
        self.step_label.setMinimumWidth(fm.horizontalAdvance(longest) + 4)
        bold = QFont(self.live_badge.font())
        bold.setBold(True)
        bfm = QFontMetrics(bold)
        badges = (self.tr("● LIVE"), self.tr("◼ PAST"))
        pad = 2 * bfm.horizontalAdvance("0") + 4
        self.live_badge.setMinimumWidth(max(bfm.horizontalAdvance(t) for t in badges) + pad)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Timeline"))
        self.slider.setToolTip(self.tr("Drag to look at an earlier step (pauses training)"))
        self.live_button.setText(self.tr("Go live"))
        self.live_button.setToolTip(self.tr("Jump to the newest step and follow training"))
        self.show_position(*self._position)
        self._fit_widths()

    def set_count(self, n: int, follow: bool) -> None:
        """The history holds ``n`` records; ``follow`` keeps the slider at the end."""
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(n - 1, 0))
        if follow:
            self.slider.setValue(max(n - 1, 0))
        self.slider.blockSignals(False)

    def set_index(self, i: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(i)
        self.slider.blockSignals(False)

    def show_position(self, step: int, latest_step: int, live: bool) -> None:
        self._position = (step, latest_step, live)
        if live:
            self.step_label.setText(self.tr("step {step}").format(step=step))
            self.live_badge.setText(self.tr("● LIVE"))
        else:
            self.step_label.setText(
                self.tr("step {step} of {latest}").format(step=step, latest=latest_step)
            )
            self.live_badge.setText(self.tr("◼ PAST"))
        self.live_button.setEnabled(not live)
        self._style_badge(live)

    def _style_badge(self, live: bool, force: bool = False) -> None:
        if not force and getattr(self, "_live", None) == live:
            return  # a style sheet change re-polishes the widget: only on a real change
        th = self._theme
        colour = th.colour(2) if live else th.colour(5)
        self.live_badge.setStyleSheet(
            f"#LiveBadge {{ color: white; background: {colour}; border-radius: 3px;"
            f" padding: 2px 6px; font-weight: bold; }}"
        )
        self._live = live

    def apply_theme(self, th: theme_mod.Theme) -> None:
        self._theme = th
        # The application font changes after the theme listeners ran; the badge's style
        # sheet fixes its font when applied, so it is applied again once the font is new
        # (applied now, the badge kept the previous mode's size).
        QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        self._style_badge(getattr(self, "_live", True), force=True)
        self._fit_widths()
