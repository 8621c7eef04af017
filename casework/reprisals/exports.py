"""The reprisals list, exportable: only to those who see the cases, and every case exported is a
download in its own audit trail, as for the files of a strictly confidential case."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.exports.registry import Column, ExportableList
from casework.reprisals.models import ReprisalCase
from casework.reprisals.queries import LIST_SORTS, reprisal_cases_from_args

REPRISALS_LIST = ExportableList(
    name="reprisals", title=_l("Reprisals cases"), endpoint="reprisals.index",
    query=reprisal_cases_from_args, key=ReprisalCase.id, sorts=LIST_SORTS,
    default_sort="received", default_direction="desc", audit_each_row=True,
    columns=(
        Column(_l("Reference"), lambda case: case.reference),
        Column(_l("State"), lambda case: case.state.name, 24),
        Column(_l("Title"), lambda case: case.title, 48),
        Column(_l("Received"), lambda case: case.received_on),
        Column(_l("Status"), lambda case: case.status_label, 20),
    ),
)

EXPORTS = (REPRISALS_LIST,)
