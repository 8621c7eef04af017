"""Drafts of forms kept on the server while the user types, so that no work is ever lost.

A form page posts what is typed (static/js/autosave.js) every few seconds; the draft is keyed by
user and form ("visit:42"), replaced at each save, and deleted when the form is saved for real.
The page that shows the form fills it from the draft, so a draft outlives a closed tab, a lost
connection and an expired session: after signing in again the user finds the form as they left it.

Drafts are not audited: an entry every few seconds would drown the trail. The trail records
what is saved from them.
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from casework.core.db import utcnow
from casework.extensions import db

# Far more than any form needs; a cap so that a script cannot fill the database through drafts.
MAX_DRAFT_BYTES = 256 * 1024
# Never kept: the token belongs to the session that typed it, not to the one that restores it.
NOT_KEPT = frozenset({"csrf_token"})


class DraftTooLarge(ValueError):
    """The draft is larger than MAX_DRAFT_BYTES."""


class FormDraft(db.Model):
    """What one user has typed in one form and not saved yet."""

    __tablename__ = "form_drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # indexed by the unique key
    form_key: Mapped[str] = mapped_column(String(120))
    fields: Mapped[dict] = mapped_column(JSON)  # field name → the values the browser submits
    # The version of the record the form was loaded from: tells whether someone else saved since.
    base_version: Mapped[int | None]
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)

    def formdata(self) -> MultiDict:
        """The draft as the browser would have submitted it, for filling a WTForms form."""
        return MultiDict([(name, value) for name, values in self.fields.items() for value in values])


def fields_of(formdata: MultiDict) -> dict[str, list[str]]:
    """The fields of a submitted form worth keeping: every value of every field but the token."""
    return {name: formdata.getlist(name) for name in formdata if name not in NOT_KEPT}


def save_draft(user, form_key: str, fields: dict[str, list[str]], base_version: int | None) -> datetime:
    """Keep (or replace) the user's draft of a form; returns when it was saved.

    One statement that inserts or replaces, so two saves racing from two tabs cannot collide
    on the unique key. Flushes nothing else; the caller commits.
    """
    if len(json.dumps(fields)) > MAX_DRAFT_BYTES:
        raise DraftTooLarge(f"a draft may hold at most {MAX_DRAFT_BYTES // 1024} KB")
    saved_at = utcnow()
    values = {"user_id": user.id, "form_key": form_key, "fields": fields, "base_version": base_version,
              "saved_at": saved_at}
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql if dialect == "postgresql" else sqlite).insert
    statement = insert(FormDraft).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["user_id", "form_key"],
        set_={"fields": statement.excluded.fields, "base_version": statement.excluded.base_version,
              "saved_at": statement.excluded.saved_at},
    )
    db.session.execute(statement)
    return saved_at


def find_draft(user, form_key: str) -> FormDraft | None:
    """The user's unsaved draft of this form, if any."""
    return db.session.scalar(select(FormDraft).where(FormDraft.user_id == user.id, FormDraft.form_key == form_key))


def discard_draft(user, form_key: str) -> None:
    """Forget the user's draft of this form (it has been saved, or the user threw it away)."""
    db.session.execute(delete(FormDraft).where(FormDraft.user_id == user.id, FormDraft.form_key == form_key))
