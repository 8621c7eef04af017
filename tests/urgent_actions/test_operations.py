"""Registration, numbering, groups, reminders and outcomes of urgent actions."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.core.deadlines import Deadline
from casework.core.persons import CasePerson, PersonRole, Sex
from casework.core.workflow import fire, history
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters import operations as letter_ops
from casework.letters.models import AddresseeKind, Letter
from casework.urgent_actions import operations as ops
from casework.urgent_actions.models import (
    Located, RecommendationKind, ResponseStatus, UrgentAction, UrgentActionStatus as S,
)
from casework.core.counters import Counter
from casework.urgent_actions.numbering import allocate_numbers
from casework.urgent_actions.workflow import open_reply_deadline
from tests.urgent_actions.conftest import ALL_MET, event

STUDENTS = [ops.PersonInput(f"Student{i:02d}", f"Given{i:02d}", Sex.MALE, age=18 + i % 5) for i in range(1, 44)]


def _letters(ua: UrgentAction) -> list[Letter]:
    return list(db.session.scalars(select(Letter).where(Letter.parent_id == ua.id).order_by(Letter.id)))


def test_registering_gives_the_next_number_of_the_year_and_drafts_both_letters(make_ua):
    first = make_ua(on=date(2026, 4, 1))
    second = make_ua(on=date(2026, 4, 2), family="Abarca")
    assert (first.reference, second.reference) == ("UA 1/2026", "UA 2/2026")
    assert first.status == S.REGISTERED and first.registered_on == date(2026, 4, 1)
    kinds = [letter.letter_type for letter in _letters(first)]
    assert kinds == ["ua_registration_nv", "ua_registration_authors"]
    assert [r.kind for r in first.recommendations] == [
        RecommendationKind.SEARCH, RecommendationKind.INVESTIGATE, RecommendationKind.PROTECT_RELATIVES]


def test_numbering_restarts_each_year_and_continues_after_imported_numbers(make_ua):
    imported = make_ua(register=False)
    imported.number, imported.registration_year, imported.reference = 1057, 2025, "UA 1057/2025"
    db.session.commit()
    assert make_ua(on=date(2025, 12, 30)).reference == "UA 1058/2025"
    assert make_ua(on=date(2026, 1, 2)).reference == "UA 1/2026"


def test_registration_needs_every_criterion_and_a_reason_to_refuse(make_ua, users):
    ua = make_ua(register=False)
    with pytest.raises(Refused, match="Already reported to the competent national authorities"):
        ops.decide_registration(ua, "register", {**ALL_MET, "reported_nationally": False}, "", users["officer"])
    db.session.rollback()
    with pytest.raises(Refused, match="Reason for the decision"):
        ops.decide_registration(ua, "refuse_registration", ALL_MET, "  ", users["officer"])
    db.session.rollback()
    ops.decide_registration(ua, "request_information", {**ALL_MET, "reported_nationally": False},
                            "Which authority was the disappearance reported to, and when?", users["officer"])
    assert ua.status == S.INFORMATION_REQUESTED and ua.number is None
    assert ua.criteria["reported_nationally"] is False
    fire(ua, "information_received", users["officer"])
    ops.decide_registration(ua, "forward_to_wgeid", {**ALL_MET, "after_entry_into_force": False},
                            "Disappeared in 2004, before entry into force.", users["officer"])
    assert ua.status == S.FORWARDED_TO_WGEID and ua.reference is None


def test_a_forwarded_request_reaches_the_working_group_when_it_listens(make_ua, users, monkeypatch):
    received = []
    monkeypatch.setattr(ops, "WGEID_RECEIVERS", [lambda ua, actor: received.append((ua.id, actor.id))])
    ua = make_ua(register=False)
    ops.decide_registration(ua, "forward_to_wgeid", ALL_MET, "Outside competence.", users["officer"])
    assert received == [(ua.id, users["officer"].id)]


@pytest.mark.parametrize("mode, expected_letters", [(ops.PER_PERSON, 86), (ops.COMBINED, 2)])
def test_a_group_of_43_is_registered_in_one_step(units, states, users, make_ua, mode, expected_letters):
    make_ua(on=date(2026, 9, 1))  # UA 1/2026 exists already
    group = ops.register_group(ops.GroupRegistration(
        title="Students of the Ayotzinapa teacher training college, Iguala, 26 September 2026",
        event=event(states), persons=STUDENTS, criteria=ALL_MET, reason="One event, 43 persons.", letters=mode,
    ), units["CED"], users["officer"], on=date(2026, 9, 30))
    db.session.commit()

    members = group.members
    assert len(members) == 43
    assert [ua.reference for ua in members] == [f"UA {n}/2026" for n in range(2, 45)]
    assert all(ua.status == S.REGISTERED and ua.group_id == group.id for ua in members)
    assert [ua.disappeared[0].family_name for ua in members] == [p.family_name for p in STUDENTS]
    # The authors are the same persons of the registry on every urgent action of the group.
    authors = {link.person_id for ua in members for link in ua.person_links if link.role is PersonRole.AUTHOR}
    assert len(authors) == 1
    letters = list(db.session.scalars(select(Letter).where(Letter.parent_id.in_([ua.id for ua in members]))))
    assert len(letters) == expected_letters
    if mode == ops.COMBINED:
        note = next(l for l in letters if l.letter_type == "ua_registration_nv")
        assert note.parent_id == members[0].id and note.reference == "UA 2/2026 – UA 44/2026"
        assert "43 persons listed in the annex" in note.body
        assert note.annexes[0].body.count("UA ") == 43 and "UA 44/2026: Given43 STUDENT43" in note.annexes[0].body
    else:
        notes = [l for l in letters if l.letter_type == "ua_registration_nv"]
        assert sorted(n.parent_id for n in notes) == sorted(ua.id for ua in members)
        assert all(n.addressees[0].state_id == states["MEX"].id for n in notes)


def test_two_registrations_at_the_same_moment_never_share_a_number(app, units):
    """Two transactions number at once; the second waits for the first's lock and takes the next."""
    db.session.add(Counter(scope="urgent_action:2026", last_value=10))
    db.session.commit()
    first_holds_lock, results, errors = threading.Event(), {}, []

    def take(name: str, hold: float) -> None:
        try:
            with app.app_context():  # its own session, connection and transaction
                numbers = allocate_numbers(2026, 1)
                if hold:
                    first_holds_lock.set()
                    threading.Event().wait(hold)
                db.session.commit()
                db.session.remove()
                results[name] = numbers[0]
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)

    one = threading.Thread(target=take, args=("one", 0.5))
    one.start()
    first_holds_lock.wait(5)
    two = threading.Thread(target=take, args=("two", 0))
    two.start()
    one.join(10), two.join(10)
    assert not errors
    assert sorted(results.values()) == [11, 12]
    assert results["one"] == 11
    db.session.expire_all()
    assert db.session.get(Counter, "urgent_action:2026").last_value == 12


def _make_overdue(ua: UrgentAction) -> Deadline:
    deadline = open_reply_deadline(ua)
    deadline.due_on = date.today() - timedelta(days=1)
    db.session.flush()
    return deadline


def _send(letter: Letter, sent_on: date, users) -> None:
    """The letter approved, its final PDF produced, and recorded as sent."""
    letter.status, letter.final_pdf_sha256 = "final", "0" * 64
    letter_ops.mark_sent(letter, sent_on, "email", users["officer"])


def test_a_reminder_counts_once_it_is_sent_not_while_it_is_a_draft(make_ua, users):
    ua = make_ua(on=date(2026, 11, 2), events=("transmit_to_state",))
    overdue = _make_overdue(ua).due_on
    fire(ua, "send_reminder", users["officer"])
    reminder = _letters(ua)[-1]
    assert (reminder.letter_type, reminder.status) == ("ua_reminder", "draft")
    assert "(reminder 1)" in reminder.body
    assert (open_reply_deadline(ua).reminders_sent, open_reply_deadline(ua).due_on) == (0, overdue)
    with pytest.raises(Refused, match="has not been sent yet"):
        fire(ua, "send_reminder", users["officer"])
    sent_on = date.today() - timedelta(days=1)
    _send(reminder, sent_on, users)
    deadline = open_reply_deadline(ua)
    assert (deadline.reminders_sent, deadline.last_reminder_on) == (1, sent_on)
    assert deadline.due_on == sent_on + timedelta(days=14)


def test_the_reply_is_due_in_two_weeks_or_as_the_unit_configures(make_ua, users, units):
    ua = make_ua(events=("transmit_to_state",))
    assert open_reply_deadline(ua).due_on == date.today() + timedelta(days=14)
    units["CED"].settings = {"ua_reply_days": 10}
    db.session.commit()
    other = make_ua(events=("transmit_to_state",), family="Abarca")
    assert open_reply_deadline(other).due_on == date.today() + timedelta(days=10)


def test_three_reminders_then_the_meeting_with_the_rapporteurs(make_ua, users):
    ua = make_ua(events=("transmit_to_state", "inform_authors"))
    officer = users["officer"]
    with pytest.raises(Refused, match="once it is overdue"):
        fire(ua, "send_reminder", officer)
    with pytest.raises(Refused, match="only after 3 reminders"):
        fire(ua, "flag_for_meeting", officer)
    for count in (1, 2, 3):
        _make_overdue(ua)
        fire(ua, "send_reminder", officer)
        _send(_letters(ua)[-1], date.today(), users)
        deadline = open_reply_deadline(ua)
        assert deadline.reminders_sent == count and deadline.due_on == date.today() + timedelta(days=14)
    reminders = [l for l in _letters(ua) if l.letter_type == "ua_reminder"]
    assert len(reminders) == 3 and "(reminder 3)" in reminders[-1].body
    _make_overdue(ua)
    with pytest.raises(Refused, match="3 reminders have been sent"):
        fire(ua, "send_reminder", officer)
    fire(ua, "flag_for_meeting", officer)
    assert ua.status == S.MEETING_WITH_RAPPORTEURS
    fire(ua, "record_state_reply", officer)
    assert ua.status == S.REPLY_RECEIVED and open_reply_deadline(ua) is None


def test_follow_up_rounds_carry_recommendations_and_a_new_deadline(make_ua, users):
    ua = make_ua(events=("transmit_to_state", "record_state_reply", "transmit_to_authors"))
    assert [l.letter_type for l in _letters(ua)][-1] == "ua_transmittal_to_authors"
    due = date.today() + timedelta(days=60)
    ops.send_follow_up_note(ua, users["officer"], [
        (RecommendationKind.SEARCH, "Search the Cocula landfill with forensic experts."),
        (RecommendationKind.INTERIM_MEASURES, "Guarantee the security of the mother during the search."),
    ], due)
    assert ua.status == S.AWAITING_REPLY and open_reply_deadline(ua).due_on == due
    latest = [r for r in ua.recommendations if r.round == 1]
    assert [r.due_on for r in latest] == [due, due]
    note = _letters(ua)[-1]
    assert note.letter_type == "ua_follow_up_note" and "Cocula landfill" in note.body
    ops.record_response(latest[0], ResponseStatus.PARTIALLY_IMPLEMENTED, "Search began on 2 May.", date.today())
    assert latest[0].response_status is ResponseStatus.PARTIALLY_IMPLEMENTED
    fire(ua, "record_state_reply", users["officer"])
    ops.send_follow_up_note(ua, users["officer"], [(RecommendationKind.OTHER, "Report on the search.")],
                            due + timedelta(days=30))
    assert max(r.round for r in ua.recommendations) == 2


@pytest.mark.parametrize("events, status, located, closed", [
    (("locate_alive",), S.LOCATED_ALIVE, Located.ALIVE_AND_FREE, True),
    (("locate_in_detention",), S.LOCATED_IN_DETENTION, Located.IN_DETENTION, False),
    (("locate_deceased",), S.LOCATED_DECEASED, Located.DECEASED, False),
    (("close_deceased",), S.CLOSED_DECEASED, Located.DECEASED, True),
    (("discontinue",), S.DISCONTINUED, None, True),
    (("suspend",), S.SUSPENDED, None, False),
    (("locate_in_detention", "locate_alive"), S.LOCATED_ALIVE, Located.ALIVE_AND_FREE, True),
    (("locate_deceased", "close_deceased"), S.CLOSED_DECEASED, Located.DECEASED, True),
    (("suspend", "resume"), S.IN_FOLLOW_UP, None, False),
])
def test_each_outcome(make_ua, events, status, located, closed):
    ua = make_ua(events=("transmit_to_state", *events))
    assert ua.status == status and {o.outcome for o in ua.outcomes} == ({located} if located else set())
    assert ua.is_closed is closed
    assert open_reply_deadline(ua) is None  # the outcome stops the State's clock


def test_follow_up_continues_for_a_person_located_in_detention(make_ua, users):
    ua = make_ua(events=("transmit_to_state", "locate_in_detention"))
    ops.send_follow_up_note(ua, users["officer"], [(RecommendationKind.OTHER, "Allow family visits.")],
                            date.today() + timedelta(days=30))
    assert ua.status == S.AWAITING_REPLY and [o.outcome for o in ua.outcomes] == [Located.IN_DETENTION]


def test_closing_decisions_are_for_supervisors(make_ua, users):
    ua = make_ua(events=("transmit_to_state",))
    with pytest.raises(Refused) as refusal:
        fire(ua, "discontinue", users["officer"])
    assert refusal.value.forbidden


def test_the_authors_are_linked_through_the_registry(make_ua):
    ua = make_ua()
    roles = sorted(link.role.value for link in db.session.scalars(select(CasePerson).where(CasePerson.case_id == ua.id)))
    assert roles == ["author", "disappeared_person"]
    author = next(l.person for l in ua.person_links if l.role is PersonRole.AUTHOR)
    assert author.protected_identity and author.contact == "rosalinda@example.org"
    letter = _letters(ua)[1]
    assert letter.addressees[0].kind is AddresseeKind.PERSON
    assert letter.addressees[0].name == f"The authors of urgent action {ua.reference}"


def test_the_state_s_clock_runs_from_the_day_the_note_verbale_was_sent(make_ua, users):
    ua = make_ua(on=date(2026, 11, 2))
    note = next(letter for letter in _letters(ua) if letter.letter_type == "ua_registration_nv")
    note.sent_on = date(2026, 11, 4)  # as recorded on the letter, days before the step is entered
    with pytest.raises(Refused, match="took place on Nov 4, 2026"):
        fire(ua, "transmit_to_state", users["officer"], on=date(2026, 11, 3))
    fire(ua, "transmit_to_state", users["officer"])  # clicked today
    assert open_reply_deadline(ua).due_on == date(2026, 11, 18)
    assert history(ua)[0].happened_on == date(2026, 11, 4)
