"""The page: each figure's link lists exactly what it counts; a bad period is explained; the PDF."""
from __future__ import annotations

import html
import io
import re

import pytest
from pypdf import PdfReader

from tests.conftest import sign_in

FIGURE = re.compile(r'<tr class="level-\d">\s*<th scope="row">([^<]+)(?:<span[^>]*>[^<]*</span>)?</th>\s*'
                    r'<td class="num"><a href="([^"]+)">([\d,]+)</a>')
LISTED = re.compile(r"([\d,]+) (?:records?|communications?)\b")
# The figures whose list counts something else: releases (aggregate records and individual cases
# together, on the detention figures page), States and actors addressed and replies (letters).
NOT_A_COUNT_OF_THE_LIST = {"Persons released upon the Office's action", "Women", "Men", "Children",
                           "States addressed", "Non-State actors addressed", "Replies received",
                           "Countries concerned"}


def _figures_on(client, url: str) -> list[tuple[str, str, int]]:
    page = client.get(url)
    assert page.status_code == 200
    return [(html.unescape(label).strip(), html.unescape(link), int(value.replace(",", "")))
            for label, link, value in FIGURE.findall(page.get_data(as_text=True))]


def _listed(client, url: str) -> int:
    page = client.get(url)
    assert page.status_code == 200, url
    return int(LISTED.search(page.get_data(as_text=True)).group(1).replace(",", ""))


@pytest.mark.parametrize("reader, at_least", [("secretariat", 12), ("officer", 4), ("team_member", 1)])
def test_every_figure_links_to_a_list_of_exactly_the_cases_it_counts(client, world, users, team_member, reader,
                                                                     at_least):
    sign_in(client, team_member if reader == "team_member" else users[reader])
    figures = _figures_on(client, "/figures/?year=2025")
    checked = [(label, url, value) for label, url, value in figures if label not in NOT_A_COUNT_OF_THE_LIST]
    assert len(checked) >= at_least, figures
    for label, url, value in checked:
        assert _listed(client, url) == value, (label, url)


def test_the_numbers_of_a_chart_link_to_their_lists(client, world, users):
    sign_in(client, users["secretariat"])
    page = client.get("/figures/?year=2025").get_data(as_text=True)
    table = page[page.index('id="urgent_actions_by_state"'):]
    cells = re.findall(r'<td class="num"><a href="([^"]+)">(\d+)</a></td>', table[:table.index("</table>")])
    assert len(cells) == 3  # Mexico: alive and free, not located; Iraq: deceased
    for url, value in cells:
        assert _listed(client, html.unescape(url)) == int(value)


@pytest.mark.parametrize("reader, registered", [("officer", 2), ("admin", 3)])
def test_the_confidential_case_is_counted_and_listed_for_the_administrator_only(app, world, users, reader,
                                                                               registered):
    client = app.test_client()
    sign_in(client, users[reader])
    figures = {label: (url, value) for label, url, value in _figures_on(client, "/figures/?year=2025")}
    url, value = figures["Communications registered"]
    assert value == registered
    listed = client.get(url).get_data(as_text=True)
    assert (world.communications["secret"].title in listed) is (reader == "admin")
    page = client.get("/figures/?year=2025").get_data(as_text=True)
    assert ('id="reprisals"' in page) is (reader == "admin")
    assert ("New reprisals cases" in page) is (reader == "admin")


@pytest.mark.parametrize("query, message", [
    ("year=20x5", "“20x5” is not a year we hold figures for"),
    ("year=1850", "not a year we hold figures for"),
    ("from=2025-05-01&to=2025-02-01", "The period ends before it starts"),
    ("from=2025-02-30&to=2025-03-01", "“2025-02-30” is not a date"),
    ("from=2025-02-01", "Give both dates of the period"),
])
def test_a_period_that_cannot_be_read_is_explained_and_kept_in_the_form(client, world, users, query, message):
    sign_in(client, users["secretariat"])
    response = client.get(f"/figures/?{query}")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert message in page
    assert "Communications registered" not in page
    if "from=" in query:
        assert 'value="2025-0' in page  # what was typed is still there to correct
    assert client.get(f"/figures/key-figures.pdf?{query}").status_code == 400


def test_the_pdf_prints_the_same_figures_and_charts(client, world, users):
    sign_in(client, users["secretariat"])
    response = client.get("/figures/key-figures.pdf?from=2025-01-01&to=2025-06-30")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Key figures, 2025-01-01 – 2025-06-30" in text
    assert re.search(r"Communications registered\s+2", text)
    assert re.search(r"Persons located\s+located in the period[^\n]*\n?\s*2", text), text[:3000]
    assert "Letters sent and answered per State" in text
    assert "Reprisals" not in text
    drawn = [name for page in reader.pages for name in (page.get("/Resources", {}).get("/XObject") or {})]
    assert drawn, "the charts are drawn in the PDF"
