"""The one search: full-text matches, the filters, and the permission policy in the query itself."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Select, exists, func, or_, select

from casework.core.cases import Case
from casework.core.permissions import visibility_clause
from casework.core.persons import Person, person_visibility_clause
from casework.extensions import db
from casework.search.backends import matching
from casework.search.models import SearchDocument
from casework.search.text import query_words

PAGE_SIZE = 20
COUNT_LIMIT = 1000  # matches are counted up to this; beyond, the page says "more than 1,000"
KINDS = ("case", "letter", "reply", "person")


@dataclass(frozen=True)
class SearchFilters:
    """What the results are narrowed to; None means any."""

    module: str | None = None
    kind: str | None = None
    state_id: int | None = None
    status: str | None = None
    unit_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class SearchResults:
    """One page of what the user may see, and how many such matches there are (up to COUNT_LIMIT)."""

    words: list[str]
    hits: list[SearchDocument] = field(default_factory=list)
    total: int = 0
    page: int = 1

    @property
    def more_than_counted(self) -> bool:
        return self.total > COUNT_LIMIT

    @property
    def has_next(self) -> bool:
        return self.page * PAGE_SIZE < min(self.total, COUNT_LIMIT)


class _CaseOfItsOwn:
    """Stands for the cases the index points at: each document's `case_id` is the case that holds
    its access (a letter points at its communication), never a case that belongs to another, so the
    policy's simpler condition for such cases applies, and a search can start from its matches."""

    can_belong_to_a_case = False


def document_visibility(user) -> ColumnElement[bool]:
    """The documents `user` may see: those of the cases they may view, and the persons they may see."""
    case_visible = exists().where(Case.id == SearchDocument.case_id, visibility_clause(user, _CaseOfItsOwn))
    person_visible = exists().where(Person.id == SearchDocument.object_id, person_visibility_clause(user))
    return or_((SearchDocument.kind != "person") & case_visible, (SearchDocument.kind == "person") & person_visible)


def _filtered(stmt: Select, filters: SearchFilters) -> Select:
    equal = {SearchDocument.module: filters.module, SearchDocument.kind: filters.kind,
             SearchDocument.state_id: filters.state_id, SearchDocument.status: filters.status,
             SearchDocument.unit_id: filters.unit_id}
    for column, value in equal.items():
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.date_from is not None:
        stmt = stmt.where(SearchDocument.doc_date >= filters.date_from)
    if filters.date_to is not None:
        stmt = stmt.where(SearchDocument.doc_date <= filters.date_to)
    return stmt


def search(user, text: str, filters: SearchFilters = SearchFilters(), page: int = 1) -> SearchResults:
    """The documents matching every word of `text` that `user` may see, best first, one page of them."""
    words = query_words(text)
    results = SearchResults(words=words, page=max(1, min(page, COUNT_LIMIT // PAGE_SIZE)))
    if not words or not (getattr(user, "is_authenticated", False) and user.is_active):
        return results
    match = matching(db.engine.dialect.name, words)
    stmt = _filtered(match.apply(select(SearchDocument.id).select_from(SearchDocument)), filters)
    stmt = stmt.where(document_visibility(user))
    counted = stmt.limit(COUNT_LIMIT + 1).subquery()
    results.total = db.session.scalar(select(func.count()).select_from(counted))
    if results.total:
        ids = list(db.session.scalars(stmt.order_by(match.rank, SearchDocument.id)
                                      .limit(PAGE_SIZE).offset((results.page - 1) * PAGE_SIZE)))
        found = {d.id: d for d in db.session.scalars(select(SearchDocument).where(SearchDocument.id.in_(ids)))}
        results.hits = [found[i] for i in ids if i in found]
    return results
