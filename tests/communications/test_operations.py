"""Registration, duplicates, committee rules, and the ways a case ends other than by Views."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from casework.communications import operations as ops
from casework.communications.models import Communication, DecisionType, NotRegisteredReason
from casework.core.deadlines import add_months
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db


def _decide(case, users, decision_type: DecisionType, **extra):
    ops.record_decision(case, ops.DecisionInput(decision_type=decision_type, adopted_on=date.today(),
                                                session=139, **extra), users["officer"])
    db.session.commit()


def test_numbers_run_per_committee_and_year_of_registration(make_communication, users):
    first = make_communication(register=True)
    second = make_communication(author=("Haddad", "Samir"), register=True)
    other_committee = make_communication(code="CAT", author=("Ivanov", "Pavel"))
    ops.register_communication(other_committee, users["admin"], date(2026, 5, 1))
    old = make_communication(author=("Old", "Case"), received_on=date(2013, 5, 1))
    ops.register_communication(old, users["supervisor"], date(2025, 1, 5))
    db.session.commit()
    assert [c.number_label for c in (first, second, other_committee, old)] == ["1/2026", "2/2026", "1/2026", "1/2025"]


def test_two_officers_registering_at_once_get_different_numbers(app, make_communication, users):
    ids = [make_communication(author=(f"Author{i}", "A")).id for i in range(6)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(ids))

    def register(case_id: int) -> None:
        try:
            with app.app_context():
                from casework.auth.models import User

                case = db.session.get(Communication, case_id)
                start.wait()
                ops.register_communication(case, db.session.get(User, users["supervisor"].id), date(2026, 6, 1))
                db.session.commit()
                db.session.remove()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=register, args=(case_id,)) for case_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.session.expire_all()
    numbers = sorted(db.session.get(Communication, i).number for i in ids)
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_only_the_special_rapporteur_registers(make_communication, users):
    case = make_communication()
    with pytest.raises(Refused) as refusal:
        ops.register_communication(case, users["officer"])
    assert refusal.value.forbidden and case.number is None


def test_not_registered_keeps_the_reason_and_advice(make_communication, users):
    case = make_communication()
    ops.decline_registration(case, NotRegisteredReason.STATE_NOT_PARTY,
                             "Advised to write to the Special Rapporteur on torture.", users["supervisor"])
    db.session.commit()
    assert case.status == "not_registered" and case.number is None
    assert case.advice_given.startswith("Advised to write")


def test_possible_duplicates_ignore_accents_case_and_word_order(make_communication, users, client_for, states):
    earlier = make_communication(author=("PÉREZ", "José Ángel"))
    make_communication(author=("Perez", "Jose Angel"), state="FRA")  # another State: not a duplicate
    from casework.communications.queries import possible_duplicates

    found = possible_duplicates(users["officer"], states["MEX"].id, ["jose angel perez"])
    assert [c.id for c in found] == [earlier.id]
    assert possible_duplicates(users["outsider"], states["MEX"].id, ["jose angel perez"]) == []

    officer = client_for(users["officer"])
    form = {"committee_id": earlier.unit_id, "state_id": states["MEX"].id, "received_on": "2026-05-02",
            "submission_language": "en", "authors-0-family_name": "Perez", "authors-0-given_names": "Jose Angel"}
    warned = officer.post("/communications/new", data=form)
    page = warned.get_data(as_text=True)
    assert warned.status_code == 409 and "Possible duplicates" in page and earlier.title in page
    assert 'value="Jose Angel"' in page  # nothing typed is lost
    recorded = officer.post("/communications/new", data={**form, "duplicates_checked": "y"})
    assert recorded.status_code == 303


def test_cerd_gives_states_three_months_and_cat_follows_up_at_90_days(make_communication, users):
    cerd = make_communication(code="CERD", register=False)
    ops.register_communication(cerd, users["admin"], date(2026, 4, 1))
    fire(cerd, "transmit", users["admin"], on=date(2026, 4, 10))
    assert {d.kind: d.due_on for d in cerd.deadlines}["state_observations"] == add_months(date(2026, 4, 10), 3)

    cat = make_communication(code="CAT")
    ops.register_communication(cat, users["admin"], date(2026, 4, 1))
    assert cat.rules.author_term == "complainant" and cat.rules.decision_term == "decision"
    for event in ("transmit", "mark_ready"):
        fire(cat, event, users["admin"])
    ops.record_decision(cat, ops.DecisionInput(DecisionType.VIEWS_VIOLATION, date.today(), 80,
                                               articles_violated=["CAT-3"]), users["admin"])
    for event in ("notify_parties", "publish"):
        fire(cat, event, users["admin"])
    fire(cat, "open_follow_up", users["admin"], on=date.today())
    db.session.commit()
    assert cat.decisions[0].symbol == "CAT/C/80/D/1/2026"
    assert {d.kind: d.due_on for d in cat.deadlines}["follow_up_reply"] == date.today() + timedelta(days=90)


def test_inadmissible_case_is_closed_without_follow_up(make_communication, users):
    case = make_communication(register=True)
    fire(case, "transmit", users["supervisor"])
    _decide(case, users, DecisionType.INADMISSIBLE)
    assert case.status == "decided" and not any(d.is_open for d in case.deadlines)
    for event in ("notify_parties", "publish"):
        fire(case, event, users["officer"])
    with pytest.raises(Refused, match="only for Views finding a violation"):
        fire(case, "open_follow_up", users["officer"])
    fire(case, "close", users["officer"])
    assert case.status == "closed"


def test_discontinued_when_the_author_withdraws(make_communication, users):
    case = make_communication(register=True)
    _decide(case, users, DecisionType.DISCONTINUED)
    assert case.status == "decided" and case.final_decision.decision_type is DecisionType.DISCONTINUED


def test_views_finding_a_violation_must_name_the_articles(make_communication, users):
    case = make_communication(register=True)
    fire(case, "transmit", users["supervisor"])
    fire(case, "mark_ready", users["officer"])
    with pytest.raises(Refused, match="articles violated"):
        _decide(case, users, DecisionType.VIEWS_VIOLATION)
    assert case.decisions == []


def test_friendly_settlement_only_where_the_committee_has_one(make_communication, users):
    case = make_communication(register=True)
    with pytest.raises(Refused, match="no friendly-settlement procedure"):
        _decide(case, users, DecisionType.FRIENDLY_SETTLEMENT)
    db.session.rollback()


def test_joined_cases_share_the_leads_decision(make_communication, users):
    lead = make_communication(register=True)
    other = make_communication(author=("Haddad", "Samir"), register=True)
    ops.join_communications(lead, [other], users["officer"])
    db.session.commit()
    with pytest.raises(Refused, match="joined to"):
        _decide(other, users, DecisionType.INADMISSIBLE)
    _decide(lead, users, DecisionType.INADMISSIBLE)
    db.session.refresh(other)
    # one decision, whose symbol carries both numbers as the committee writes them
    assert other.status == "decided" and other.decisions[0].symbol == "CCPR/C/139/D/1/2026 & 2/2026"


def test_a_complaint_against_two_states_is_split_before_registration(make_communication, users, states):
    case = make_communication()
    [part] = ops.split_communication(case, [states["MEX"].id, states["FRA"].id], users["officer"])
    db.session.commit()
    assert part.state_id == states["FRA"].id and part.split_from_id == case.id
    assert {link.person_id for link in part.person_links} == {link.person_id for link in case.person_links}
    assert part.title.endswith("v. France")


def test_interim_measures_follow_their_own_log_and_end_with_the_decision(make_communication, users):
    from casework.communications import interim_measures as im
    from casework.communications.models import Compliance, MeasureStatus

    case = make_communication(register=True)
    entry = im.request_interim_measures(case, "not to deport the author", date(2026, 4, 2), users["officer"])
    with pytest.raises(Refused) as refusal:
        im.decide_interim_measures(entry, "grant", users["officer"])
    assert refusal.value.forbidden  # the Special Rapporteur decides
    im.decide_interim_measures(entry, "grant", users["supervisor"], date(2026, 4, 3))
    im.record_compliance(entry, Compliance.NOT_COMPLIED, "Author deported on 10 April", users["officer"])
    im.decide_interim_measures(entry, "lift", users["supervisor"], date(2026, 5, 1))
    assert (entry.status, entry.decided_on, entry.lifted_on, entry.compliance) == (
        MeasureStatus.LIFTED, date(2026, 4, 3), date(2026, 5, 1), Compliance.NOT_COMPLIED)
    with pytest.raises(Refused, match="“Grant interim measures” is not possible now: Interim measures lifted"):
        im.decide_interim_measures(entry, "grant", users["supervisor"])
    _decide(case, users, DecisionType.DISCONTINUED)
    with pytest.raises(Refused, match="awaits a decision"):
        im.request_interim_measures(case, "medical care", date(2027, 4, 2), users["officer"])
