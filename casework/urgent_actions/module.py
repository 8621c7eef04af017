"""CED urgent actions: requests to seek and find disappeared persons."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.core.modules import DomainModule, standard_parts
from casework.urgent_actions import (
    demo, exports, figures, imports, letters, models, permissions, search, views, workflow,
)

MODULE = DomainModule(
    name="urgent_actions",
    blueprint=views.bp,
    routes=(imports,),
    models=(models,),
    nav=(_l("Urgent actions"), "urgent_actions.index", "urgent_actions."),
    works_in=lambda unit: unit.code == views.UNIT_CODE,
    workflows=(workflow.URGENT_ACTION_WORKFLOW,),
    letter_types=letters.LETTER_TYPES,
    panels={"urgent_action": (views.panels,)},
    hidden_links=(permissions.hidden_author_links,),
    **standard_parts("casework.urgent_actions.api", exports, search, figures, demo),
)
