"""Typeset the registry's formulas: a small LaTeX-subset parser and a QPainter renderer.

No TeX engine ships with the app, so the subset used in ``formula_latex`` is parsed into
boxes (text, fraction, scripts, root, stretchy delimiters, cases) that lay themselves out
with QFontMetricsF and paint with QPainter. An unknown command is shown in red, never as
silent source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SYMBOLS: dict[str, str] = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "Phi": "Φ",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "approx": "≈",
    "sim": "∼",
    "cdot": "·",
    "times": "×",
    "pm": "±",
    "infty": "∞",
    "in": "∈",
    "to": "→",
    "neq": "≠",
}
FUNCTIONS = frozenset({"tanh", "ln", "log", "exp", "max", "min", "erf", "sinh", "cosh"})
SPACES: dict[str, float] = {",": 0.17, "!": -0.17, " ": 0.3, ";": 0.28, "quad": 1.0}
RELATIONS = frozenset("=<>≤≥≈∼≠∈→")
BINARY = frozenset("+−·×±")
OPENERS = frozenset("([{|")


# -- boxes ------------------------------------------------------------------------------
@dataclass
class Box:
    """Something with a width, an ascent and a descent, laid out at a font size."""

    width: float = 0.0
    ascent: float = 0.0
    descent: float = 0.0

    def layout(self, size: float) -> None:
        raise NotImplementedError

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        raise NotImplementedError

    def texts(self) -> list[str]:
        return []


def _font(size: float, italic: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(max(size, 4.0))
    f.setItalic(italic)
    return f


@dataclass
class Text(Box):
    text: str = ""
    italic: bool = False
    unknown: bool = False
    operator: bool = False  # a named function (tanh, ln, erf): spaced from its neighbours
    size: float = 10.0

    def layout(self, size: float) -> None:
        self.size = size
        fm = QFontMetricsF(_font(size, self.italic))
        self.width = fm.horizontalAdvance(self.text) + (fm.height() * 0.06 if self.italic else 0)
        self.ascent = fm.ascent() * 0.92
        self.descent = fm.descent()

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        p.save()
        p.setFont(_font(self.size, self.italic))
        if self.unknown:
            p.setPen(QColor("#D55E00"))
        p.drawText(QPointF(x, baseline), self.text)
        p.restore()

    def texts(self) -> list[str]:
        return [self.text]


@dataclass
class Space(Box):
    em: float = 0.0

    def layout(self, size: float) -> None:
        self.width = self.em * QFontMetricsF(_font(size)).height() * 0.8

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        pass


@dataclass
class Row(Box):
    items: list[Box] = field(default_factory=list)

    def layout(self, size: float) -> None:
        for b in self.items:
            b.layout(size)
        self.width = sum(b.width for b in self.items)
        self.ascent = max((b.ascent for b in self.items), default=0.0)
        self.descent = max((b.descent for b in self.items), default=0.0)

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        for b in self.items:
            b.paint(p, x, baseline)
            x += b.width

    def texts(self) -> list[str]:
        return [t for b in self.items for t in b.texts()]


def _axis(size: float) -> float:
    """Height of the maths axis (where fraction bars sit) above the baseline."""
    return QFontMetricsF(_font(size)).xHeight() * 0.55


@dataclass
class Frac(Box):
    num: Row = field(default_factory=Row)
    den: Row = field(default_factory=Row)
    small: bool = False
    size: float = 10.0

    def layout(self, size: float) -> None:
        self.size = size
        inner = size * (0.72 if self.small else 0.86)
        self.num.layout(inner)
        self.den.layout(inner)
        gap = size * 0.12
        pad = size * 0.15
        self.width = max(self.num.width, self.den.width) + 2 * pad
        axis = _axis(size)
        self.ascent = axis + gap + self.num.descent + self.num.ascent
        self.descent = -axis + gap + self.den.ascent + self.den.descent

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        axis = _axis(self.size)
        gap = self.size * 0.12
        bar_y = baseline - axis
        p.save()
        pen = QPen(p.pen().color(), max(0.8, self.size * 0.07))
        p.setPen(pen)
        p.drawLine(QPointF(x + 1, bar_y), QPointF(x + self.width - 1, bar_y))
        p.restore()
        nx = x + (self.width - self.num.width) / 2
        self.num.paint(p, nx, bar_y - gap - self.num.descent)
        dx = x + (self.width - self.den.width) / 2
        self.den.paint(p, dx, bar_y + gap + self.den.ascent)

    def texts(self) -> list[str]:
        return self.num.texts() + self.den.texts()


@dataclass
class Scripts(Box):
    base: Box = field(default_factory=Row)
    sup: Row | None = None
    sub: Row | None = None

    def layout(self, size: float) -> None:
        self.base.layout(size)
        small = size * 0.7
        w = 0.0
        self.ascent, self.descent = self.base.ascent, self.base.descent
        self._sup_shift = self._sub_shift = 0.0
        if self.sup is not None:
            self.sup.layout(small)
            self._sup_shift = max(self.base.ascent * 0.55, size * 0.45)
            self.ascent = max(self.ascent, self._sup_shift + self.sup.ascent)
            w = self.sup.width
        if self.sub is not None:
            self.sub.layout(small)
            self._sub_shift = size * 0.25
            self.descent = max(self.descent, self._sub_shift + self.sub.descent)
            w = max(w, self.sub.width)
        self.width = self.base.width + w + size * 0.05

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        self.base.paint(p, x, baseline)
        sx = x + self.base.width + self.width * 0 + 0.5
        if self.sup is not None:
            self.sup.paint(p, sx, baseline - self._sup_shift)
        if self.sub is not None:
            self.sub.paint(p, sx, baseline + self._sub_shift)

    def texts(self) -> list[str]:
        out = self.base.texts()
        for r in (self.sup, self.sub):
            if r is not None:
                out += r.texts()
        return out


@dataclass
class Sqrt(Box):
    body: Row = field(default_factory=Row)
    size: float = 10.0

    def layout(self, size: float) -> None:
        self.size = size
        self.body.layout(size)
        self._tick = size * 0.7
        self.width = self.body.width + self._tick + size * 0.2
        self.ascent = self.body.ascent + size * 0.2
        self.descent = self.body.descent

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        top = baseline - self.ascent + 1
        bottom = baseline + self.descent
        t = self._tick
        path = QPainterPath(QPointF(x, baseline - (self.ascent + self.descent) * 0.3))
        path.lineTo(QPointF(x + t * 0.3, baseline - (self.ascent + self.descent) * 0.38))
        path.lineTo(QPointF(x + t * 0.6, bottom))
        path.lineTo(QPointF(x + t, top))
        path.lineTo(QPointF(x + self.width, top))
        p.save()
        p.setPen(QPen(p.pen().color(), max(0.8, self.size * 0.07)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.restore()
        self.body.paint(p, x + t + self.size * 0.1, baseline)

    def texts(self) -> list[str]:
        return self.body.texts()


@dataclass
class Delimited(Box):
    """\\left( body \\right): delimiters stretched to the body's height."""

    left: str = "("
    right: str = ")"
    body: Row = field(default_factory=Row)
    size: float = 10.0

    def _delim_size(self, size: float) -> float:
        fm = QFontMetricsF(_font(size))
        need = self.body.ascent + self.body.descent
        have = fm.ascent() + fm.descent()
        return size * max(1.0, need / have * 1.05)

    def layout(self, size: float) -> None:
        self.size = size
        self.body.layout(size)
        self._dsize = self._delim_size(size)
        fm = QFontMetricsF(_font(self._dsize))
        self._lw = fm.horizontalAdvance(self.left) if self.left else 0.0
        self._rw = fm.horizontalAdvance(self.right) if self.right else 0.0
        # Centre the delimiters on the body.
        mid = (self.body.ascent - self.body.descent) / 2
        half = (fm.ascent() + fm.descent()) / 2
        self._dbase = mid - (fm.ascent() - half)  # baseline offset (up is positive)
        self.width = self._lw + self.body.width + self._rw
        self.ascent = max(self.body.ascent, fm.ascent() + self._dbase)
        self.descent = max(self.body.descent, fm.descent() - self._dbase)

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        p.save()
        p.setFont(_font(self._dsize))
        if self.left:
            p.drawText(QPointF(x, baseline - self._dbase), self.left)
        if self.right:
            p.drawText(QPointF(x + self._lw + self.body.width, baseline - self._dbase), self.right)
        p.restore()
        self.body.paint(p, x + self._lw, baseline)

    def texts(self) -> list[str]:
        return [self.left, *self.body.texts(), self.right]


@dataclass
class Cases(Box):
    rows: list[tuple[Row, Row]] = field(default_factory=list)
    size: float = 10.0

    def layout(self, size: float) -> None:
        self.size = size
        for a, b in self.rows:
            a.layout(size)
            b.layout(size)
        self._col = max((a.width for a, _ in self.rows), default=0.0) + size * 1.2
        self._colb = max((b.width for _, b in self.rows), default=0.0)
        self._heights = [max(a.ascent, b.ascent) + max(a.descent, b.descent) for a, b in self.rows]
        self._gap = size * 0.25
        total = sum(self._heights) + self._gap * (len(self.rows) - 1)
        self._brace_w = size * 0.8
        self.width = self._brace_w + self._col + self._colb + size * 0.2
        axis = _axis(size)
        self.ascent = total / 2 + axis
        self.descent = total / 2 - axis

    def paint(self, p: QPainter, x: float, baseline: float) -> None:
        top = baseline - self.ascent
        bottom = baseline + self.descent
        mid = (top + bottom) / 2
        w = self._brace_w
        bx = x + w * 0.55
        path = QPainterPath(QPointF(bx + w * 0.3, top))
        path.quadTo(QPointF(bx, top), QPointF(bx, top + w * 0.4))
        path.lineTo(QPointF(bx, mid - w * 0.35))
        path.quadTo(QPointF(bx, mid), QPointF(bx - w * 0.35, mid))
        path.quadTo(QPointF(bx, mid), QPointF(bx, mid + w * 0.35))
        path.lineTo(QPointF(bx, bottom - w * 0.4))
        path.quadTo(QPointF(bx, bottom), QPointF(bx + w * 0.3, bottom))
        p.save()
        p.setPen(QPen(p.pen().color(), max(0.9, self.size * 0.08)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.restore()
        y = top
        cx = x + w + self.size * 0.15
        for (a, b), h in zip(self.rows, self._heights, strict=True):
            asc = max(a.ascent, b.ascent)
            a.paint(p, cx, y + asc)
            b.paint(p, cx + self._col, y + asc)
            y += h + self._gap

    def texts(self) -> list[str]:
        return [t for a, b in self.rows for t in a.texts() + b.texts()]


# -- parser -----------------------------------------------------------------------------
def _tokenize(src: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "\\":
            j = i + 1
            if j < len(src) and not src[j].isalpha():
                out.append(src[i : j + 1])
                i = j + 1
                continue
            while j < len(src) and src[j].isalpha():
                j += 1
            out.append(src[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return out


class _Parser:
    def __init__(self, src: str) -> None:
        self.tokens = _tokenize(src)
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def skip_spaces(self) -> None:
        while self.peek() == " ":
            self.pos += 1

    def group(self) -> Row:
        """A {...} group, or a single atom when there are no braces."""
        self.skip_spaces()
        if self.peek() == "{":
            self.take()
            row = self.row(stop={"}"})
            if self.peek() == "}":
                self.take()
            return row
        atom = self.atom()
        return Row(items=[atom] if atom is not None else [])

    def raw_group(self) -> str:
        """The literal text of a {...} group (for \\text and \\operatorname)."""
        self.skip_spaces()
        if self.peek() != "{":
            return self.take() if self.peek() is not None else ""
        self.take()
        depth, parts = 1, []
        while self.peek() is not None:
            tok = self.take()
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth == 0:
                    break
            parts.append(tok[1:] if tok in ("\\{", "\\}", "\\ ") else tok)
        return "".join(parts)

    def row(self, stop: set[str]) -> Row:
        items: list[Box] = []
        while True:
            tok = self.peek()
            if tok is None or tok in stop:
                break
            if tok == "\\end":
                break
            if tok in ("^", "_"):
                self.take()
                base = items.pop() if items else Row()
                sc = base if isinstance(base, Scripts) else Scripts(base=base)
                if tok == "^":
                    sc.sup = self.group()
                else:
                    sc.sub = self.group()
                items.append(sc)
                continue
            atom = self.atom()
            if atom is not None:
                items.append(atom)
        return Row(items=_space_operators(items))

    def atom(self) -> Box | None:
        tok = self.take()
        if tok == " ":
            return None
        if tok == "{":
            row = self.row(stop={"}"})
            if self.peek() == "}":
                self.take()
            return row
        if not tok.startswith("\\"):
            if tok == "-":
                tok = "−"
            return Text(text=tok, italic=tok.isalpha())
        name = tok[1:]
        if name in SPACES:
            return Space(em=SPACES[name])
        if name in SYMBOLS:
            sym = SYMBOLS[name]
            return Text(text=sym, italic=sym.islower() and sym.isalpha())
        if name in FUNCTIONS:
            return Text(text=name, operator=True)
        if name == "operatorname":
            return Text(text=self.raw_group(), operator=True)
        if name == "text":
            return Text(text=self.raw_group())
        if name in ("frac", "tfrac", "dfrac"):
            num = self.group()
            den = self.group()
            return Frac(num=num, den=den, small=name == "tfrac")
        if name == "sqrt":
            return Sqrt(body=self.group())
        if name == "left":
            left = self._delimiter()
            body = self.row(stop={"\\right"})
            right = ""
            if self.peek() == "\\right":
                self.take()
                right = self._delimiter()
            return Delimited(left=left, right=right, body=body)
        if name == "begin":
            env = self.raw_group()
            if env == "cases":
                return self.cases()
            return Text(text=env, unknown=True)
        if name in ("{", "}", "|"):
            return Text(text=name)
        return Text(text=name, unknown=True)

    def _delimiter(self) -> str:
        self.skip_spaces()
        tok = self.take() if self.peek() is not None else "."
        if tok == ".":
            return ""
        return tok[1:] if tok.startswith("\\") else tok

    def cases(self) -> Cases:
        rows: list[tuple[Row, Row]] = []
        while self.peek() is not None:
            first = self.row(stop={"&", "\\\\"})
            second = Row()
            if self.peek() == "&":
                self.take()
                second = self.row(stop={"\\\\"})
            rows.append((first, second))
            if self.peek() == "\\\\":
                self.take()
                continue
            if self.peek() == "\\end":
                self.take()
                self.raw_group()
            break
        return Cases(rows=rows)


def _space_operators(items: list[Box]) -> list[Box]:
    """Thin spaces around relations and binary operators, as TeX does in maths mode."""
    out: list[Box] = []
    for i, b in enumerate(items):
        if isinstance(b, Text) and not b.unknown and b.text in RELATIONS:
            out += [Space(em=0.28), b, Space(em=0.28)]
            continue
        if isinstance(b, Text) and b.text in BINARY:
            prev = out[-1] if out else None
            unary = prev is None or (
                isinstance(prev, Text)
                and (prev.text in OPENERS or prev.text in "," or prev.text in RELATIONS)
            )
            if isinstance(prev, Space) and len(out) >= 2:
                p2 = out[-2]
                unary = isinstance(p2, Text) and p2.text in RELATIONS
            if not unary and i + 1 < len(items):
                out += [Space(em=0.22), b, Space(em=0.22)]
                continue
        if isinstance(b, Text) and b.operator:
            prev = out[-1] if out else None
            if isinstance(prev, (Text, Scripts, Delimited, Frac)) and not (
                isinstance(prev, Text) and (prev.text in OPENERS or prev.text in BINARY)
            ):
                out.append(Space(em=0.17))
            out.append(b)
            nxt = items[i + 1] if i + 1 < len(items) else None
            if not (
                isinstance(nxt, (Delimited, Space)) or (isinstance(nxt, Text) and nxt.text in "([")
            ):
                out.append(Space(em=0.17))
            continue
        if isinstance(b, Text) and b.text == ",":
            out += [b, Space(em=0.17)]
            continue
        out.append(b)
    return out


def parse_latex(src: str) -> Row:
    """Parse the registry's LaTeX subset into a box tree."""
    return _Parser(src).row(stop=set())


def unknown_commands(box: Box) -> list[str]:
    """Names the renderer did not know (shown in red); empty for every registry formula."""
    found: list[str] = []

    def walk(b: object) -> None:
        if isinstance(b, Text) and b.unknown:
            found.append(b.text)
        for value in getattr(b, "__dict__", {}).values():
            if isinstance(value, Box):
                walk(value)
            elif isinstance(value, list):
                for v in value:
                    if isinstance(v, Box):
                        walk(v)
                    elif isinstance(v, tuple):
                        for w in v:
                            walk(w)

    walk(box)
    return found


# -- the widget -------------------------------------------------------------------------
class FormulaView(QWidget):
    """Paints one formula; the size hint follows the typeset size."""

    MARGIN = 4.0

    def __init__(self, latex: str = "", point_size: float = 12.0, parent: QWidget | None = None):
        super().__init__(parent)
        self._point_size = point_size
        self._colour = QColor("#202020")
        self._latex = ""
        self._box: Row = Row()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_latex(latex)

    def latex(self) -> str:
        return self._latex

    def box(self) -> Row:
        return self._box

    def set_latex(self, latex: str, plain_text: str = "") -> None:
        if latex == self._latex and self._box.items:
            return
        self._latex = latex
        self._box = parse_latex(latex)
        self._box.layout(self._point_size)
        self.setAccessibleName(plain_text or latex)
        self.setToolTip(plain_text)
        self.updateGeometry()
        self.update()

    def set_style(self, colour: str, point_size: float) -> None:
        self._colour = QColor(colour)
        self._point_size = point_size
        self._box.layout(point_size)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        m = 2 * self.MARGIN
        return QSize(
            int(self._box.width + m + 1), int(self._box.ascent + self._box.descent + m + 1)
        )

    def minimumSizeHint(self) -> QSize:
        """Long formulas may shrink to 60 % (painted scaled down) in narrow windows."""
        hint = self.sizeHint()
        return QSize(int(hint.width() * 0.6), hint.height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.setPen(self._colour)
        h = self._box.ascent + self._box.descent
        room = self.width() - 2 * self.MARGIN
        scale = min(1.0, room / self._box.width) if self._box.width > 0 else 1.0
        top = max(self.MARGIN, (self.height() - h * scale) / 2)
        p.translate(self.MARGIN, top)
        p.scale(scale, scale)
        self._box.paint(p, 0.0, self._box.ascent)
        p.end()

    def bounding_rect(self) -> QRectF:
        return QRectF(0, 0, self._box.width, self._box.ascent + self._box.descent)
