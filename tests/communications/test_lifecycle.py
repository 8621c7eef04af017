"""A communication from intake to closed follow-up, as the secretariat works it through the pages."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from casework.communications.models import Communication, Grade
from casework.core.deadlines import Deadline, add_months
from casework.communications.letters import written_date
from casework.extensions import db
from casework.letters import operations as letters
from tests.pages import form_with, link


def _post(client, url: str, **data):
    response = client.post(url, data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    return response


def _fire(client, case, event: str):
    db.session.refresh(case)
    _post(client, f"/cases/{case.id}/actions/{event}", version=case.version)


def _open_deadline(case, kind: str) -> Deadline:
    return db.session.scalar(select(Deadline).where(Deadline.case_id == case.id, Deadline.kind == kind,
                                                    Deadline.closed_at.is_(None)))


def test_intake_to_closed_follow_up(client_for, users, states):
    officer = client_for(users["officer"])
    response = _post(officer, "/communications/new", committee_id=users["officer"].memberships[0].unit_id,
                     state_id=states["MEX"].id, received_on="2026-03-02", submission_language="es",
                     **{"authors-0-family_name": "Pérez", "authors-0-given_names": "José"}, articles_invoked="ccpr-7, CCPR-14-1",
                     subject_matter="Deportation to a risk of torture")
    case = db.session.get(Communication, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert (case.status, case.number_label, case.articles_invoked) == ("received", None, ["CCPR-7", "CCPR-14-1"])

    supervisor = client_for(users["supervisor"])
    _post(supervisor, f"/communications/{case.id}/register", registered_on="2026-04-01")
    db.session.refresh(case)
    assert (case.status, case.number_label, case.reference) == ("registered", "1/2026", "CCPR 1/2026")

    _post(supervisor, f"/communications/{case.id}/interim-measures", measure="not to deport the author",
          requested_on="2026-04-01")
    measure = case.interim_measures[0]
    _post(supervisor, f"/communications/{case.id}/interim-measures/{measure.id}/grant")
    _fire(supervisor, case, "transmit")
    db.session.refresh(case)
    observations = _open_deadline(case, "state_observations")
    assert observations.due_on == add_months(date.today(), 6)
    assert _open_deadline(case, "admissibility_request").due_on == add_months(date.today(), 2)

    transmittal = letters.draft_letter("communication_transmittal", "en", users["officer"], parent=case)
    assert "communication No. 1/2026" in transmittal.body
    assert written_date(observations.due_on, "en") in transmittal.body
    assert "not to deport the author" in transmittal.body
    assert [a.name for a in transmittal.addressees] == [states["MEX"].mission_name]
    db.session.commit()

    observations.due_on = date.today() - timedelta(days=3)  # the State has not replied in time
    db.session.commit()
    assert observations.is_overdue()
    _post(officer, f"/cases/{case.id}/deadlines/{observations.id}/reminder")
    reminder = letters.draft_letter("communication_reminder", "fr", users["officer"], parent=case)
    assert written_date(observations.due_on, "fr") in reminder.body and "no 1/2026" in reminder.body
    assert "Comité des droits de l'homme" not in reminder.body  # the reminder names the number, not the committee
    db.session.commit()
    assert observations.reminders_sent == 1

    for event in ("receive_observations", "request_comments", "receive_comments"):
        _fire(officer, case, event)
    db.session.refresh(case)
    assert case.status == "ready_for_decision" and _open_deadline(case, "state_observations") is None

    _post(officer, f"/communications/{case.id}/decision", decision_type="views_violation", adopted_on=date.today().isoformat(),
          session="141", articles_violated="CCPR-7", individual_opinions="Partly dissenting opinion of a member")
    db.session.refresh(case)
    assert case.status == "decided" and case.decisions[0].symbol == "CCPR/C/141/D/1/2026"

    for event in ("notify_parties", "publish", "open_follow_up"):
        _fire(officer, case, event)
    follow_up_clock = _open_deadline(case, "follow_up_reply")
    assert follow_up_clock is not None and follow_up_clock.due_on == date.today() + timedelta(days=180)

    _post(officer, f"/communications/{case.id}/follow-up", state_reply_on="2028-01-10", grade="C",
          summary="Compensation not paid")
    _fire(officer, case, "request_follow_up_reply")
    _post(officer, f"/communications/{case.id}/follow-up", state_reply_on="2028-09-01", author_comments_on="2028-10-01",
          grade="B", summary="Compensation paid; no review of the deportation order")
    _post(supervisor, f"/communications/{case.id}/follow-up/close", outcome="unsatisfactory")
    db.session.refresh(case)
    assert case.status == "closed" and case.follow_up_outcome.value == "unsatisfactory"
    assert [(r.number, r.grade) for r in case.follow_up_rounds] == [(1, Grade.C), (2, Grade.B)]
    page = officer.get(case.url).get_data(as_text=True)
    assert "CCPR/C/141/D/1/2026" in page and "Compensation paid" in page


def test_details_edited_on_a_stale_page_are_refused_and_kept(client_for, users, make_communication):
    case = make_communication(register=True)
    stale = case.version
    officer = client_for(users["officer"])
    form = {"version": stale, "subject_matter": "Expulsion to Sri Lanka", "articles_invoked": "CCPR-7"}
    assert officer.post(f"/communications/{case.id}/details", data=form).status_code == 303
    again = officer.post(f"/communications/{case.id}/details",
                         data={**form, "subject_matter": "Expulsion to Sri Lanka, and detention"})
    page = again.get_data(as_text=True)
    assert again.status_code == 409 and "changed by someone else" in page
    assert "Expulsion to Sri Lanka, and detention" in page  # what was typed is still on the page
    db.session.refresh(case)
    assert case.subject_matter == "Expulsion to Sri Lanka"


def test_details_saved_as_the_page_draws_them_keep_the_articles(client_for, users, make_communication):
    """The articles are shown as typed ("CCPR-7, CCPR-14-1"), and saving the form untouched keeps them."""
    case = make_communication(register=True)
    officer = client_for(users["officer"])
    edit = link(officer.get(case.url), "Edit details")
    assert edit == f"/communications/{case.id}/details"  # the case page leads to its edit page
    form = form_with(officer.get(edit), "articles_invoked")
    assert form["articles_invoked"] == ["CCPR-7, CCPR-14-1"]
    assert officer.post(f"/communications/{case.id}/details", data=form).status_code == 303
    db.session.refresh(case)
    assert case.articles_invoked == ["CCPR-7", "CCPR-14-1"]

    refused = officer.post(f"/communications/{case.id}/details",
                           data={**form_with(officer.get(edit), "articles_invoked"), "articles_invoked": "7, CCPR-9"})
    assert refused.status_code == 400
    assert 'value="7, CCPR-9"' in refused.get_data(as_text=True)  # what was typed, as typed

