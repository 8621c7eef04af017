"""Treaty-body communications in the search box: reference, title, State, subject, persons."""
from __future__ import annotations

from casework.communications.models import Communication
from casework.search.sources import Document, case_document, case_source


def _document(communication: Communication) -> Document:
    return case_document(
        communication, "communications", state_id=communication.state_id, state_name=communication.state.name,
        doc_date=communication.registered_on or communication.received_on, summary=communication.subject_matter,
        texts=(communication.subject_matter, communication.procedural_issues, *communication.articles_invoked),
    )


SOURCES = [case_source(Communication, "communications", _document)]
