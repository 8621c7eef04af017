"""Append-only audit trail: who did what, when, to which record, with before and after values.

Changes to audited models are captured by a session hook, so no operation can forget them;
views of confidential records and sign-ins are recorded explicitly with `record()`.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import g, has_app_context, has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, BigInteger, DDL, ForeignKey, Index, Integer, String, event, inspect, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from casework.core.db import utcnow
from casework.extensions import db

_actor: contextvars.ContextVar[int | None] = contextvars.ContextVar("casework_actor", default=None)
REDACTED = "[redacted]"


class AuditAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    STATE_CHANGE = "state_change"
    VIEW = "view"
    DOWNLOAD = "download"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOCKED_OUT = "locked_out"
    LOGOUT = "logout"


class Audited:
    """Mixin for models whose every create, update and delete goes to the audit trail."""

    __audit_redacted__: frozenset[str] = frozenset()  # recorded as changed, values withheld
    # Recorded, but shown only to whoever did it: what they searched for (see `shown_changes`).
    __audit_private__: frozenset[str] = frozenset()
    __audit_ignored__: frozenset[str] = frozenset({"updated_at"})

    @property
    def audit_case_id(self) -> int | None:
        """The case whose timeline shows this record's changes."""
        return getattr(self, "case_id", None)


class AuditEvent(db.Model):
    """One entry of the audit trail. Never updated, never deleted."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_case_time", "case_id", "occurred_at"),
        Index("ix_audit_events_actor_time", "actor_id", "occurred_at"),
        Index("ix_audit_events_object", "object_type", "object_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40), index=True)
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(40))
    # No foreign key: the trail must outlive (and record) the deletion of what it describes.
    case_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict | None] = mapped_column(JSON)
    detail: Mapped[dict | None] = mapped_column(JSON)
    remote_addr: Mapped[str | None] = mapped_column(String(64))

    actor = db.relationship("User", lazy="joined")


# PostgreSQL enforces append-only in the database itself, whatever client writes to it.
APPEND_ONLY_FUNCTION = DDL(
    """
    CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
    END;
    $$ LANGUAGE plpgsql
    """
)
APPEND_ONLY_TRIGGER = DDL(
    "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
)
event.listen(AuditEvent.__table__, "after_create", APPEND_ONLY_FUNCTION.execute_if(dialect="postgresql"))
event.listen(AuditEvent.__table__, "after_create", APPEND_ONLY_TRIGGER.execute_if(dialect="postgresql"))


# How records and actions are named in the trail shown to people.
RECORD_NAMES = {
    "cases": _l("case"), "case_persons": _l("person link"), "case_assignments": _l("assignment"),
    "deadlines": _l("deadline"), "attachments": _l("file"), "persons": _l("person"),
    "person_names": _l("other name"), "users": _l("account"), "memberships": _l("membership"), "units": _l("unit"),
    "letters": _l("letter"), "letter_addressees": _l("addressee"), "letter_signatories": _l("signatory"),
    "letter_annexes": _l("annex"), "letter_batches": _l("batch of copies"), "case_history": _l("history"),
    "communication_decisions": _l("decision"), "follow_up_rounds": _l("follow-up round"),
    "interim_measures": _l("interim measures"), "urgent_action_complaints": _l("complaint"),
    "urgent_action_groups": _l("group of urgent actions"), "urgent_action_recommendations": _l("recommendation"),
    "access_tokens": _l("access token"), "exports": _l("export"),
}
ACTION_WORDS = {
    "create": _l("added"), "update": _l("changed"), "delete": _l("removed"),
    "state_change": _l("moved to a new state"), "view": _l("viewed"), "download": _l("downloaded"),
    "login": _l("signed in"), "login_failed": _l("failed to sign in"), "locked_out": _l("locked out"),
    "logout": _l("signed out"),
}


def record_name(object_type: str) -> str:
    """What a table's rows are called in the trail ("cases" → "case"; a procedure's own table of
    cases, e.g. "communications", is a case too)."""
    known = RECORD_NAMES.get(object_type)
    if known is None and _is_case_table(object_type):
        known = RECORD_NAMES["cases"]
    return str(known) if known is not None else object_type.replace("_", " ")


def _is_case_table(object_type: str) -> bool:
    from casework.core.cases import Case

    return any(mapper.local_table is not None and mapper.local_table.name == object_type
               and issubclass(mapper.class_, Case) for mapper in db.Model.registry.mappers)


NAMING_FIELDS = ("reference", "label", "title", "filename", "family_name", "name", "code", "role", "email")


def describe(audit_event: AuditEvent, named: bool = True) -> str:
    """A short sentence for the trail: "Deadline added: Reply due", "Case moved to a new state".

    `named=False` leaves out the record's name, for readers who may not see the record.
    """
    from flask_babel import gettext as _

    action = str(ACTION_WORDS.get(audit_event.action, audit_event.action.replace("_", " ")))
    if audit_event.action in ("login", "login_failed", "locked_out", "logout"):
        return action.capitalize()
    sentence = _("%(record)s %(action)s", record=record_name(audit_event.object_type), action=action).capitalize()
    if named and audit_event.action in ("create", "delete") and audit_event.changes:
        name = next((audit_event.changes[f] for f in NAMING_FIELDS if audit_event.changes.get(f)), None)
        if name:
            return f"{sentence}: {str(name).replace('_', ' ')}"
    return sentence


@contextmanager
def acting_as(user_id: int | None) -> Iterator[None]:
    """Attribute changes made outside a request (CLI, jobs) to this user."""
    token = _actor.set(user_id)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor_id() -> int | None:
    """The user to whom changes are attributed now."""
    actor = _actor.get()
    if actor is not None:
        return actor
    if has_request_context():
        from flask_login import current_user

        if current_user and current_user.is_authenticated:
            return current_user.id
    return None


def request_note() -> dict[str, Any]:
    """What the current request adds to every event it causes, e.g. the API token it came with."""
    return dict(g.get("audit_note") or {}) if has_app_context() else {}


def _remote_addr() -> str | None:
    return request.remote_addr if has_request_context() else None


def jsonable(value: Any) -> Any:
    """A value as it should appear in the trail: JSON types, dates as ISO strings."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def annotate(obj: Audited, action: AuditAction, detail: dict[str, Any]) -> None:
    """Give the next flushed change of `obj` a more precise action and detail (e.g. a transition)."""
    notes = db.session.info.setdefault("audit_notes", {})
    notes[id(obj)] = (action, detail)


def record(
    action: AuditAction,
    *,
    obj: Any = None,
    object_type: str | None = None,
    case_id: int | None = None,
    detail: dict[str, Any] | None = None,
    actor_id: int | None = None,
) -> AuditEvent:
    """Add an explicit audit event (a view, a download, a sign-in) to the current session."""
    if obj is not None:
        object_type = object_type or obj.__tablename__
        case_id = case_id if case_id is not None else getattr(obj, "audit_case_id", None)
    audit_event = AuditEvent(
        action=action.value,
        object_type=object_type or "system",
        object_id=str(obj.id) if obj is not None else None,
        case_id=case_id,
        actor_id=actor_id if actor_id is not None else current_actor_id(),
        detail=jsonable({**request_note(), **(detail or {})}) or None,
        remote_addr=_remote_addr(),
    )
    db.session.add(audit_event)
    return audit_event


def _values(obj: Audited) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    values = {}
    for attr in mapper.column_attrs:
        if attr.key in obj.__audit_ignored__ or attr.key == "created_at":
            continue
        value = getattr(obj, attr.key)
        values[attr.key] = REDACTED if attr.key in obj.__audit_redacted__ and value else jsonable(value)
    return values


def _changes(obj: Audited) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        if attr.key in obj.__audit_ignored__:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before == after:
            continue
        if attr.key in obj.__audit_redacted__:
            changes[attr.key] = [REDACTED, REDACTED]
        else:
            changes[attr.key] = [jsonable(before), jsonable(after)]
    return changes


def _primary_key(obj: Audited) -> str | None:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return None if any(part is None for part in key) else ":".join(str(part) for part in key)


def _row(obj: Audited, action: AuditAction, changes: dict, notes: dict) -> dict[str, Any]:
    action, detail = notes.pop(id(obj), (action, None))
    detail = {**request_note(), **(detail or {})}
    return {
        "occurred_at": utcnow(),
        "actor_id": current_actor_id(),
        "action": action.value,
        "object_type": obj.__tablename__,
        # The identity key is set only after the flush; the primary key is already there.
        "object_id": _primary_key(obj),
        "case_id": obj.audit_case_id,
        "changes": changes,
        "detail": jsonable(detail) if detail else None,
        "remote_addr": _remote_addr(),
    }


_PRIVATE_FIELDS: dict[str, frozenset[str]] = {}


@event.listens_for(Audited, "mapper_configured", propagate=True)
def _register_private_fields(mapper, cls) -> None:
    if cls.__audit_private__:
        _PRIVATE_FIELDS[mapper.local_table.name] = cls.__audit_private__


def shown_changes(audit_event: AuditEvent, reader_id: int | None) -> dict | None:
    """The recorded values of an event as `reader_id` may read them.

    What someone searched for or filtered a list on (the words of a search, a name) tells what
    they were looking for, and whom: the reader of the trail may not see the records it found, and
    the searcher owes no one else an account of their words. So those values are shown to the
    person who did it and withheld from everyone else, administrators and auditors included; that
    it was done, when, by whom, of which list, stays for all.
    """
    private = _PRIVATE_FIELDS.get(audit_event.object_type, frozenset())
    if not audit_event.changes or not private or audit_event.actor_id == reader_id:
        return audit_event.changes
    return {key: (_withheld(value) if key in private else value) for key, value in audit_event.changes.items()}


def _withheld(value: Any) -> Any:
    """A private value with its shape kept (the names of the filters), its words withheld."""
    if isinstance(value, dict):
        return {key: REDACTED for key in value}
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (dict, type(None))) for v in value):
        return [_withheld(v) if v is not None else None for v in value]  # an update: before → after
    return REDACTED if value else value


def _keep_old_value(target, value, oldvalue, initiator):
    return value


@event.listens_for(Audited, "mapper_configured", propagate=True)
def _load_old_values_on_change(mapper, cls) -> None:
    """Make every audited column load its old value before a change, even when expired after a
    commit; otherwise the trail could only say "→ new value" for records loaded earlier."""
    for attr in mapper.column_attrs:
        if attr.parent is mapper and not event.contains(getattr(cls, attr.key), "set", _keep_old_value):
            event.listen(
                getattr(cls, attr.key), "set", _keep_old_value, active_history=True, retval=True, propagate=True
            )


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, flush_context, instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise PermissionError("the audit trail is append-only")


@event.listens_for(Session, "after_flush")
def _audit_flushed_changes(session: Session, flush_context) -> None:
    """Write one audit row per changed audited object, in the same transaction as the change."""
    notes = session.info.get("audit_notes", {})
    rows = []
    for obj in session.new:
        if isinstance(obj, Audited):
            rows.append(_row(obj, AuditAction.CREATE, _values(obj), notes))
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            changes = _changes(obj)
            if changes:
                rows.append(_row(obj, AuditAction.UPDATE, changes, notes))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            rows.append(_row(obj, AuditAction.DELETE, _values(obj), notes))
    if rows:
        session.connection().execute(insert(AuditEvent.__table__), rows)
