"""What is indexed, and how each record becomes a search document.

The persons registry and the letters are indexed here; each domain module says what of its own
is indexed in `casework/<module>/search.py`, with a list `SOURCES` of `Source`s (found by
`domain_module_parts("search")`, so there is no central list to keep).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy.orm import selectinload

from casework.core.cases import Case
from casework.core.persons import CasePerson, Person, PersonName, PersonRole
from casework.search.text import clip, fold_text

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

    def row(self) -> dict[str, Any]:
        text = " ".join(part for part in (self.title, *self.words) if part)
        return {"kind": self.kind, "object_id": self.object_id, "case_id": self.case_id, "module": self.module,
                "unit_id": self.unit_id, "state_id": self.state_id, "status": self.status or "",
                "doc_date": self.doc_date, "title": clip(self.title, TITLE_LENGTH),
                "summary": clip(self.summary, SUMMARY_LENGTH), "words": fold_text(text[:WORDS_LENGTH])}


Follower = tuple[type, Callable[[Any], Iterable[Any]]]


@dataclass(frozen=True)
class Source:
    """A kind of record that is indexed.

    `document` builds the record's document; `follows` names other models whose changes change
    the document (a new transliteration changes a person's), with how to get from one of them
    to the records to index again; `load` are loader options for a full rebuild (a case's persons
    are always loaded).
    """

    kind: str
    model: type
    module: str
    document: Callable[[Any], Document]
    follows: tuple[Follower, ...] = ()
    load: tuple = ()


def names_of(person: Person) -> list[str]:
    """Every way the person's name is written: the registered name and each transliteration."""
    return [person.given_names, person.family_name, *(other.name for other in person.names)]


def linked_names(case: Case, withheld: frozenset[PersonRole] = frozenset()) -> list[str]:
    """The names of the persons of a case, except those whose part is secret beyond the case."""
    return [name for link in case.person_links if link.role not in withheld for name in names_of(link.person)]


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


def case_load() -> tuple:
    """Loader options for a rebuild of case documents: their persons and names in a few queries."""
    return (selectinload(Case.person_links).selectinload(CasePerson.person).selectinload(Person.names),)


def case_source(model: type[Case], module: str, document: Callable[[Any], Document],
                follows: tuple[Follower, ...] = (), load: tuple = ()) -> Source:
    """The source for a kind of case, following its persons' names."""
    return Source("case", model, module, document, CASE_FOLLOWS + follows, load)


def _person_document(person: Person) -> Document:
    others = [other.name for other in person.names]
    return Document(
        kind="person", object_id=person.id, case_id=None, module="persons", title=person.full_name,
        summary=" · ".join(others), words=others, unit_id=person.unit_id, state_id=person.nationality_id,
    )


def _person_of_name(name: PersonName) -> list[Person]:
    return [name.person] if name.person is not None else []


def _core_sources() -> list[Source]:
    from casework.search.letters import letter_source

    persons = Source("person", Person, "persons", _person_document, ((PersonName, _person_of_name),),
                     (selectinload(Person.names),))
    return [persons, letter_source()]


@cache
def all_sources() -> tuple[Source, ...]:
    """The core sources and every domain module's, in DOMAIN_MODULES order."""
    from casework import domain_module_parts

    found = list(_core_sources())
    for part in domain_module_parts("search"):
        found.extend(part.SOURCES)
    return tuple(found)


def module_of(case: Case) -> str:
    """The module a case belongs to, as its source declares; "letters" for a letter of its own."""
    for source in all_sources():
        if source.kind in ("case", "letter") and isinstance(case, source.model):
            return source.module
    return "letters"
