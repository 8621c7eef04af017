"""The one search: full-text matches, the filters, and the permission policy in the query itself."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.sql.util import ClauseAdapter

from casework.core.cases import Case
from casework.core.permissions import unit_roles, visibility_clause
from casework.core.persons import CasePerson, unhidden_links_clause
from casework.extensions import db
from casework.search.backends import Matching, matching
from casework.search.models import SearchDocument
from casework.search.text import filter_tag, query_words

PAGE_SIZE = 20
# A search looks at this many matches at most (after the filters, before the permission policy):
# all of them, best first, when there are no more; otherwise the most recent ones. Measured on
# 714,000 documents, asking the policy of every match of a common word takes seconds for a user
# who may see few of them; the page then says the words are too common for a complete answer.
CANDIDATES = 500
KINDS = ("case", "letter", "reply", "person")
# Where newest first sorts every match (`_newest`): from how many matches the planner expects, it
# walks this many of the most recent documents first, then looks among this many through the index.
MANY = 2 * CANDIDATES
WALK = 20_000
RECENT = 100_000


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
    """One page of what the user may see, and how many such matches there are."""

    words: list[str]
    hits: list[SearchDocument] = field(default_factory=list)
    total: int = 0
    page: int = 1
    ranked: bool = True  # best first; or, for very common words, newest first
    complete: bool = True  # False: only the CANDIDATES most recent matches were looked at

    @property
    def has_next(self) -> bool:
        return self.page * PAGE_SIZE < self.total


class _CaseOfItsOwn:
    """Stands for the cases the index points at: each document's `case_id` is the case that holds
    its access (a letter points at its communication), never a case that belongs to another, so the
    policy's simpler condition for such cases applies, and a search can start from its matches."""

    can_belong_to_a_case = False


def person_document_visibility(user) -> ColumnElement[bool]:
    """`person_visibility_clause`, asked of each found person rather than of the whole registry.

    The core clause lists every person the user may see (`Person.id IN (...)`): right for a list of
    the registry, but a search would build that list of hundreds of thousands of persons for each
    query. Here the same rule is asked of the person of each document through its own links, which
    the database answers from the index on `case_persons.person_id`
    (tests/search/test_permissions.py checks that both say the same for every role). Persons are
    linked to cases of their own, never to a letter of a case; a link to such a record would be
    taken as hidden here, never as visible.
    """
    link_visible = exists().where(CasePerson.person_id == SearchDocument.object_id, Case.id == CasePerson.case_id,
                                  visibility_clause(user, _CaseOfItsOwn), unhidden_links_clause(user))
    unlinked = ~exists().where(CasePerson.person_id == SearchDocument.object_id)
    _per_unit, everywhere = unit_roles(user)
    if everywhere is not None or user.is_admin:
        return link_visible | unlinked
    own_units = SearchDocument.unit_id.in_([m.unit_id for m in user.memberships])
    return link_visible | (unlinked & own_units)


def document_visibility(user) -> ColumnElement[bool]:
    """The documents `user` may see: those of the cases they may view, and the persons they may see."""
    case_visible = exists().where(Case.id == SearchDocument.case_id, visibility_clause(user, _CaseOfItsOwn))
    return or_((SearchDocument.kind != "person") & case_visible,
               (SearchDocument.kind == "person") & person_document_visibility(user))


def _filter_tags(filters: SearchFilters) -> tuple[list[str], list[str]]:
    """The selective filters as words of the index: every one of the first, one year of the period.

    Only those that keep a small share of the documents: measured on 714,000 documents, adding
    "zzkindperson" (70 % of them) to a search for a name made it 5 times slower, while a State or
    a year spares reading the rows of matches that cannot qualify. Module, kind and status are
    checked on the rows of the matches alone.
    """
    values = {"state": filters.state_id, "unit": filters.unit_id}
    tags = [filter_tag(name, value) for name, value in values.items() if value is not None]
    first = filters.date_from.year if filters.date_from else None
    last = filters.date_to.year if filters.date_to else date.today().year + 1
    years = [filter_tag("year", year) for year in range(first, last + 1)] if first and last - first < 12 else []
    return tags, years


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


def _newest(found: Select, matches: Select, match: Matching) -> tuple[list[int], dict[int, float]]:
    """The CANDIDATES + 1 newest of the `matches` (all of them if fewer), and, when they were read
    the last way below (the only one that finds fewer), each one's rank, to order them best first
    without asking the index for the same matches again; `found` is the same without the filters
    the full-text index does not hold.

    Where newest first sorts every match the index finds (`match.sorts`: several words on
    PostgreSQL, whose GIN index gives them in no order, each then read from the table) and the
    planner expects many, the WALK most recent documents are read first, newest first, each
    checked against the words and filters (`_walked`); then, when fewer than CANDIDATES + 1 match
    there, the RECENT most recent through the index: when more than CANDIDATES match there, they
    are the newest of all. Measured on 3,550,000 documents: two common words, 55,000 matches, 380
    ms read and sorted whole, 110 ms among the most recent, 7 ms walked. A start of many words
    asked alone (`match.wide`) is walked first too, then asked of the index. A rank that reads
    every match of each word (`match.costly_rank`) is asked only of matches that are all there
    are, and more than one, once the newest were read without it. The estimate decides
    nothing else: it can be a hundred times too low, and a word's walk in id order or the sort of
    a few matches would then read most of the table."""
    limit = CANDIDATES + 1
    newest = matches.order_by(match.newest).limit(limit)
    many = match.sorts and _planned_rows(found) > MANY
    if many or match.wide:
        walked = _walked(matches, match, limit)
        if len(walked) == limit:
            return walked, {}
    if many:
        floor = (db.session.scalar(select(func.max(SearchDocument.id))) or 0) - RECENT
        recent = list(db.session.scalars(newest.where(SearchDocument.id > floor)))
        if len(recent) > CANDIDATES:
            return recent, {}
    if match.costly_rank:
        unranked = list(db.session.scalars(newest))
        if len(unranked) == limit:
            return unranked, {}
        if len(unranked) < 2:  # nothing to order (a reference, whose rank would read every "ced")
            return unranked, dict.fromkeys(unranked, 0.0)
    ranked = db.session.execute(newest.add_columns(match.rank)).all()
    return [key for key, _rank in ranked], dict(ranked)


def _walked(matches: Select, match: Matching, limit: int) -> list[int]:
    """The newest `limit` of the `matches` among the WALK most recent documents, read newest first
    and each checked, never through the full-text index. Common words found together are common
    among the recent documents too: the index would find every match of each word in the whole
    table (50 ms or more for two words at 3,550,000 documents, growing with the data) where the
    walk stops after a few thousand rows. At most WALK rows are read (about 15 ms) when they do not
    hold enough."""
    documents = SearchDocument.__table__
    recent = select(*documents.c, *match.reads).order_by(documents.c.id.desc()).limit(WALK)
    walk = ClauseAdapter(recent.subquery(documents.name)).traverse(matches)
    return list(db.session.scalars(walk.order_by(walk.selected_columns[0].desc()).limit(limit)))


def _planned_rows(stmt: Select) -> int:
    """How many rows the database's planner expects `stmt` to give, from its statistics of the
    indexed words (PostgreSQL: a millisecond, nothing read). Measured on 3,570,000 documents it
    tells two common words (16,000 expected, 53,000 found) from a name (65 expected, 300 found)."""
    connection = db.session.connection()
    compiled = stmt.compile(dialect=connection.dialect)
    plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled.string}", compiled.params).scalar()
    return int(plan[0]["Plan"]["Plan Rows"])


def search(user, text: str, filters: SearchFilters = SearchFilters(), page: int = 1) -> SearchResults:
    """The documents matching every word of `text` that `user` may see, best first (newest first for
    words found in thousands of documents), one page of them, and how many there are."""
    words = query_words(text)
    results = SearchResults(words=words, page=max(1, min(page, CANDIDATES // PAGE_SIZE)))
    if not words or not (getattr(user, "is_authenticated", False) and user.is_active):
        return results
    match = matching(db.session.connection(), words, *_filter_tags(filters))
    found = match.apply(select(SearchDocument.id).select_from(SearchDocument))
    matches = _filtered(found, filters)
    # Newest first reads the index in its own order and stops early; only when that finds every
    # match are they few enough to rank, by the ranks read with them.
    candidates, ranks = _newest(found, matches, match)
    results.ranked = results.complete = len(candidates) <= CANDIDATES
    if results.ranked:
        candidates.sort(key=lambda key: (ranks[key], key))
    candidates = candidates[:CANDIDATES]
    visible = set(db.session.scalars(select(SearchDocument.id).where(
        SearchDocument.id.in_(candidates), document_visibility(user))))
    found = [i for i in candidates if i in visible]
    results.total = len(found)
    ids = found[(results.page - 1) * PAGE_SIZE:results.page * PAGE_SIZE]
    documents = {d.id: d for d in db.session.scalars(select(SearchDocument).where(SearchDocument.id.in_(ids)))}
    results.hits = [documents[i] for i in ids]
    return results
