"""Colours, pen widths and font sizes: one place, so presenter mode can scale them all.

Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
Views read ``current()`` when they build or restyle; ``on_theme_changed`` listeners restyle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

# Okabe & Ito (2008), "Color Universal Design"; black is left out for the dark theme.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#999999",  # grey
)


@dataclass(frozen=True)
class Theme:
    dark: bool = False
    presenter: bool = False

    @property
    def scale(self) -> float:
        """Multiplier for fonts and lines: presenter mode is for the back of a room."""
        return 1.6 if self.presenter else 1.0

    @property
    def pen_width(self) -> float:
        return 3.0 if self.presenter else 1.5

    @property
    def thin_pen_width(self) -> float:
        return 1.5 if self.presenter else 1.0

    @property
    def base_point_size(self) -> float:
        return 16.0 if self.presenter else 10.0

    @property
    def background(self) -> str:
        return "#1e1e1e" if self.dark else "#ffffff"

    @property
    def foreground(self) -> str:
        return "#e6e6e6" if self.dark else "#202020"

    @property
    def grid_alpha(self) -> float:
        return 0.25

    @property
    def shade_saturated(self) -> str:
        """Fill for saturated regions (RGBA hex)."""
        return "#E69F0040"

    @property
    def shade_dead(self) -> str:
        return "#99999955"

    def colour(self, index: int) -> str:
        return OKABE_ITO[index % len(OKABE_ITO)]


class _ThemeNotifier(QObject):
    """Carries theme changes as a Qt signal: a listener that is a method of a QObject is
    disconnected by Qt when that object is destroyed, so a deleted view is never called."""

    changed = Signal(object)


_current = Theme()
_notifier: _ThemeNotifier | None = None


def _the_notifier() -> _ThemeNotifier:
    global _notifier
    if _notifier is None:
        _notifier = _ThemeNotifier()
    return _notifier


def current() -> Theme:
    return _current


def set_theme(**changes: bool) -> Theme:
    """Change the theme (``dark=``, ``presenter=``) and tell every listener."""
    global _current
    _current = replace(_current, **changes)
    _the_notifier().changed.emit(_current)
    return _current


def on_theme_changed(listener: Callable[[Theme], None]) -> Callable[[], None]:
    """Call ``listener(theme)`` on every change until the returned function is called or,
    when ``listener`` is a QObject's method, until that object is destroyed."""
    connection = _the_notifier().changed.connect(listener)

    def remove() -> None:
        # By handle: quiet (returns False) when Qt already dropped the connection.
        QObject.disconnect(connection)

    return remove


# The widget style of each look, made once and kept while the app runs (see _use_style).
_styles: dict[bool, QStyle] = {}
_retired: QObject | None = None

_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


class _DarkFusionStyle(QProxyStyle):
    """Fusion outlines check boxes in a shade of the window colour, which all but
    vanishes on a dark background; this draws a visible frame around them."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # Qt override
        super().drawPrimitive(element, option, painter, widget)
        if element not in _INDICATORS:
            return
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor("#a0a0a0"), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        r = option.rect.adjusted(1, 1, -1, -1).toRectF().adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(r)
        else:
            painter.drawRoundedRect(r, 2.0, 2.0)
        painter.restore()


def _use_style(app: QApplication, style: QStyle) -> None:
    """Make ``style`` the app's without letting Qt delete the one it replaces.

    Qt deletes the style it replaces, but a plot's layout (QGraphicsGridLayout) keeps a
    pointer to the style it was last laid out with until it is next invalidated: after a
    language switch and presenter mode, the first switch to the dark theme had a
    histogram view read the deleted style and crash the app. The styles not in use are
    kept, as children of an object of the app's (deleted with it)."""
    global _retired
    current = app.style()
    if current is style:
        return
    if _retired is None:
        _retired = QObject(app)
    current.setParent(_retired)
    app.setStyle(style)


def apply_palette(app: QApplication, dark: bool) -> None:
    """Widgets follow the theme too: a dark palette on Qt's Fusion style (which honours
    palettes on every platform), and the platform's own style and palette for light."""
    _styles.setdefault(False, app.style())  # the platform's own, as the app started
    if not dark:
        _use_style(app, _styles[False])
        app.setPalette(app.style().standardPalette())
        return
    if True not in _styles:
        _styles[True] = _DarkFusionStyle("Fusion")
    _use_style(app, _styles[True])
    t = Theme(dark=True)
    window, base, text = QColor("#2b2b2b"), QColor(t.background), QColor(t.foreground)
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#333333"),
        QPalette.ColorRole.ToolTipBase: QColor("#3a3a3a"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9a9a9a"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#353535"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Highlight: QColor(OKABE_ITO[0]),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor(OKABE_ITO[4]),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    disabled = QColor("#7a7a7a")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(p)
