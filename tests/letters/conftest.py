"""Fixtures for letters: a case with a State, and letters in each state of their workflow."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.extensions import db
from casework.letters import operations as ops



def content(states, **changes) -> ops.LetterContent:
    values = dict(
        subject="Allegations concerning the detention of Ms. A.B.", reference="AL MEX 3/2026",
        body="I have the honour to address you concerning information received.\n\n"
             "Please provide any additional information.",
        language="en", letter_date=None, addressee_state_ids=[states["MEX"].id], other_addressees=[],
        copy_state_ids=[], signatories=[("Amara Okonjo-Lind", "Special Rapporteur on the situation of human rights defenders")],
    )
    values.update(changes)
    return ops.LetterContent(**values)


@pytest.fixture
def draft(users, make_case, states):
    """A letter drafted by the CCPR case officer for an open CCPR case, ready to submit."""
    case = make_case(officer=users["officer"])
    letter = ops.draft_letter("letter", "en", users["officer"], parent=case)
    ops.update_letter(letter, content(states), users["officer"])
    db.session.commit()
    return letter


def reload(letter):
    db.session.expire_all()
    return db.session.scalar(select(type(letter)).where(type(letter).id == letter.id))
