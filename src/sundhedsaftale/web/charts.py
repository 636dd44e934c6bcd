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
