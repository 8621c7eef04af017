"""The letters of the procedure, filled in from the case in English, French and Spanish."""
from __future__ import annotations

from datetime import date

import pytest

from casework.communications import interim_measures as im, operations as ops
from casework.communications.letters import written_date
from casework.communications.models import DecisionType
from casework.core.workflow import fire
from casework.extensions import db
from casework.letters import operations as letters
from casework.letters.types import letter_types_for


def test_every_letter_of_the_procedure_can_be_drafted_for_a_communication():
    keys = {t.key for t in letter_types_for("communication")}
    assert {f"communication_{k}" for k in ("acknowledgement", "clarification", "registration", "transmittal",
                                           "interim_measures", "reminder", "observations_to_author", "decision",
                                           "follow_up")} <= keys


@pytest.mark.parametrize(("language", "committee_name", "due"), [
    ("en", "Human Rights Committee", "10 October 2026"),
    ("fr", "Comité des droits de l'homme", "10 octobre 2026"),
    ("es", "Comité de Derechos Humanos", "10 de octubre de 2026"),
])
def test_transmittal_names_the_committee_and_the_deadline_in_the_letters_language(
        make_communication, users, language, committee_name, due):
    case = make_communication(register=True)
    entry = im.request_interim_measures(case, "not to deport the author", date(2026, 4, 2), users["officer"])
    im.decide_interim_measures(entry, "grant", users["supervisor"])
    fire(case, "transmit", users["supervisor"], on=date(2026, 4, 10))
    letter = letters.draft_letter("communication_transmittal", language, users["officer"], parent=case)
    db.session.commit()
    assert committee_name in letter.body and due in letter.body and "1/2026" in letter.body
    assert "not to deport the author" in letter.body
    assert written_date(date(2026, 4, 10), language) != "2026-04-10"


def test_a_letter_to_the_author_is_not_addressed_to_the_state(make_communication, users):
    case = make_communication(register=True)
    letter = letters.draft_letter("communication_registration", "en", users["officer"], parent=case)
    assert letter.addressees == [] and "registered as No. 1/2026" in letter.body


def test_a_field_the_case_lacks_shows_as_a_gap_to_fill(make_communication, users):
    case = make_communication()
    letter = letters.draft_letter("communication_reminder", "en", users["officer"], parent=case)
    assert "[…]" in letter.body  # no number and no deadline yet: the drafter sees the gap


@pytest.mark.parametrize(("language", "period", "english"), [
    ("en", "within 180 days", None),
    ("fr", "dans un délai de 180 jours", "180 days"),
    ("es", "en un plazo de 180 días", "180 days"),
])
def test_the_decision_letter_gives_the_follow_up_period_in_the_letters_language(
        make_communication, users, language, period, english):
    case = make_communication(register=True)
    fire(case, "transmit", users["supervisor"], on=date(2026, 4, 10))
    fire(case, "mark_ready", users["officer"], on=date(2026, 11, 2))
    ops.record_decision(case, ops.DecisionInput(
        decision_type=DecisionType.VIEWS_VIOLATION, adopted_on=date(2026, 11, 20), session=139,
        articles_violated=["CCPR-7"]), users["officer"])
    letter = letters.draft_letter("communication_decision", language, users["officer"], parent=case)
    words = " ".join(letter.body.split())  # French keeps the number and its unit together with a no-break space
    assert period in words
    assert english is None or english not in words
