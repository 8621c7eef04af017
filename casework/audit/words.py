"""The audit trail in people's words: what changed, by the field's name as the pages call it, and
each value as a reader would write it — a person's name for an account id, a State's name, a date
in the reader's format, a state of the workflow by its label — never a hash or a column name.

Only values that name no one hidden are resolved: accounts, States and units, which every signed-in
reader may know. A person or a case stays a number here; the trail's own rules decide who sees the
event at all (`casework.audit.views.withheld_events`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.auth.models import User
from casework.core.audit import NAMING_FIELDS, describe
from casework.core.fields import field_label
from casework.core.i18n import ENUM_WORDS, Label, enum_label
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import COMMON_STATE_LABELS, registered_workflows
from casework.extensions import db

# Recorded for integrity, meaningless to a reader: not shown.
HIDDEN = re.compile(r"(^|_)(sha256|token_hash|version|search_vector)$|^(id|prefix)$")
ACCOUNT = re.compile(r"(^|_)(by|user|officer|actor|holder_user)_id$")
STATE = re.compile(r"(^|_)(state|nationality)_id$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
# Steps that meet deadlines without being a transition of a workflow (`meet_open_deadlines`).
STEP_LABELS: dict[str, Label] = {
    "record_follow_up_round": _l("Record a follow-up round"),
}


class Words:
    """Turns recorded values into words for one page, asking the database once per kind."""

    def __init__(self, events) -> None:
        ids: dict[str, set[int]] = {"account": set(), "state": set(), "unit": set()}
        for event in events:
            for name, value in (event.changes or {}).items():
                kind = _kind(name)
                if kind:
                    ids[kind].update(v for v in _flat(value) if isinstance(v, int) and not isinstance(v, bool))
        self.names = {
            "account": _names(User, User.name, ids["account"]),
            "state": _shown_names(State, ids["state"]),
            "unit": _shown_names(Unit, ids["unit"]),
        }

    def describe(self, event, named: bool = True) -> str:
        """The event in a sentence, as `casework.core.audit.describe` says it, the record named in the
        reader's words: a deadline by its label in their language ("Ajout : délai « Réponse attendue »"),
        a code by its label."""
        sentence = describe(event, named=False)
        if not named or event.action not in ("create", "delete") or not event.changes:
            return sentence
        field = next((f for f in NAMING_FIELDS if event.changes.get(f)), None)
        if field is None:
            return sentence
        name = event.changes[field]
        if event.object_type == "deadlines" and field == "label":
            name = _(name)  # stored in English, as the workflow declares it (`Deadline.shown_label`)
        # "Deadline added: Reply due"; French and Spanish quote the name after their own colon.
        return _("%(event)s: %(name)s", event=sentence, name=self.value(field, name, event.object_type))

    @staticmethod
    def line(label: str, value: str) -> str:
        """"Field: value", with the colon and space the reader's language writes ("Champ : valeur")."""
        return _("%(field)s: %(value)s", field=label, value=value)

    def changes(self, event, changes: dict | None) -> list[tuple[str, str, str | None]]:
        """(field, before, after) for an update; (field, value, None) for a creation or deletion."""
        rows = []
        for name, value in (changes or {}).items():
            if HIDDEN.search(name):
                continue
            kind = getattr(event, "object_type", None)
            if event.action in ("update", "state_change") and isinstance(value, list) and len(value) == 2:
                rows.append((field_label(name), self.value(name, value[0], kind), self.value(name, value[1], kind)))
            else:
                rows.append((field_label(name), self.value(name, value, kind), None))
        return rows

    def value(self, name: str, value: Any, object_type: str | None = None) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, list):
            return ", ".join(self.value(name, item, object_type) for item in value)
        if isinstance(value, dict):
            return "; ".join(self.line(field_label(k), self.value(k, v)) for k, v in value.items())
        kind = _kind(name)
        if kind and isinstance(value, int):
            return self.names[kind].get(value) or f"#{value}"
        if isinstance(value, str):
            return _text(name, value, object_type)
        return str(value)


def _text(name: str, value: str, object_type: str | None) -> str:
    if ISO_MOMENT.match(value):
        try:
            return format_datetime(datetime.fromisoformat(value), "medium")
        except ValueError:
            return value
    if ISO_DATE.match(value):
        try:
            return format_date(date.fromisoformat(value), "medium")
        except ValueError:
            return value
    if name.endswith("_by_event"):
        return str(_step_label(value))
    if name == "status":
        workflow = _workflow_of(object_type)
        return str(workflow.state_label(value) if workflow else COMMON_STATE_LABELS.get(value) or enum_label(value))
    if value in ENUM_WORDS or CODE.match(value):
        return str(enum_label(value))
    return value


def _step_label(event: str):
    """A workflow step by its label ("receive_comments" → "Record the author's comments"): the
    event that opened or closed a deadline, whichever procedure's it is."""
    for workflow in registered_workflows().values():
        for transition in workflow.transitions:
            if transition.event == event:
                return transition.label
    return STEP_LABELS.get(event) or enum_label(event)


def _workflow_of(object_type: str | None):
    """The workflow of the records of a table ("communications"), if they have one."""
    for mapper in db.Model.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == object_type:
            key = getattr(mapper.class_, "workflow_key", None) or mapper.polymorphic_identity
            return registered_workflows().get(key)
    return None


def _kind(name: str) -> str | None:
    if ACCOUNT.search(name):
        return "account"
    if STATE.search(name):
        return "state"
    if name == "unit_id":
        return "unit"
    return None


def _flat(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _flat(item)
    else:
        yield value


def _names(model, column, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())


def _shown_names(model, ids: set[int]) -> dict[int, str]:
    """States and units by their names in the page's language (`shown_name`)."""
    if not ids:
        return {}
    return {row.id: row.shown_name for row in db.session.scalars(select(model).where(model.id.in_(ids)))}
