"""The working groups in the key figures: opinions adopted by outcome, disappearance cases
transmitted (urgent among them) and clarified, each linking to a list of exactly those cases."""
from __future__ import annotations

import html
import re
from datetime import date

from casework.core.cases import CaseAssignment
from casework.extensions import db
from casework.working_groups import operations as ops
from casework.working_groups.models import Outcome, Procedure
from tests.conftest import sign_in
from tests.figures.chart_links import assert_each_bar_lists_what_it_counts
from tests.working_groups.conftest import adopt, days_ago

FIGURE = re.compile(r'<tr class="level-\d">\s*<th scope="row">([^<]+)</th>\s*'
                    r'<td class="num"><a href="([^"]+)">([\d,]+)</a>')
LISTED = re.compile(r"([\d,]+) records?\b")


def _figures(client) -> dict[str, tuple[int, str]]:
    """The linked figures of the last 60 days (a figure of zero has no link)."""
    page = client.get(f"/figures/?from={days_ago(60).isoformat()}&to={date.today().isoformat()}")
    page = page.get_data(as_text=True)
    return {html.unescape(label).strip(): (int(value), html.unescape(link))
            for label, link, value in FIGURE.findall(page)}


def test_opinions_and_disappearances_of_the_year_link_to_their_lists(client, users, members, make_detention,
                                                                      make_disappearance):
    arbitrary = make_detention(family="Karimi", steps=("transmit", "reply"))
    adopt(arbitrary, users, members, on=days_ago(10))
    not_arbitrary = make_detention(family="Salehi", steps=("transmit", "reply"))
    adopt(not_arbitrary, users, members, on=days_ago(9), outcome=Outcome.NOT_ARBITRARY, categories=())
    earlier = make_detention(family="Nouri", received_on=days_ago(200), steps=("transmit", "reply"))
    adopt(earlier, users, members, on=days_ago(90))  # before the period
    make_detention(family="Haddad", steps=("transmit",))  # no opinion yet
    urgent = make_disappearance(family="Lozano", disappeared_on=days_ago(40), received_on=days_ago(30),
                                procedure=Procedure.URGENT)
    ops.take_step(urgent, "transmit_urgent", days_ago(20), users["supervisor"])
    make_disappearance(family="Ortega")  # received, not transmitted
    db.session.commit()

    sign_in(client, users["secretariat"])
    figures = _figures(client)
    assert figures["Opinions adopted"][0] == 2
    assert figures["arbitrary"][0] == 1 and figures["not arbitrary"][0] == 1 and "filed" not in figures
    assert figures["Disappearance cases transmitted"][0] == 1
    assert figures["under the urgent procedure"][0] == 1
    for label in ("Opinions adopted", "arbitrary", "not arbitrary", "Disappearance cases transmitted",
                  "under the urgent procedure"):
        value, link = figures[label]
        listed = client.get(link).get_data(as_text=True)
        assert int(LISTED.search(listed).group(1)) == value, label
    page = client.get(f"/figures/?from={days_ago(60).isoformat()}&to={date.today().isoformat()}")
    months = assert_each_bar_lists_what_it_counts(client, page.get_data(as_text=True), "working_groups_per_month")
    assert sum(bar.value for bar in months if "Opinions" in bar.what) == 2
    assert sum(bar.value for bar in months if "Cases transmitted" in bar.what) == 1


def test_a_reader_of_another_unit_counts_only_what_they_may_see(client, users, members, make_detention):
    case = make_detention(family="Karimi", steps=("transmit", "reply"))
    adopt(case, users, members, on=days_ago(10))
    case.confidential = True  # restricted: the outsider may no longer see it; the officer, assigned, does
    db.session.add(CaseAssignment(case_id=case.id, user_id=users["officer"].id))
    db.session.commit()
    sign_in(client, users["outsider"])
    assert "Opinions adopted" not in _figures(client)
    client.post("/logout")
    sign_in(client, users["officer"])
    assert _figures(client)["Opinions adopted"][0] == 1


def test_the_status_chart_bars_open_the_lists_of_what_they_count(client, users, make_detention):
    make_detention(family="Karimi", steps=("transmit",))
    make_detention(family="Salehi", steps=("transmit",))
    make_detention(family="Haddad")
    make_detention(family="Nouri", received_on=date(2020, 3, 1))
    sign_in(client, users["secretariat"])
    page = client.get("/working-groups/arbitrary-detention/figures").get_data(as_text=True)
    found = assert_each_bar_lists_what_it_counts(client, page, "arbitrary-detention_by_status")
    assert sorted(bar.value for bar in found) == [2, 2]  # two transmitted, two received
    year = days_ago(120).year
    page = client.get(f"/working-groups/arbitrary-detention/figures?year={year}").get_data(as_text=True)
    found = assert_each_bar_lists_what_it_counts(client, page, "arbitrary-detention_by_status")
    assert sum(bar.value for bar in found) == 3  # the 2020 case is not of the year
