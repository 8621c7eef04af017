"""The outgoing correspondence register's query, shared by the page and its exports."""
from __future__ import annotations

from datetime import date, datetime, time, UTC

from sqlalchemy import Select, or_, select

from casework.core.cases import Case
from casework.core.permissions import visible_cases
from casework.core.units import Unit, UnitKind
from casework.letters.models import Letter, LetterAddressee

# Columns, whose NOT NULL lets a "Next" page start from the last row's key (the day sent may be empty).
LIST_SORTS = {"created": Case.__table__.c.created_at, "reference": Case.__table__.c.reference,
              "status": Case.__table__.c.status, "sent": Letter.__table__.c.sent_on}
KEY = Case.__table__.c.id  # a letter's id is its case's: the key the sort index of cases holds


def _day(value: str | None) -> date | None:
    """A date typed in the filter (YYYY-MM-DD); anything else is ignored, as the form ignores it."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def letters_from_args(user, args) -> Select:
    """Every letter `user` may see, narrowed by the register's filters."""
    stmt = visible_cases(user, Letter).where(Letter.of_this_kind())
    if q := args.get("q"):
        pattern = f"%{q.strip()}%"
        stmt = stmt.where(or_(Letter.reference.ilike(pattern), Letter.title.ilike(pattern)))
    if state := args.get("state", type=int):
        stmt = stmt.where(Letter.id.in_(select(LetterAddressee.letter_id).where(LetterAddressee.state_id == state)))
    if unit_kind := args.get("unit_kind", type=UnitKind):
        stmt = stmt.where(Letter.unit_id.in_(select(Unit.id).where(Unit.kind == unit_kind)))
    if letter_type := args.get("letter_type"):
        stmt = stmt.where(Letter.letter_type == letter_type)
    if status := args.get("status"):
        stmt = stmt.where(Letter.status == status)
    if date_from := _day(args.get("date_from")):
        stmt = stmt.where(Letter.created_at >= datetime.combine(date_from, time.min, UTC))
    if date_to := _day(args.get("date_to")):
        stmt = stmt.where(Letter.created_at <= datetime.combine(date_to, time.max, UTC))
    return stmt
