"""Charts drawn on the server as SVG: no JavaScript, the same in the browser and in a printed page.

The template draws what :func:`stacked_bars` lays out; every chart is also given as a table next to it, and the
SVG carries a title and a description for screen readers. Colours come with a pattern or a label, never alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
HEIGHT = 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 16, 40


@dataclass(frozen=True)
class Series:
    """A series: its key in the values, its label, and its fill – a colour, or ``url(#id)`` of a pattern in
    :data:`PATTERNS`, so that series differ in more than colour."""

    key: str
    label: str | Promise
    fill: str


# Hatching and dots for the second and third series: they stay apart in greyscale and for colour-blind readers.
PATTERNS = (
    '<pattern id="hatch-advice" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" fill="#e6a317"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1b1b1b" '
    'stroke-width="1.5"/></pattern>'
    '<pattern id="dots-judgement" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#1a6db5"/><circle cx="3" cy="3" r="1.2" fill="#ffffff"/></pattern>'
)


@dataclass(frozen=True)
class Segment:
    series: Series
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    segments: tuple[Segment, ...]
    label_x: float
    total_y: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    series: tuple[Series, ...]
    axis_x: float
    axis_y: float
    axis_right: float


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return max(1, top // 5)


def stacked_bars(labels: list[str], series: list[Series], values: list[dict[str, int]]) -> Chart:
    """One stacked bar per label; ``values[i][series.key]`` is the height of that series in bar ``i``."""
    totals = [sum(v.get(s.key, 0) for s in series) for v in values]
    step = _step(max(totals, default=0) or 1)
    top = max(step, -(-max(totals, default=0) // step) * step)
    plot_h = HEIGHT - _TOP - _BOTTOM
    plot_w = WIDTH - _LEFT - _RIGHT
    slot = plot_w / max(1, len(labels))
    width = slot * 0.6
    bars = []
    for n, (label, value, total) in enumerate(zip(labels, values, totals, strict=True)):
        x = _LEFT + n * slot + (slot - width) / 2
        base: float = HEIGHT - _BOTTOM
        segments = []
        for s in series:
            amount = value.get(s.key, 0)
            if not amount:
                continue
            h = plot_h * amount / top
            base -= h
            segments.append(Segment(s, amount, round(x, 1), round(base, 1), round(width, 1), round(h, 1)))
        bars.append(Bar(label, total, tuple(segments), round(x + width / 2, 1), round(base - 4, 1)))
    ticks = tuple(Tick(v, round(HEIGHT - _BOTTOM - plot_h * v / top, 1)) for v in range(0, top + 1, step))
    return Chart(WIDTH, HEIGHT, tuple(bars), ticks, tuple(series), _LEFT, HEIGHT - _BOTTOM, WIDTH - _RIGHT)


def chart_svg(chart: Chart, *, title: str, description: str, element_id: str) -> SafeString:
    """The chart as inline SVG with a title and a description (``role="img"``); every value also as a tooltip."""
    e = escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{element_id}-title '
        f'{element_id}-desc" viewBox="0 0 {chart.width} {chart.height}" width="100%" '
        'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{element_id}-title">{e(title)}</title><desc id="{element_id}-desc">{e(description)}</desc>',
        f"<defs>{PATTERNS}</defs>",
    ]
    for t in chart.ticks:
        parts.append(
            f'<line x1="{chart.axis_x}" x2="{chart.axis_right}" y1="{t.y}" y2="{t.y}" stroke="#d0d0d0" '
            f'stroke-width="1"/><text x="{chart.axis_x - 6}" y="{t.y}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="11" fill="#1b1b1b">{t.value}</text>'
        )
    for n, bar in enumerate(chart.bars, start=1):
        parts.append(f'<g data-bar="{n}">')
        for s in bar.segments:
            parts.append(
                f'<rect x="{s.x}" y="{s.y}" width="{s.width}" height="{s.height}" fill="{e(s.series.fill)}" '
                f'stroke="#1b1b1b" stroke-width="0.5"><title>{e(bar.label)}: {s.value} '
                f"{e(str(s.series.label).lower())}</title></rect>"
            )
        parts.append(
            f'<text x="{bar.label_x}" y="{bar.total_y}" text-anchor="middle" font-size="11" '
            f'fill="#1b1b1b">{bar.total}</text><text x="{bar.label_x}" y="{chart.axis_y + 16}" '
            f'text-anchor="middle" font-size="10" fill="#1b1b1b">{e(bar.label)}</text></g>'
        )
    parts.append(
        f'<line x1="{chart.axis_x}" x2="{chart.axis_right}" y1="{chart.axis_y}" y2="{chart.axis_y}" '
        'stroke="#1b1b1b" stroke-width="1"/></svg>'
    )
    return mark_safe("".join(parts))


# --- Trend lines ---------------------------------------------------------------------------------------------

# Lines differ in dash pattern and point shape as well as colour: apart in greyscale and for colour-blind readers.
LINE_STYLES = (
    ("#1a6db5", "", "circle"),
    ("#b5591a", "6 3", "square"),
    ("#1b1b1b", "2 3", "diamond"),
)


@dataclass(frozen=True)
class Point:
    label: str
    value: float
    x: float
    y: float


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: str
    shape: str
    points: tuple[Point, ...]
    path: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    lines: tuple[Line, ...]
    ticks: tuple[tuple[str, float], ...]
    x_labels: tuple[tuple[str, float], ...]
    axis_x: float
    axis_y: float
    axis_right: float


def _nice_top(top: float) -> tuple[float, float]:
    """A round upper end of the axis and its step (five steps or fewer)."""
    if top <= 0:
        return 1.0, 0.2
    magnitude = 10 ** len(str(int(top))) / 10 if top >= 1 else 0.1
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = magnitude * factor
        if top / step <= 5:
            return step * -(-top // step), step
    return top, top / 5


def _number(value: float) -> str:
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return text.replace(".", ",")


def trend_lines(labels: list[str], series: list[tuple[str, list[float | None]]]) -> TrendChart:
    """One line per series over the periods ``labels``; a missing value (suppressed, not computed) breaks the
    line, it is not drawn as zero."""
    values = [v for _, vs in series for v in vs if v is not None]
    top, step = _nice_top(max(values, default=0.0))
    plot_h = HEIGHT - _TOP - _BOTTOM
    plot_w = WIDTH - _LEFT - _RIGHT
    slot = plot_w / max(1, len(labels))
    xs = [_LEFT + slot * (n + 0.5) for n in range(len(labels))]
    lines = []
    for n, (label, vs) in enumerate(series):
        colour, dash, shape = LINE_STYLES[n % len(LINE_STYLES)]
        points = tuple(
            Point(labels[i], v, round(xs[i], 1), round(HEIGHT - _BOTTOM - plot_h * v / top, 1))
            for i, v in enumerate(vs)
            if v is not None
        )
        parts: list[str] = []
        previous = None
        for i, v in enumerate(vs):
            if v is None:
                previous = None
                continue
            x, y = round(xs[i], 1), round(HEIGHT - _BOTTOM - plot_h * v / top, 1)
            parts.append(f"{'L' if previous is not None else 'M'}{x} {y}")
            previous = i
        lines.append(Line(label, colour, dash, shape, points, " ".join(parts)))
    count = round(top / step)
    ticks = tuple(
        (_number(step * k), round(HEIGHT - _BOTTOM - plot_h * step * k / top, 1)) for k in range(count + 1)
    )
    return TrendChart(
        WIDTH,
        HEIGHT,
        tuple(lines),
        ticks,
        tuple((label, round(x, 1)) for label, x in zip(labels, xs, strict=True)),
        _LEFT,
        HEIGHT - _BOTTOM,
        WIDTH - _RIGHT,
    )


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{colour}"'
    if shape == "diamond":
        return f'<path d="M{x} {y - 5}L{x + 5} {y}L{x} {y + 5}L{x - 5} {y}Z" fill="{colour}"'
    return f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}"'


def trend_svg(
    chart: TrendChart, *, title: str, description: str, element_id: str, unit: str = ""
) -> SafeString:
    """The trend as inline SVG with a title, a description and a legend; each point's value as a tooltip."""
    e = escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{element_id}-title '
        f'{element_id}-desc" viewBox="0 0 {chart.width} {chart.height + 24}" width="100%" '
        'preserveAspectRatio="xMinYMin meet">',
        f'<title id="{element_id}-title">{e(title)}</title><desc id="{element_id}-desc">{e(description)}</desc>',
    ]
    for label, y in chart.ticks:
        parts.append(
            f'<line x1="{chart.axis_x}" x2="{chart.axis_right}" y1="{y}" y2="{y}" stroke="#d0d0d0" '
            f'stroke-width="1"/><text x="{chart.axis_x - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="11" fill="#1b1b1b">{e(label)}</text>'
        )
    for label, x in chart.x_labels:
        parts.append(
            f'<text x="{x}" y="{chart.axis_y + 16}" text-anchor="middle" font-size="11" fill="#1b1b1b">'
            f"{e(label)}</text>"
        )
    for n, line in enumerate(chart.lines, start=1):
        parts.append(f'<g data-line="{n}">')
        if line.path:
            dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
            parts.append(f'<path d="{line.path}" fill="none" stroke="{line.colour}" stroke-width="2"{dash}/>')
        for p in line.points:
            parts.append(
                _marker(line.shape, p.x, p.y, line.colour)
                + f"><title>{e(line.label)}, {e(p.label)}: {e(_number(p.value))} {e(unit)}</title>"
                + (
                    "</rect>"
                    if line.shape == "square"
                    else "</path>"
                    if line.shape == "diamond"
                    else "</circle>"
                )
            )
        parts.append("</g>")
    parts.append(
        f'<line x1="{chart.axis_x}" x2="{chart.axis_right}" y1="{chart.axis_y}" y2="{chart.axis_y}" '
        'stroke="#1b1b1b" stroke-width="1"/>'
    )
    legend_y = chart.height + 12
    x = chart.axis_x
    for line in chart.lines:
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 24}" y1="{legend_y}" y2="{legend_y}" stroke="{line.colour}" '
            f'stroke-width="2"{dash}/>'
            + _marker(line.shape, x + 12, legend_y, line.colour)
            + "/>"
            + f'<text x="{x + 30}" y="{legend_y}" dominant-baseline="middle" font-size="11" fill="#1b1b1b">'
            f"{e(line.label)}</text>"
        )
        x += 36 + 7 * len(line.label)
    parts.append("</svg>")
    return mark_safe("".join(parts))
