"""The internal list of special-procedures communications, exportable (the public register keeps its own)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.exports.registry import Column, ExportableList
from casework.special_procedures.models import SpCommunication
from casework.special_procedures.queries import LIST_SORTS, communications_from_args

SPECIAL_PROCEDURES_LIST = ExportableList(
    name="special_procedures", title=_l("Special-procedures communications"), endpoint="special_procedures.index",
    query=communications_from_args, key=SpCommunication.id, sorts=LIST_SORTS,
    default_sort="updated", default_direction="desc",
    columns=(
        Column(_l("Reference"), lambda c: c.reference),
        Column(_l("Type"), lambda c: c.type_label, 18),
        Column(_l("Subject"), lambda c: c.title, 48),
        Column(_l("Addressees"), lambda c: "; ".join(a.display_name for a in c.recipients), 32),
        Column(_l("Lead mandate"), lambda c: c.lead_mandate.unit.code),
        Column(_l("Mandates"), lambda c: "; ".join(s.mandate.unit.code for s in c.signing), 20),
        Column(_l("Sent"), lambda c: c.sent_on),
        Column(_l("Published"), lambda c: c.published_on),
        Column(_l("Status"), lambda c: c.status_label, 20),
    ),
)

EXPORTS = (SPECIAL_PROCEDURES_LIST,)
