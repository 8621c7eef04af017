"""The annual report draft: periods, annexes by State, consent as the limit of what is written."""
from __future__ import annotations

from datetime import date

from casework.extensions import db
from casework.reprisals import operations as ops
from casework.reprisals.models import Annex, ConsentScope
from casework.reprisals.report import build_draft, current_report_year, reporting_period
from tests.conftest import sign_in
from tests.pages import words
from tests.reprisals.conftest import VICTIM_FAMILY


def _annex_text(draft, annex: Annex) -> str:
    return " ".join(f"{s.state} {e.heading} {' '.join(e.paragraphs)}" for s in draft.annexes[annex] for e in s.entries)


def test_the_period_runs_from_may_to_april_unless_the_unit_says_otherwise(units):
    team = units["REPRISALS"]
    period = reporting_period(team, 2027)
    assert (period.start, period.end) == (date(2026, 5, 1), date(2027, 4, 30))
    assert current_report_year(team, date(2026, 11, 22)) == 2027
    assert current_report_year(team, date(2027, 4, 30)) == 2027
    team.settings = {"reprisals_period_end": "03-31"}
    period = reporting_period(team, 2027)
    assert (period.start, period.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert current_report_year(team, date(2027, 4, 1)) == 2028


def test_a_named_case_is_told_in_full_under_its_state(make_reprisal, units, users):
    make_reprisal(scope=ConsentScope.MAY_BE_NAMED)
    draft = build_draft(users["supervisor"], units["REPRISALS"], 2027)
    [section] = draft.annexes[Annex.NEW]
    assert section.state == "Egypt"
    text = _annex_text(draft, Annex.NEW)
    assert VICTIM_FAMILY in text and "Committee against Torture" in text and "Joint special-procedures letter" in text


def test_country_only_consent_leaves_out_names_and_details(make_reprisal, units, users):
    make_reprisal(scope=ConsentScope.COUNTRY_ONLY)
    text = _annex_text(build_draft(users["supervisor"], units["REPRISALS"], 2027), Annex.NEW)
    assert VICTIM_FAMILY.upper() not in text.upper() and "arrested at the airport" not in text
    assert "In Egypt, an individual who cooperated with the United Nations (treaty body) reportedly suffered " \
           "detention in June 2026." in text


def test_no_details_consent_is_only_counted(make_reprisal, units, users):
    make_reprisal(scope=ConsentScope.NO_DETAILS)
    draft = build_draft(users["supervisor"], units["REPRISALS"], 2027)
    [section] = draft.annexes[Annex.NEW]
    assert section.entries == [] and section.undescribed == 1


def test_revoking_consent_removes_the_case_from_the_draft_at_once(make_reprisal, units, users, client):
    case = make_reprisal()
    sign_in(client, users["officer"])
    assert VICTIM_FAMILY in client.get("/reprisals/report/2027.html").get_data(as_text=True)
    consent = case.consents[0]
    response = client.post(f"/reprisals/{case.id}/consents/{consent.id}/revoke", data={"revoked_on": "2026-11-20"})
    assert response.status_code == 303
    document = client.get("/reprisals/report/2027.html").get_data(as_text=True)
    assert VICTIM_FAMILY not in document and case.reference not in document
    page = client.get("/reprisals/report?year=2027").get_data(as_text=True)
    assert "Consent revoked on Nov 20, 2026." in page.split("report-draft")[0]  # listed for the team, above the draft
    assert VICTIM_FAMILY not in page.split("report-draft")[1]


def test_a_case_without_any_consent_is_listed_for_the_team_only(make_reprisal, units, users):
    case = make_reprisal()
    db.session.delete(case.consents[0])
    db.session.commit()
    db.session.expire(case)
    draft = build_draft(users["supervisor"], units["REPRISALS"], 2027)
    assert draft.is_empty and draft.excluded == [(case, "No consent recorded.")]


def test_annex_two_follows_up_a_case_of_an_earlier_report(make_reprisal, units, users):
    case = make_reprisal(year=2026, act_on=date(2025, 6, 1))
    from casework.core.workflow import fire

    ops.add_act(case, ops.ActCategory.SMEAR_CAMPAIGN, date(2026, 9, 1), "Called a traitor on television.",
                users["officer"])
    fire(case, "yearly_review", users["officer"])
    ops.decide_inclusion(case, 2027, Annex.FOLLOW_UP, users["supervisor"])
    db.session.commit()
    draft = build_draft(users["supervisor"], units["REPRISALS"], 2027)
    assert draft.annexes[Annex.NEW] == []
    text = _annex_text(draft, Annex.FOLLOW_UP)
    assert "Called a traitor" in text and "Held for three days" not in text  # only what happened in the period


def test_the_pdf_renders(make_reprisal, client, users):
    make_reprisal()
    sign_in(client, users["supervisor"])
    response = client.get("/reprisals/report/2027.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_case_told_without_names_lists_its_acts_and_months_as_a_sentence(make_reprisal, users, client):
    from casework.reprisals.models import ActCategory

    case = make_reprisal(scope=ConsentScope.COUNTRY_ONLY)
    ops.add_act(case, ActCategory.THREATS, date(2026, 8, 14), "", users["officer"])
    ops.add_act(case, ActCategory.SURVEILLANCE, date(2026, 9, 1), "", users["officer"])
    db.session.commit()
    sign_in(client, users["supervisor"])
    page = words(client.get("/reprisals/report?year=2027"))
    assert ("reportedly suffered detention, surveillance and threats in June, August and September 2026."
            in page), page[page.find("In Egypt"):][:300]


def test_the_teams_supervisor_sets_the_reporting_period_on_a_page(client, units, users):
    from tests.pages import form_with, link

    sign_in(client, users["supervisor"])
    report = client.get("/reprisals/report?year=2027")
    page = client.get(link(report, "Reporting period"))
    form = form_with(page, "day")
    assert (form["day"], form["month"]) == (["30"], ["4"])  # 30 April, the default

    refused = client.post("/reprisals/report/period", data={**form, "day": ["30"], "month": ["2"]})
    assert refused.status_code == 400
    markup = refused.get_data(as_text=True)
    assert 'id="day-error">That day does not come every year' in markup and 'value="30"' in markup

    saved = client.post("/reprisals/report/period", data={**form, "day": ["31"], "month": ["3"]})
    assert saved.status_code == 303
    db.session.refresh(units["REPRISALS"])
    period = reporting_period(units["REPRISALS"], 2027)
    assert (period.start, period.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert "Reporting period Apr 1, 2026 to Mar 31, 2027" in words(client.get("/reprisals/report?year=2027"))


def test_only_a_supervisor_of_the_team_sets_the_reporting_period(client, users):
    from tests.pages import link

    sign_in(client, users["officer"])
    assert link(client.get("/reprisals/report?year=2027"), "Reporting period") is None
    assert client.get("/reprisals/report/period").status_code == 403
    assert client.post("/reprisals/report/period", data={"day": "31", "month": "3"}).status_code == 403
