"""The urgent actions list, exportable. Never the authors: an export leaves the system."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.exports.registry import Column, ExportableList
from casework.urgent_actions.models import LOCATED_LABELS, UrgentAction
from casework.urgent_actions.queries import LIST_SORTS, urgent_actions_from_args

URGENT_ACTIONS_LIST = ExportableList(
    name="urgent_actions", title=_l("Urgent actions"), endpoint="urgent_actions.index",
    query=urgent_actions_from_args, key=UrgentAction.id, sorts=LIST_SORTS,
    default_sort="registered", default_direction="desc",
    columns=(
        Column(_l("Reference"), lambda ua: ua.reference),
        Column(_l("State"), lambda ua: ua.state.name, 24),
        Column(_l("Disappeared person"), lambda ua: "; ".join(p.full_name for p in ua.disappeared), 32),
        Column(_l("Received"), lambda ua: ua.received_on),
        Column(_l("Registered"), lambda ua: ua.registered_on),
        Column(_l("Status"), lambda ua: ua.status_label, 20),
        # Each person found, in words and with the ISO date: "Ana Ruiz: Located alive and free, 2026-03-01".
        Column(_l("Located"), lambda ua: "; ".join(
            f"{o.person.full_name}: {LOCATED_LABELS[o.outcome]}, {o.located_on.isoformat()}" for o in ua.outcomes), 32),
    ),
)

EXPORTS = (URGENT_ACTIONS_LIST,)
