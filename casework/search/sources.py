"""What is indexed, and how each record becomes a search document.

The persons registry and the letters are indexed here; each domain module says what of its own
is indexed in `casework/<module>/search.py`, with a list `SOURCES` of `Source`s that its
`module.py` declares, so there is no central list to keep.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, select

from casework.core.cases import Case
from casework.core.persons import CasePerson, Person, PersonName, PersonRole
from casework.search.text import clip, filter_tag, fold_text

TITLE_LENGTH = 300
SUMMARY_LENGTH = 400
WORDS_LENGTH = 20_000  # a long letter body is indexed up to this many characters


@dataclass
class Document:
    """One search document, before it is written to `search_documents`."""

    kind: str
    object_id: int
    case_id: int | None
    module: str
    title: str
    words: list[str | None] = field(default_factory=list)
    summary: str = ""
    unit_id: int | None = None
    state_id: int | None = None
    status: str = ""
    doc_date: date | None = None

    def tags(self) -> list[str]:
        """The values the search filters on, as words of the index (see `filter_tag`)."""
        values = {"kind": self.kind, "module": self.module, "state": self.state_id, "unit": self.unit_id,
                  "status": self.status, "year": self.doc_date.year if self.doc_date else None}
        return [filter_tag(name, value) for name, value in values.items() if value not in (None, "")]

    def row(self) -> dict[str, Any]:
        text = " ".join(part for part in (self.title, *self.words) if part)
        words = " ".join([fold_text(text[:WORDS_LENGTH]), *self.tags()])
        return {"kind": self.kind, "object_id": self.object_id, "case_id": self.case_id, "module": self.module,
                "unit_id": self.unit_id, "state_id": self.state_id, "status": self.status or "",
                "doc_date": self.doc_date, "title": clip(self.title, TITLE_LENGTH),
                "summary": clip(self.summary, SUMMARY_LENGTH), "words": words}


Follower = tuple[type, Callable[[Any], Iterable[Any]]]


@dataclass(frozen=True)
class Source:
    """A kind of record that is indexed.

    `document` builds the record's document; `follows` names other models whose changes change
    the document (a new transliteration changes a person's), with how to get from one of them
    to the records to index again; `load` are loader options for a full rebuild.
    """

    kind: str
    model: type
    module: str
    document: Callable[[Any], Document]
    follows: tuple[Follower, ...] = ()
    load: tuple = ()
    # For a rebuild of many records: their documents from plain queries, without the ORM.
    bulk: Callable[[Connection, list[int]], list[Document]] | None = None
    # Records of exactly `model`, not of its subclasses (a special-procedures communication is a
    # Letter with a source of its own).
    exact: bool = False

    def covers(self, obj: Any) -> bool:
        return type(obj) is self.model if self.exact else isinstance(obj, self.model)

    def rows(self) -> Select:
        """The ids of the records this source indexes."""
        stmt = select(self.model.id)
        if self.exact:
            mapper = self.model.__mapper__
            stmt = stmt.where(mapper.polymorphic_on == mapper.polymorphic_identity)
        return stmt


def names_of(person: Person) -> list[str]:
    """Every way the person's name is written: the registered name and each transliteration."""
    return [person.given_names, person.family_name, *(other.name for other in person.names)]


# During a rebuild, the names of each case's persons are read for a whole batch in two queries
# (`prefetched_links`) rather than through the ORM, which is most of the cost of a rebuild.
_PREFETCHED: ContextVar[dict[int, list[tuple[str, list[str]]]] | None] = ContextVar("search_links", default=None)


def linked_names(case: Case, withheld: frozenset[PersonRole] = frozenset()) -> list[str]:
    """The names of the persons of a case, except those whose part is secret beyond the case."""
    prefetched = _PREFETCHED.get()
    if prefetched is not None:
        return [name for role, names in prefetched.get(case.id, []) if role not in withheld for name in names]
    return [name for link in case.person_links if link.role not in withheld for name in names_of(link.person)]


def _other_names(connection: Connection, person_ids: Iterable[int]) -> dict[int, list[str]]:
    others: dict[int, list[str]] = {}
    rows = connection.execute(select(PersonName.person_id, PersonName.name)
                              .where(PersonName.person_id.in_(sorted(set(person_ids)))).order_by(PersonName.id))
    for person_id, name in rows:
        others.setdefault(person_id, []).append(name)
    return others


@contextmanager
def prefetched_links(connection: Connection, case_ids: list[int]) -> Iterator[None]:
    """Within the block, `linked_names` of these cases reads the names fetched here."""
    links = connection.execute(
        select(CasePerson.case_id, CasePerson.role, Person.id, Person.given_names, Person.family_name)
        .join(Person, Person.id == CasePerson.person_id).where(CasePerson.case_id.in_(case_ids))
        .order_by(CasePerson.id)).all()
    others = _other_names(connection, (link[2] for link in links))
    by_case: dict[int, list[tuple[str, list[str]]]] = {}
    for case_id, role, person_id, given, family in links:
        by_case.setdefault(case_id, []).append((PersonRole(role), [given, family, *others.get(person_id, [])]))
    token = _PREFETCHED.set(by_case)
    try:
        yield
    finally:
        _PREFETCHED.reset(token)


def case_document(case: Case, module: str, *, state_id: int | None = None, state_name: str = "",
                  doc_date: date | None = None, summary: str = "", texts: Iterable[str | None] = (),
                  withheld: frozenset[PersonRole] = frozenset()) -> Document:
    """The document of a case: its reference, title, State, the given texts and its persons' names."""
    return Document(
        kind="case", object_id=case.id, case_id=case.parent_id or case.id, module=module,
        title=f"{case.reference or ''} {case.title}".strip(), summary=summary,
        words=[state_name, *texts, *linked_names(case, withheld)],
        unit_id=case.unit_id, state_id=state_id, status=case.status, doc_date=doc_date,
    )


def _cases_of_link(link: CasePerson) -> list[Case]:
    return [link.case] if link.case is not None else []


def _cases_of_person(person: Person) -> list[Case]:
    return [link.case for link in person.case_links if link.case is not None]


def _cases_of_name(name: PersonName) -> list[Case]:
    return _cases_of_person(name.person) if name.person is not None else []


# A case's document holds its persons' names: it follows the links and the names.
CASE_FOLLOWS: tuple[Follower, ...] = (
    (CasePerson, _cases_of_link), (Person, _cases_of_person), (PersonName, _cases_of_name),
)


def case_source(model: type[Case], module: str, document: Callable[[Any], Document],
                follows: tuple[Follower, ...] = (), load: tuple = ()) -> Source:
    """The source for a kind of case, following its persons' names."""
    return Source("case", model, module, document, CASE_FOLLOWS + follows, load)


def _person_document_of(person_id: int, given: str, family: str, unit_id: int, nationality_id: int | None,
                        others: list[str]) -> Document:
    full_name = " ".join(part for part in (given, family.upper()) if part)  # as Person.full_name
    return Document(
        kind="person", object_id=person_id, case_id=None, module="persons", title=full_name,
        summary=" · ".join(others), words=[given, family, *others], unit_id=unit_id, state_id=nationality_id,
    )


def _person_document(person: Person) -> Document:
    return _person_document_of(person.id, person.given_names, person.family_name, person.unit_id,
                               person.nationality_id, [other.name for other in person.names])


def _person_documents(connection: Connection, ids: list[int]) -> list[Document]:
    people = connection.execute(select(Person.id, Person.given_names, Person.family_name, Person.unit_id,
                                       Person.nationality_id).where(Person.id.in_(ids)).order_by(Person.id)).all()
    others = _other_names(connection, ids)
    return [_person_document_of(*person, others.get(person[0], [])) for person in people]


def _person_of_name(name: PersonName) -> list[Person]:
    return [name.person] if name.person is not None else []


def _core_sources() -> list[Source]:
    from casework.search.letters import letter_source

    persons = Source("person", Person, "persons", _person_document, ((PersonName, _person_of_name),),
                     bulk=_person_documents)
    return [persons, letter_source()]


@cache
def all_sources() -> tuple[Source, ...]:
    """The core sources and every domain module's, in DOMAIN_MODULES order."""
    from casework import domain_modules

    return (*_core_sources(), *(source for module in domain_modules() for source in module.search))


def module_of(case: Case) -> str:
    """The module a case belongs to, as its source declares; "letters" for a letter of its own."""
    for source in all_sources():
        if source.kind in ("case", "letter") and source.covers(case):
            return source.module
    return "letters"
