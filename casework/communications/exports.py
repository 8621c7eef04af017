"""The committees' list of communications, exportable."""
from __future__ import annotations

from casework.communications.models import Communication
from casework.communications.queries import LIST_SORTS, communications_from_args
from casework.exports.registry import Column, ExportableList

COMMUNICATIONS_LIST = ExportableList(
    name="communications", title="Communications", endpoint="communications.index",
    query=communications_from_args, key=Communication.__table__.c.id, sorts=LIST_SORTS,
    default_sort="received", default_direction="desc",
    columns=(
        Column("Number", lambda c: c.reference),
        Column("Committee", lambda c: c.unit.code),
        Column("State party", lambda c: c.state.name, 24),
        Column("Title", lambda c: c.title, 48),
        Column("Status", lambda c: c.status_label, 24),
        Column("Received", lambda c: c.received_on),
        Column("Registered", lambda c: c.registered_on),
        Column("Subject matter", lambda c: c.subject_matter, 40),
    ),
)

EXPORTS = (COMMUNICATIONS_LIST,)
