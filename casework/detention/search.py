"""Detention visits in the search box: number, place of detention, town, issues raised."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import object_session, selectinload

from casework.detention.places.models import Facility
from casework.detention.visits.models import Visit
from casework.search.sources import Document, case_document, case_source


def _document(visit: Visit) -> Document:
    facility = visit.facility
    return case_document(
        visit, "detention", state_id=facility.state_id, state_name=facility.state.name, doc_date=visit.started_on, summary=facility.name,
        texts=(facility.name, facility.location, facility.authority, visit.issues_raised, visit.access_notes),
    )


def _visits_of_facility(facility: Facility) -> list[Visit]:
    """A renamed place of detention changes its visits' documents."""
    return list(object_session(facility).scalars(select(Visit).where(Visit.facility_id == facility.id)))


SOURCES = [case_source(Visit, "detention", _document, follows=((Facility, _visits_of_facility),),
                       load=(selectinload(Visit.facility),))]
