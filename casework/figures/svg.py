"""Charts drawn as SVG in the page itself, for the modules' statistics pages.

The strict Content-Security-Policy (`style-src 'self'`) refuses inline styles, so nothing here
carries a `style` attribute or element: bars and texts take classes, coloured by
`static/css/figures.css`, and the textures are drawn with SVG presentation attributes, which the
policy does not govern. Each bar is a link to the list of what it counts; a label too long for
its room wraps onto a second line and keeps its whole text in a `<title>`. Colour is never the only
carrier: a sombre tone is also hatched, a held one dotted, each series is named in a legend, and
the table beside the chart gives every number.
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Iterator

from flask_babel import format_decimal
from markupsafe import Markup, escape

from casework.figures.sections import Chart, Series

WIDTH = 400
FONT = 12
CHAR = 6.7  # the mean width of a character at FONT, in the chart's units
# On a narrow screen the stylesheet sets the texts a size larger, to stay legible once the chart
# is scaled down: labels wrap, and the legend is laid out, for that larger size.
ROOMY = 1.25
LINE = 16
BAR = 18
TEXTURES = {"grave": "hatch", "held": "dots"}
# What each tone says, for the legend's order and the class of a series without one.
TONES = ("good", "held", "grave", "pending", "age-1", "age-2", "age-3", "age-4", "accent")


def inline_svg(chart: Chart) -> Markup:
    """The chart as an `<svg>` element to put in the page (empty when there is nothing to draw)."""
    if chart.is_empty:
        return Markup("")
    series = [s for s in chart.series if s.charted]
    legend, top = _legend(chart.key, series) if len(series) > 1 else ([], 0)
    body, height = (_horizontal if chart.horizontal else _columns)(chart, series, top)
    return Markup(
        f'<svg class="stat-chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="{escape(chart.title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(chart.title)}</title>{_defs(chart.key)}{"".join(legend)}{"".join(body)}</svg>')


def tone_of(series: Series, index: int) -> str:
    return series.tone or f"series-{index % 6 + 1}"


def _defs(key: str) -> str:
    return (f'<defs><pattern id="{key}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="2" height="6" fill="#ffffff" fill-opacity=".55"/></pattern>'
            f'<pattern id="{key}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<circle cx="3" cy="3" r="1.3" fill="#ffffff" fill-opacity=".7"/></pattern></defs>')


def _bar(key: str, series: Series, index: int, tone: str, box: tuple[float, float, float, float],
         label: str) -> str:
    """One bar or segment, with what it counts as its tooltip, linked to its list when it has one."""
    x, y, w, h = box
    tone = series.tones[index] if index < len(series.tones) else tone
    what = f"{label} · {series.name}: {series.shown(index)}"
    shape = (f'<rect class="bar tone-{tone}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}">'
             f'<title>{escape(what)}</title></rect>')
    texture = TEXTURES.get(tone)
    if texture:
        shape += (f'<rect class="texture" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                  f'fill="url(#{key}-{texture})"/>')
    link = series.link(index)
    return f'<a href="{escape(link)}" tabindex="-1">{shape}</a>' if link else f"<g>{shape}</g>"


def _legend(key: str, series: list[Series]) -> tuple[list[str], float]:
    """The series' names with their swatches, flowing onto as many lines as they need."""
    parts, x, y = [], 0.0, 4.0
    for i, s in enumerate(series):
        width = 22 + len(s.name) * CHAR * ROOMY
        if x and x + width > WIDTH:
            x, y = 0.0, y + LINE + 4
        tone = tone_of(s, i)
        parts.append(f'<rect class="swatch tone-{tone}" x="{x:.1f}" y="{y:.1f}" width="14" height="14"/>')
        if tone in TEXTURES:
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="14" height="14" fill="url(#{key}-{TEXTURES[tone]})"/>')
        parts.append(f'<text class="legend" x="{x + 19:.1f}" y="{y + 11.5:.1f}">{escape(s.name)}</text>')
        x += width + 14
    return parts, y + LINE + 12


def _wrapped(label: str, chars: int, lines: int) -> list[str]:
    """The label on at most `lines` lines of `chars`; only what still does not fit is shortened."""
    found = textwrap.wrap(label, max(chars, 3), break_long_words=True) or [""]
    if len(found) > lines:
        found = found[:lines]
        found[-1] = found[-1][:max(chars - 1, 2)].rstrip() + "…"
    return found


def _text(label: str, lines: list[str], x: float, y: float, cls: str) -> str:
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}"><title>{escape(label)}</title>{spans}</text>'


def _totals(chart: Chart, series: list[Series]) -> list[float]:
    return [sum(s.values[i] for s in series) for i in range(len(chart.labels))]


def _horizontal(chart: Chart, series: list[Series], y: float) -> tuple[list[str], float]:
    """A row per label: the label above its bar, the bar's total after it."""
    room = WIDTH - 56
    totals = _totals(chart, series)
    largest = max(totals if chart.stacked else [v for s in series for v in s.values]) or 1
    parts = []
    for i, label in enumerate(chart.labels):
        lines = _wrapped(label, int(WIDTH / (CHAR * ROOMY)), 2)
        parts.append(_text(label, lines, 0, y + FONT, "label"))
        y += LINE * len(lines) + 4
        if chart.stacked:
            x = 0.0
            for j, s in enumerate(series):
                w = room * s.values[i] / largest
                if w > 0:
                    parts.append(_bar(chart.key, s, i, tone_of(s, j), (x, y, w, BAR), label))
                    x += w
            parts.append(f'<text class="value" x="{x + 6:.1f}" y="{y + 13:.1f}">{_number(totals[i])}</text>')
            y += BAR + 12
        else:
            for j, s in enumerate(series):
                w = room * s.values[i] / largest
                if w > 0:
                    parts.append(_bar(chart.key, s, i, tone_of(s, j), (0, y, w, BAR - 4), label))
                parts.append(f'<text class="value" x="{w + 6:.1f}" y="{y + 11:.1f}">{escape(s.shown(i))}</text>')
                y += BAR
            y += 10
    return parts, y


def _columns(chart: Chart, series: list[Series], top: float) -> tuple[list[str], float]:
    """A column per label, stacked or side by side, over a scale of round numbers."""
    left, plot = 40.0, 200.0
    totals = _totals(chart, series)
    largest = max(totals if chart.stacked else [v for s in series for v in s.values]) or 1
    step = _step(largest)
    ceiling = step * math.ceil(largest / step)
    base = top + 8 + plot
    parts = []
    for tick in _ticks(ceiling, step):
        y = base - plot * tick / ceiling
        parts.append(f'<line class="grid" x1="{left:.1f}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{left - 6:.1f}" y="{y + 4:.1f}">{_number(tick)}</text>')
    slot = (WIDTH - left) / len(chart.labels)
    chars = max(int(slot / (CHAR * .85)), 3)
    lines_used = 1
    for i, label in enumerate(chart.labels):
        x0 = left + slot * i + slot * .15
        width = slot * .7
        if chart.stacked:
            y = base
            for j, s in enumerate(series):
                h = plot * s.values[i] / ceiling
                if h > 0:
                    parts.append(_bar(chart.key, s, i, tone_of(s, j), (x0, y - h, width, h), label))
                    y -= h
            if totals[i] and slot >= 26:
                parts.append(f'<text class="value middle" x="{x0 + width / 2:.1f}" y="{y - 4:.1f}">'
                             f'{_number(totals[i])}</text>')
        else:
            each = width / len(series)
            for j, s in enumerate(series):
                h = plot * s.values[i] / ceiling
                if h > 0:
                    parts.append(_bar(chart.key, s, i, tone_of(s, j), (x0 + each * j, base - h, each, h), label))
        lines = _wrapped(label, chars, 3)
        lines_used = max(lines_used, len(lines))
        parts.append(_text(label, lines, x0 + width / 2, base + LINE, "label middle"))
    parts.append(f'<line class="axis" x1="{left:.1f}" x2="{WIDTH}" y1="{base:.1f}" y2="{base:.1f}"/>')
    return parts, base + LINE * lines_used + 8


def _step(largest: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that marks the scale about four times."""
    rough = max(largest / 4, 1)
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


def _ticks(ceiling: float, step: float) -> Iterator[float]:
    n = 0
    while n * step <= ceiling:
        yield n * step
        n += 1


def _number(value: float) -> str:
    return escape(format_decimal(value, format="#,##0"))
