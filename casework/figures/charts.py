"""Charts as SVG drawn on the server with pygal, so the page and its PDF show the same picture.

WeasyPrint runs no JavaScript, and the pages allow no inline styles (Content-Security-Policy), so
each chart is a self-contained SVG document served as a `data:` image: its own styles apply inside
it, nothing is fetched from anywhere, and pygal's tooltip script (which would come from the
network) is left out. The table beside each chart carries the same numbers, links and all, for
screen readers and for anyone who wants the exact values.

pygal is imported by the first chart drawn, not with the app: most processes (a letters worker,
a page without figures) never draw one.
"""
from __future__ import annotations

import base64
import copy
import functools
import re
import sys
import threading
from types import ModuleType
from typing import TYPE_CHECKING

from casework.figures.sections import Chart, Series

if TYPE_CHECKING:
    from pygal.style import Style

# The app's palette (static/css/app.css), in an order that stays distinct for the colour-blind.
PALETTE = ("#1d5b8f", "#e0a526", "#3f8f5a", "#b8463b", "#6c5b9e", "#5f7383")
# The colours of the tones, as static/css/figures.css gives them to the pages' charts.
TONES = {"good": "#1d6f32", "held": "#a35c00", "grave": "#6b0f1f", "pending": "#6b7785", "accent": "#00679f",
         "age-1": "#4f93c9", "age-2": "#2a6ea8", "age-3": "#1b4f80", "age-4": "#0b1f3a",
         "series-1": "#00679f", "series-2": "#a35c00", "series-3": "#5b4a9e", "series-4": "#1d6f32",
         "series-5": "#6b7785", "series-6": "#0b1f3a"}
KEPT = 256
_drawn: dict[tuple, str] = {}
_drawn_lock = threading.Lock()
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)

@functools.cache
def _pygal() -> ModuleType:
    import pygal

    # pygal adds an import hook for its map plugins (which we do not use) written in the pre-3.4
    # protocol (`find_module` only). Python 3.11 then warns with ImportWarning on every import that
    # no other finder resolves, anywhere in the process; with warnings as errors that breaks
    # unrelated optional imports.
    sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder) is not pygal.PluginImportFixer]
    return pygal


@functools.cache
def _style() -> Style:
    from pygal.style import Style

    return Style(
        background="#ffffff", plot_background="#ffffff", foreground="#1f2a37", foreground_strong="#0b2545",
        foreground_subtle="#8a96a3", opacity=".9", opacity_hover="1", colors=PALETTE,
        font_family="'DejaVu Sans', 'Noto Sans', Arial, sans-serif",
        title_font_size=15, label_font_size=11, major_label_font_size=11, legend_font_size=12,
        value_font_size=10, tooltip_font_size=12,
    )


def render_svg(chart: Chart) -> str:
    """The chart as SVG markup, with no script and no external reference."""
    pygal = _pygal()
    kind = pygal.HorizontalBar if chart.horizontal else pygal.Bar
    if chart.stacked:
        kind = pygal.HorizontalStackedBar if chart.horizontal else pygal.StackedBar
    rows = len(chart.labels)
    # A horizontal chart grows with its rows; with only a few, pygal would wrap the axis title
    # ("Countr/y") to fit a plot shorter than the word.
    height = max(260, 150 + 28 * rows) if chart.horizontal else 340
    charted = [series for series in chart.series if series.charted]
    plot = kind(
        js=[], disable_xml_declaration=True, style=_styled(charted), width=760, height=height, title=chart.title,
        x_title=chart.x_title, y_title=chart.y_title, legend_at_bottom=True,
        print_values=False, show_minor_x_labels=True, truncate_legend=40,
        x_label_rotation=0 if chart.horizontal or rows <= 12 else 40, margin=12, spacing=12,
        value_formatter=lambda v: f"{v:,.0f}", show_y_guides=True, include_x_axis=True,
    )
    # A horizontal chart draws its first label at the bottom: reversed, it reads top-down as the table.
    labels = [_short(label) for label in (reversed(chart.labels) if chart.horizontal else chart.labels)]
    plot.x_labels = labels
    top = _largest(chart)
    if top <= 10:  # otherwise pygal would mark halves, which read as repeated whole numbers
        plot.y_labels = list(range(0, int(top) + 1))
    for series in charted:
        values = list(reversed(series.values)) if chart.horizontal else series.values
        plot.add(series.name, values)
    return _SCRIPT.sub("", plot.render(is_unicode=True))


def _styled(series: list[Series]) -> Style:
    """The palette with each series in the colour its tone says (a death in a sombre red, not in
    whatever colour came next), as the pages' charts draw it (static/css/figures.css)."""
    palette = iter(PALETTE)
    colors = tuple(TONES[s.tone] if s.tone in TONES else next(palette, PALETTE[-1]) for s in series)
    style = copy.copy(_style())
    style.colors = colors or PALETTE
    return style


def _short(label: str, length: int = 40) -> str:
    """A label that leaves the chart its room ("United Kingdom of Great Britain…"); the table has it whole."""
    return label if len(label) <= length else label[:length - 1].rstrip() + "…"


def _largest(chart: Chart) -> float:
    """The longest bar: the largest value, or the largest stack."""
    charted = [s.values for s in chart.series if s.charted]
    if chart.stacked:
        return max((sum(column) for column in zip(*charted)), default=0)
    return max((v for values in charted for v in values), default=0)


def data_uri(chart: Chart) -> str:
    """The chart as a `data:` URL for an <img>, which the page's policy and WeasyPrint both accept.

    Drawing takes pygal 10–20 ms a chart, most of the page's time beside the queries, while the
    figures of a past year hardly change: the same numbers give the same picture, so it is kept
    (the key is everything drawn; the oldest of `KEPT` pictures goes first).
    """
    key = (chart.title, chart.x_title, chart.y_title, chart.horizontal, chart.stacked, tuple(chart.labels),
           tuple((s.name, s.tone, tuple(s.values)) for s in chart.series if s.charted))
    with _drawn_lock:
        uri = _drawn.get(key)
    if uri is None:
        uri = "data:image/svg+xml;base64," + base64.b64encode(render_svg(chart).encode()).decode()
        with _drawn_lock:
            while len(_drawn) >= KEPT:
                _drawn.pop(next(iter(_drawn)))
            _drawn[key] = uri
    return uri
