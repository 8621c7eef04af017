"""Writing documents: a document written meanwhile by another transaction is replaced, not a 500."""
from __future__ import annotations

from sqlalchemy import select

from casework.extensions import db
from casework.search.indexing import _upsert
from casework.search.models import SearchDocument


def test_a_document_written_meanwhile_is_replaced_rather_than_duplicated(app):
    row = {"kind": "case", "object_id": 41, "case_id": 41, "module": "urgent_actions", "unit_id": None,
           "state_id": None, "status": "registered", "doc_date": None, "title": "UA 1/2026", "summary": "",
           "words": "ua 1 2026"}
    connection = db.session.connection()
    connection.execute(_upsert(connection), [row])  # the other request's document
    connection.execute(_upsert(connection), [{**row, "status": "awaiting_reply", "words": "ua 1 2026 reply"}])
    [document] = db.session.scalars(select(SearchDocument).where(SearchDocument.object_id == 41)).all()
    assert (document.status, document.words) == ("awaiting_reply", "ua 1 2026 reply")
    db.session.rollback()
