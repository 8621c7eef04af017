"""The persons registry's list query, shared by the page and its exports."""
from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from casework.core.persons import Person, PersonName, visible_persons

_table = Person.__table__.c  # columns, whose NOT NULL lets a "Next" page start from the last row's key
LIST_SORTS = {"name": _table.family_name, "registered": _table.created_at}
MAX_SEARCH = 200  # longer searches are refused by the search form, and so ignored


def persons_from_args(user, args) -> Select:
    """The persons `user` may see (hidden links, such as CED authors, stay hidden), by name or transliteration."""
    stmt = visible_persons(user).options(selectinload(Person.nationality))  # shown on each row, one query a page
    q = args.get("q") or ""
    if q.strip() and len(q) <= MAX_SEARCH:
        pattern = f"%{q.strip()}%"
        other = select(PersonName.person_id).where(PersonName.name.ilike(pattern))
        stmt = stmt.where(or_(Person.family_name.ilike(pattern), Person.given_names.ilike(pattern),
                              Person.id.in_(other)))
    return stmt
