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



def test_linking_a_known_person_to_a_new_case_documents_that_case_only(units, states, users):
    """A person shared by many cases (the authors of a group of urgent actions) gets one more link:
    only the new case's document is written again, not every case the person is linked to (a
    document written again is a new row)."""
    from casework.core.persons import CasePerson, PersonRole
    from tests.search.conftest import _communication

    earlier = [_communication(units, states, users, family="Quintana", given="Elena", subject=f"Case {n}")
               for n in range(3)]
    person = earlier[0].person_links[0].person
    for case in earlier[1:]:
        db.session.add(CasePerson(case_id=case.id, person=person, role=PersonRole.ALLEGED_VICTIM))
    db.session.commit()

    def rows_of_earlier() -> set[int]:
        return set(db.session.scalars(select(SearchDocument.id).where(
            SearchDocument.kind == "case", SearchDocument.object_id.in_([c.id for c in earlier]))))

    before = rows_of_earlier()
    newer = _communication(units, states, users, family="Ortiz", given="Ana", subject="Case 9")
    db.session.add(CasePerson(case_id=newer.id, person=person, role=PersonRole.ALLEGED_VICTIM))
    db.session.commit()
    assert len(before) == 3 and rows_of_earlier() == before
    assert "quintana" in db.session.scalar(select(SearchDocument.words).where(
        SearchDocument.kind == "case", SearchDocument.object_id == newer.id))
