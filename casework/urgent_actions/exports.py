"""The urgent actions list, exportable. Never the authors: an export leaves the system."""
from __future__ import annotations

from casework.exports.registry import Column, ExportableList
from casework.urgent_actions.models import UrgentAction
from casework.urgent_actions.queries import LIST_SORTS, urgent_actions_from_args

URGENT_ACTIONS_LIST = ExportableList(
    name="urgent_actions", title="Urgent actions", endpoint="urgent_actions.index",
    query=urgent_actions_from_args, key=UrgentAction.id, sorts=LIST_SORTS,
    default_sort="registered", default_direction="desc",
    columns=(
        Column("Reference", lambda ua: ua.reference),
        Column("State", lambda ua: ua.state.name, 24),
        Column("Disappeared person", lambda ua: "; ".join(p.full_name for p in ua.disappeared), 32),
        Column("Received", lambda ua: ua.received_on),
        Column("Registered", lambda ua: ua.registered_on),
        Column("Status", lambda ua: ua.status_label, 20),
        Column("Located", lambda ua: "; ".join(
            f"{o.person.full_name}: {o.outcome.value}, {o.located_on.isoformat()}" for o in ua.outcomes), 32),
    ),
)

EXPORTS = (URGENT_ACTIONS_LIST,)
