"""CED urgent actions in the search box.

The authors' names are left out: they are known only to the CED unit (see permissions.py), and a
case found by an author's name would tell who filed it. Their contact and relationship too.
"""
from __future__ import annotations

from casework.core.persons import PersonRole
from casework.search.sources import Document, case_document, case_source
from casework.urgent_actions.models import UrgentAction


def _document(urgent_action: UrgentAction) -> Document:
    return case_document(
        urgent_action, "urgent_actions", state_id=urgent_action.state_id, state_name=urgent_action.state.name,
        doc_date=urgent_action.registered_on or urgent_action.received_on, summary=urgent_action.circumstances,
        texts=(urgent_action.last_seen_place, urgent_action.circumstances, urgent_action.alleged_perpetrators),
        withheld=frozenset({PersonRole.AUTHOR}),
    )


SOURCES = [case_source(UrgentAction, "urgent_actions", _document)]
