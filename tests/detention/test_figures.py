"""Figures per field office, country and year, as the Office reports them: each number is what
the reader may see, and leads to the list of what it counts."""
from __future__ import annotations

import re
from datetime import date

from casework.core.persons import Sex
from casework.detention.cases import operations as releases
from casework.detention.cases.models import CaseIssue, CaseOutcome
from casework.detention.figures import figures
from casework.detention.filters import Filters
from casework.detention.operations import Detainee, find_or_register_person
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import read_page


def visit_history(users, make_facility, make_visit):
    """San Isidro visited in 2024 and 2025, Los Mártires in 2025; a Mexico place in 2025."""
    san_isidro, martires = make_facility("FO-COL", "San Isidro"), make_facility("FO-COL", "Los Mártires")
    frontera = make_facility("FO-MEX", "Frontera Sur")
    for place, day in ((san_isidro, date(2024, 5, 20)), (san_isidro, date(2025, 3, 12)),
                       (martires, date(2025, 4, 8)), (frontera, date(2025, 5, 14))):
        make_visit(place, day, pop_total=10)
    person = find_or_register_person(martires.unit_id, Detainee("Palacios", "Luz", Sex.FEMALE), users["officer"])
    case = releases.open_case(martires, person, CaseIssue.NO_LEGAL_BASIS, "", users["officer"])
    releases.raise_case(case, date(2025, 4, 8), "Fiscalía", "", users["officer"])
    releases.record_outcome(case, CaseOutcome.RELEASED, date(2025, 4, 9), None, "", users["officer"])
    db.session.commit()


def test_figures_per_office_country_and_year(users, make_facility, make_visit):
    visit_history(users, make_facility, make_visit)
    rows, total = figures(users["officer"], Filters())
    assert [(r.year, r.unit.code, r.state.name, r.visits, r.facilities, r.releases.women, r.outcomes)
            for r in rows] == [(2025, "FO-COL", "Colombia", 2, 2, 1, {"released": 1}),
                               (2024, "FO-COL", "Colombia", 1, 1, 0, {})]
    # San Isidro, visited in both years, is one place visited.
    assert (total.visits, total.facilities, total.releases.total) == (3, 2, 1)
    rows, total = figures(users["secretariat"], Filters(year=2025))
    assert [(r.unit.code, r.visits) for r in rows] == [("FO-COL", 2), ("FO-MEX", 1)]
    assert (total.visits, total.facilities) == (3, 3)


def test_each_number_leads_to_its_list(client, users, make_facility, make_visit):
    visit_history(users, make_facility, make_visit)
    sign_in(client, users["officer"])
    page = client.get("/detention/figures")
    links = {href: label for label, href in read_page(page).links if label.replace(",", "").isdigit()}
    assert links, "the figures link to their lists"
    for href, label in links.items():
        listing = client.get(href).get_data(as_text=True)
        if href.startswith("/detention/releases/"):  # women, men, children or all: one of its totals
            assert label in re.findall(r'<span class="figure">([\d,]+)</span>', listing), href
        else:
            assert re.search(r'<p class="count">(\d+) records?</p>', listing).group(1) == label, href


def test_the_charts_bars_open_the_lists_of_what_they_count(client, users, make_facility, make_visit):
    from tests.figures.chart_links import assert_each_bar_lists_what_it_counts, bars

    visit_history(users, make_facility, make_visit)
    sign_in(client, users["officer"])
    page = client.get("/detention/figures").get_data(as_text=True)
    outcomes = assert_each_bar_lists_what_it_counts(client, page, "outcomes_by_country")
    assert [(bar.what, bar.tone, bar.value) for bar in outcomes] == [("Colombia · Released", "good", 1)]
    released = bars(page, "releases_by_country")
    assert [(bar.what, bar.value) for bar in released] == [("Colombia · Women", 1)]
    listing = client.get(released[0].url).get_data(as_text=True)
    assert "1" in re.findall(r'<span class="figure">([\d,]+)</span>', listing)
