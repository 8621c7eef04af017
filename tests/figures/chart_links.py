"""Reading a statistics page's charts as a user meets them: each bar, its colour, what its tooltip
says and the list it opens."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

BAR = re.compile(r'<a href="([^"]+)" tabindex="-1"><rect class="bar tone-([\w-]+)"[^>]*><title>([^<]*): ([\d,]+)</title>')
LISTED = re.compile(r'<p class="count">([\d,]+) \w+')


@dataclass
class Bar:
    url: str
    tone: str
    what: str  # "Mexico · Located deceased"
    value: int


def bars(page: str, key: str) -> list[Bar]:
    """The linked bars of the chart `key` (its panel's id) on the page."""
    start = page.index(f'id="{key}"')
    chart = page[start:page.index("</svg>", start)]
    return [Bar(html.unescape(url), tone, html.unescape(what), int(value.replace(",", "")))
            for url, tone, what, value in BAR.findall(chart)]


def listed(client, url: str) -> int:
    """How many records the list behind a link says it shows."""
    page = client.get(url)
    assert page.status_code == 200, url
    return int(LISTED.search(page.get_data(as_text=True)).group(1).replace(",", ""))


def assert_each_bar_lists_what_it_counts(client, page: str, key: str) -> list[Bar]:
    found = bars(page, key)
    assert found, f"the chart {key} has linked bars"
    for bar in found:
        assert listed(client, bar.url) == bar.value, (bar.what, bar.url)
    return found
