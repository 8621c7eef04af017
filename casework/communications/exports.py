"""The committees' list of communications, exportable."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.communications.models import Communication
from casework.communications.queries import LIST_SORTS, communications_from_args
from casework.exports.registry import Column, ExportableList

COMMUNICATIONS_LIST = ExportableList(
    name="communications", title=_l("Communications"), endpoint="communications.index",
    query=communications_from_args, key=Communication.__table__.c.id, sorts=LIST_SORTS,
    default_sort="received", default_direction="desc",
    columns=(
        Column(_l("Number"), lambda c: c.reference),
        Column(_l("Committee"), lambda c: c.unit.code),
        Column(_l("State party"), lambda c: c.state.name, 24),
        Column(_l("Title"), lambda c: c.title, 48),
        Column(_l("Status"), lambda c: c.status_label, 24),
        Column(_l("Received"), lambda c: c.received_on),
        Column(_l("Registered"), lambda c: c.registered_on),
        Column(_l("Subject matter"), lambda c: c.subject_matter, 40),
    ),
)

EXPORTS = (COMMUNICATIONS_LIST,)
