"""Reprisals cases in the search box.

They are found only by the people the policy lets see them (those assigned and administrators):
the search joins every result to its case and applies the one policy, so a reprisals case is
never shown, nor counted, to anyone else.
"""
from __future__ import annotations

from sqlalchemy.orm import selectinload

from casework.reprisals.models import ReprisalCase, Victim
from casework.search.sources import Document, case_document, case_source, names_of


def _document(case: ReprisalCase) -> Document:
    victims = [name for victim in case.victims
               for name in ([victim.name] + (names_of(victim.person) if victim.person else []))]
    return case_document(
        case, "reprisals", state_id=case.state_id, state_name=case.state.name, doc_date=case.received_on,
        summary=case.summary, texts=(case.summary, case.trigger, case.engaged_body_name, *victims),
    )


def _case_of_victim(victim: Victim) -> list[ReprisalCase]:
    return [victim.case] if victim.case is not None else []


SOURCES = [case_source(ReprisalCase, "reprisals", _document, follows=((Victim, _case_of_victim),),
                       load=(selectinload(ReprisalCase.victims).selectinload(Victim.person),))]
