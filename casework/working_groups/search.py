"""Working-group cases in the search box: the detained or disappeared persons' names, the place,
the legal basis and summary, never the source (confidential to the working group's unit)."""
from __future__ import annotations

from casework.core.persons import PersonRole
from casework.search.sources import Document, case_document, case_source
from casework.working_groups.models import DetentionCommunication, DisappearanceCase


def _detention(case: DetentionCommunication) -> Document:
    return case_document(
        case, "working_groups", state_id=case.state_id, state_name=case.state.name, doc_date=case.received_on,
        summary=case.summary, texts=(case.place_of_detention, case.legal_basis, case.summary),
        withheld=frozenset({PersonRole.SOURCE}),
    )


def _disappearance(case: DisappearanceCase) -> Document:
    return case_document(
        case, "working_groups", state_id=case.state_id, state_name=case.state.name, doc_date=case.received_on,
        summary=case.circumstances, texts=(case.place, case.circumstances, case.clarification),
        withheld=frozenset({PersonRole.SOURCE}),
    )


SOURCES = [case_source(DetentionCommunication, "working_groups", _detention),
           case_source(DisappearanceCase, "working_groups", _disappearance)]
