"""The committee's decision as the petitions team records it on the case page: once for joined
cases, in the committee's own word, and the follow-up that comes after it."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from casework.communications import operations as ops
from casework.communications.models import Communication, DecisionType
from casework.core.deadlines import Deadline
from casework.core.persons import CasePerson, Person, PersonRole
from casework.core.workflow import CaseHistory, fire
from casework.extensions import db
from tests.pages import buttons, form_with, text, words


def _ready(case: Communication, users) -> Communication:
    fire(case, "transmit", users["supervisor"], on=date(2026, 4, 10))
    fire(case, "mark_ready", users["officer"], on=date(2026, 11, 2))
    db.session.commit()
    return case


def _decide_on_page(client, case: Communication, **typed: str):
    form = form_with(client.get(case.url), "decision_type")
    form.update({name: [value] for name, value in typed.items()})
    return client.post(f"/communications/{case.id}/decision", data=form)


def test_joined_communications_get_one_decision_with_every_number(client_for, users, make_communication):
    lead = _ready(make_communication(register=True), users)
    other = make_communication(author=("Haddad", "Samir"), register=True)
    fire(other, "transmit", users["supervisor"], on=date(2026, 4, 12))  # still awaiting the State's observations
    db.session.commit()
    officer = client_for(users["officer"])
    joined = officer.post(f"/communications/{lead.id}/join",
                          data={**form_with(officer.get(lead.url), "numbers"), "numbers": "2/2026"})
    assert joined.status_code == 303

    response = _decide_on_page(officer, lead, decision_type="views_violation", adopted_on="2026-11-20",
                               session="35", articles_violated="CCPR-7")
    assert response.status_code == 303, words(response)[:2000]
    for case in (lead, other):
        db.session.refresh(case)
        assert case.status == "decided"
        assert [d.symbol for d in case.decisions] == ["CCPR/C/35/D/1/2026 & 2/2026"]
    page = officer.get(other.url)
    assert "CCPR/C/35/D/1/2026 & 2/2026" in text(page)
    assert "Examined with CCPR 1/2026." in words(page)  # why the joined case became ready for decision


def test_a_joined_case_that_cannot_be_decided_is_named_in_the_refusal(client_for, users, make_communication):
    lead = make_communication(register=True)
    other = make_communication(author=("Haddad", "Samir"), register=True)
    ops.join_communications(lead, [other], users["officer"])
    fire(lead, "transmit", users["supervisor"], on=date(2026, 4, 10))
    fire(lead, "mark_ready", users["officer"], on=date(2026, 11, 2))
    db.session.commit()
    response = _decide_on_page(client_for(users["officer"]), lead, decision_type="views_no_violation",
                               adopted_on="2026-11-20", session="35")
    assert response.status_code == 422
    assert "CCPR 2/2026, joined to this case:" in words(response)  # never transmitted: no Views yet
    db.session.refresh(lead)
    assert lead.status == "ready_for_decision" and lead.decisions == []


@pytest.mark.parametrize(("code", "word", "other_words"), [
    ("CERD", "Opinion – violation", ("Views – violation", "Decision on the merits – violation")),
    ("CAT", "Decision on the merits – violation", ("Views – violation", "Opinion – violation")),
    ("CCPR", "Views – violation", ("Opinion – violation", "Decision on the merits – violation")),
])
def test_each_committee_names_its_decisions_in_its_own_word(client_for, users, make_communication, make_user,
                                                             committee, code, word, other_words):
    from casework.auth.models import Role

    committee(code)
    officer_user = make_user(f"{code.lower()}officer", (code, Role.CASE_OFFICER)) if code != "CCPR" else users["officer"]
    case = make_communication(code=code)
    ops.register_communication(case, users["admin"], date(2026, 4, 1))
    fire(case, "transmit", users["admin"], on=date(2026, 4, 10))
    fire(case, "mark_ready", users["admin"], on=date(2026, 11, 2))
    db.session.commit()
    officer = client_for(officer_user)
    form_page = words(officer.get(case.url))
    assert word in form_page and not any(other in form_page for other in other_words)
    refused = _decide_on_page(officer, case, decision_type="views_violation", adopted_on="2026-11-20", session="101")
    assert f"{word.split(' – ')[0].replace(' on the merits', '')} finding a violation must name" in words(refused)

    response = _decide_on_page(officer, case, decision_type="views_violation", adopted_on="2026-11-20",
                               session="101", articles_violated=f"{code}-5")
    assert response.status_code == 303
    page = words(officer.get(case.url))
    assert page.count(word) >= 2  # the decisions panel and the history
    assert f"{word}: {code}/C/101/D/1/2026" in page
    assert not any(other in page for other in other_words)


def _decided_with_violation(case: Communication, users) -> Communication:
    _ready(case, users)
    ops.record_decision(case, ops.DecisionInput(DecisionType.VIEWS_VIOLATION, date(2026, 11, 20), 139,
                                                articles_violated=["CCPR-7"]), users["officer"])
    db.session.commit()
    return case


def test_follow_up_is_offered_once_the_decision_is_transmitted_and_runs_from_the_transmittal(
        client_for, users, make_communication):
    case = _decided_with_violation(make_communication(register=True), users)
    officer = client_for(users["officer"])
    transmitted_on = date.today() - timedelta(days=10)  # recorded ten days after the note verbale went out
    form = {**form_with(officer.get(case.url), "version"), "on": [transmitted_on.isoformat()]}
    assert officer.post(f"/cases/{case.id}/actions/notify_parties", data=form).status_code == 303
    transmittal = db.session.scalar(select(CaseHistory).where(CaseHistory.case_id == case.id,
                                                              CaseHistory.event == "notify_parties"))
    transmittal.occurred_at = datetime.combine(transmitted_on, datetime.min.time(), tzinfo=UTC)
    db.session.commit()

    page = officer.get(case.url)
    assert "Open follow-up" in buttons(page)  # not only after publication
    assert officer.post(f"/cases/{case.id}/actions/open_follow_up",
                        data=form_with(page, "version")).status_code == 303
    clock = db.session.scalar(select(Deadline).where(Deadline.case_id == case.id,
                                                     Deadline.kind == "follow_up_reply"))
    assert clock.due_on == transmitted_on + timedelta(days=180)  # CCPR: 180 days from the transmittal

    page = officer.get(case.url)  # published later, while under follow-up, and only once
    assert "Publish the decision" in buttons(page)
    assert officer.post(f"/cases/{case.id}/actions/publish_under_follow_up",
                        data=form_with(page, "version")).status_code == 303
    db.session.refresh(case)
    assert case.status == "follow_up" and "Publish the decision" not in buttons(officer.get(case.url))


def test_a_split_complaint_lists_its_parts(client_for, users, make_communication, states):
    case = make_communication()
    [part] = ops.split_communication(case, [states["FRA"].id], users["officer"])
    db.session.commit()
    officer = client_for(users["officer"])
    page = officer.get(case.url)
    assert "Split into" in words(page)
    assert f'/cases/{part.id}"' in page.get_data(as_text=True)
    assert "José PÉREZ v. France" in words(page)


def test_counsel_are_listed_one_by_one(client_for, users, make_communication):
    case = make_communication(register=True)
    for family, given in (("Ruiz", "Ana"), ("Cole", "Ben")):
        person = Person(family_name=family, given_names=given, unit_id=case.unit_id)
        db.session.add(person)
        db.session.flush()
        db.session.add(CasePerson(case_id=case.id, person_id=person.id, role=PersonRole.COUNSEL))
    db.session.commit()
    page = text(client_for(users["officer"]).get(case.url))
    counsel = re.search(r"<dt>Counsel</dt><dd>(.*?)</dd>", page, re.S).group(1)
    assert re.findall(r"<li>([^<]*)</li>", counsel) == ["Ana RUIZ", "Ben COLE"]
