"""The key figures against a small known world: exact numbers, what each reader may count."""
from __future__ import annotations

from datetime import date

import pytest

from casework.figures.period import Period
from casework.figures.views import key_figures

YEAR = Period.year(2025)


def _figures(app, user, period: Period = YEAR) -> dict:
    """{section key: {figure label: value}} and the charts, as `user` gets them."""
    with app.test_request_context("/figures/"):
        sections = key_figures(user, period)
    return {s.key: {f.label: f.value for f in s.figures} for s in sections}, \
        {c.key: c for s in sections for c in s.charts}


def test_the_figures_of_the_year_for_the_secretariat(app, world, users):
    figures, charts = _figures(app, users["secretariat"])
    assert figures["communications"] == {
        "Communications registered": 2, "Communications decided": 2, "Views – violation": 1, "Inadmissible": 1,
        "Interim measures requested": 1, "Under follow-up today": 0}
    assert figures["urgent_actions"] == {
        "Urgent actions registered": 3, "Persons located": 2, "Located alive and free": 1, "Located in detention": 1,
        "Persons located to date": 2}
    assert figures["special_procedures"] == {
        "Letters sent": 2, "Urgent appeal": 1, "Allegation letter": 1, "States addressed": 2,
        "Non-State actors addressed": 1, "Replies received": 2}
    assert figures["detention"] == {
        "Visits to places of detention": 3, "Places of detention visited": 2,
        "Persons released upon the Office's action": 14, "Women": 3, "Men": 10, "Children": 1,
        "Individual cases: released": 1}
    assert "reprisals" not in figures

    per_month = charts["communications_per_month"]
    assert [s.values[:6] for s in per_month.series] == [[0, 1, 1, 0, 0, 0], [1, 0, 0, 0, 0, 1]]
    by_state = charts["urgent_actions_by_state"]
    assert by_state.labels == ["Mexico", "Iraq"]
    assert {s.name: s.values for s in by_state.series} == {
        "Located alive and free": [1, 0], "Located in detention": [0, 0], "Located deceased": [0, 1],
        "Not located": [1, 0]}
    letters = charts["letters_per_state"]
    assert letters.labels == ["Iraq", "Mexico"]  # the letter to the company counts for Iraq, copied
    assert [s.values for s in letters.series] == [[2, 1], [1, 1], [0.5, 1.0]]
    releases = charts["releases_by_country"]
    assert (releases.labels, [s.values for s in releases.series]) == (["Mexico"], [[3], [10], [1]])


def test_any_period_counts_only_its_dates(app, world, users):
    figures, charts = _figures(app, users["secretariat"], Period(date(2025, 3, 1), date(2025, 4, 30)))
    assert figures["communications"]["Communications registered"] == 1  # March; February is outside
    assert figures["urgent_actions"]["Urgent actions registered"] == 2
    assert figures["detention"]["Visits to places of detention"] == 2
    assert charts["communications_per_month"].labels == ["Mar 2025", "Apr 2025"]


def test_a_confidential_case_is_counted_only_for_those_who_may_see_it(app, world, users):
    admin, _ = _figures(app, users["admin"])
    officer, _ = _figures(app, users["officer"])
    assert admin["communications"]["Communications registered"] == 3
    assert admin["communications"]["Discontinued"] == 1
    assert officer["communications"]["Communications registered"] == 2
    assert "Discontinued" not in officer["communications"]
    # The CCPR officer sees nothing of the other units: their figures are zeros, not the Office's.
    assert officer["urgent_actions"]["Urgent actions registered"] == 0
    assert officer["special_procedures"]["Letters sent"] == 0


@pytest.mark.parametrize("role", ["viewer", "officer", "supervisor", "outsider", "secretariat", "auditor"])
def test_the_reprisals_section_is_absent_for_whoever_is_not_on_the_team(app, world, users, role):
    figures, _ = _figures(app, users[role])
    assert "reprisals" not in figures


def test_the_team_counts_its_assigned_cases_and_administrators_all(app, world, users, team_member):
    team, charts = _figures(app, team_member)
    assert team["reprisals"] == {"New reprisals cases": 2, "Countries concerned": 2}
    assert charts["reprisals_by_country"].labels == ["Iraq", "Mexico"]
    admin, _ = _figures(app, users["admin"])
    assert admin["reprisals"] == {"New reprisals cases": 3, "Countries concerned": 2}
