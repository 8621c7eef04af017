"""The audit trail in French and Spanish: a deadline by its label in the reader's language, a step
that is not a transition by its label, a State by its name, and "Field: value" written the way the
language writes it (French puts a no-break space before the colon) (#19)."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from casework.audit.words import Words
from casework.core.audit import acting_as
from casework.core.deadlines import Deadline
from casework.extensions import db
from tests.pages import text

NBSP = {"fr": "\u00a0", "es": ""}  # French quotes take a no-break space inside
DEADLINE = "Author's comments on the State's observations"
IN = {
    "fr": {"deadline": "Commentaires de l'auteur sur les observations de l'État", "step": "Consigner un cycle de suivi",
           "state": "Mexique", "officer": "Responsable de dossier\u00a0: "},
    "es": {"deadline": "Comentarios del autor sobre las observaciones del Estado", "step": "Registrar una ronda de seguimiento",
           "state": "México", "officer": "Oficial encargado del caso: "},
}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_deadline_added_is_named_on_the_timeline_by_its_label_in_the_readers_language(
        make_case, users, login, language):
    case = make_case(officer=users["officer"])
    with acting_as(users["officer"].id):
        db.session.add(Deadline(case_id=case.id, kind="author_comments", label=DEADLINE, due_on=date(2026, 5, 1),
                                original_due_on=date(2026, 5, 1)))
        db.session.commit()
    users["officer"].locale = language
    db.session.commit()

    page = text(login(users["officer"]).get(f"/cases/{case.id}"))
    assert f"«{NBSP[language]}{IN[language]['deadline']}{NBSP[language]}»" in page
    assert DEADLINE not in page


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_step_that_is_not_a_transition_and_a_state_read_in_the_readers_language(app, states, language):
    event = SimpleNamespace(action="update", object_type="deadlines", changes={
        "closed_by_event": [None, "record_follow_up_round"], "state_id": [None, states["MEX"].id]})
    with force_locale(language):
        [(_label, _before, step), (_field, _none, state)] = Words([event]).changes(event, event.changes)
    assert (step, state) == (IN[language]["step"], IN[language]["state"])


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_case_timeline_writes_field_and_value_as_the_language_does(make_case, users, login, language):
    case = make_case(officer=users["viewer"])
    with acting_as(users["supervisor"].id):
        case.officer_id = users["officer"].id
        db.session.commit()
    users["officer"].locale = language
    db.session.commit()

    page = text(login(users["officer"]).get(f"/cases/{case.id}"))
    assert f"{IN[language]['officer']}{users['viewer'].name} → {users['officer'].name}" in page
