"""Registering a large group of disappeared persons in the background.

The request reserves the numbers and registers the first person; this job registers the others a
chunk per transaction. A retry, after a failure or a dead worker, goes on with the persons still
waiting: nobody is registered twice and no number is skipped.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.auth.models import User
from casework.core.audit import acting_as
from casework.core.jobs import job
from casework.extensions import db
from casework.urgent_actions.models import UrgentActionGroup
from casework.urgent_actions.operations import GROUP_CHUNK, register_waiting


@job(label=_l("Register the persons of a group"))
def register_group_members(group_id: int, actor_id: int) -> dict:
    group = db.session.get(UrgentActionGroup, group_id)
    actor = db.session.get(User, actor_id)
    with acting_as(actor_id):
        while group.waiting:
            register_waiting(group, actor, GROUP_CHUNK)
            db.session.commit()
    return {"registered": len(group.members)}
