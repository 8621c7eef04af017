"""Reprisals: confidential cases of intimidation against people who cooperate with the UN."""
from __future__ import annotations

from casework.core.units import UnitKind

from flask_babel import lazy_gettext as _l

from casework.core.modules import DomainModule, standard_parts
from casework.reprisals import (
    access, approvals, demo, exports, figures, imports, letters, models, report_views, search, views, workflow,
)

MODULE = DomainModule(
    name="reprisals",
    blueprint=views.bp,
    routes=(report_views, imports),
    models=(models,),
    nav=(_l("Reprisals"), "reprisals.index", "reprisals."),
    works_in=lambda unit: unit.kind is UnitKind.REPRISALS_TEAM,
    workflows=(workflow.REPRISAL_WORKFLOW,),
    letter_types=(letters.RAISING_LETTER,),
    panels={"reprisal": (views.panels,), None: (views.related_reprisals,)},
    flush_guards=(access.enforce_team_rules,),
    **standard_parts("casework.reprisals.api", exports, search, figures, demo, approvals),
)
