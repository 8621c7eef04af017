"""The working groups' own procedures: arbitrary detention (WGAD) and enforced disappearances (WGEID)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.core.modules import DomainModule, standard_parts
from casework.working_groups import (
    approvals, demo, exports, figures, imports, letters, models, permissions, search, views, workflow,
)

MODULE = DomainModule(
    name="working_groups",
    blueprint=views.bp,
    routes=(imports,),
    models=(models,),
    nav=(_l("Working groups"), "working_groups.index", "working_groups."),
    works_in=lambda unit: unit.code in (models.WGAD_CODE, models.WGEID_CODE),
    workflows=(workflow.DETENTION_WORKFLOW, workflow.DISAPPEARANCE_WORKFLOW),
    letter_types=letters.LETTER_TYPES,
    panels={"wgad_communication": (views.panels,), "wgeid_case": (views.panels,)},
    extension_rules={workflow.REPLY_DEADLINE: workflow.one_extension},
    hidden_links=(permissions.hidden_source_links,),
    **standard_parts("casework.working_groups.api", exports, search, figures, demo, approvals),
)
