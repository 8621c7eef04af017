"""Special-procedures communications: joint letters of the mandate holders, their replies and publication."""
from __future__ import annotations

from casework.core.units import UnitKind

from flask_babel import lazy_gettext as _l

from casework.core.modules import DomainModule, standard_parts
from casework.special_procedures import (
    approvals, demo, exports, figures, imports, letters, models, public, report_views, search, views,
    workflow,
)

MODULE = DomainModule(
    name="special_procedures",
    blueprint=views.bp,
    routes=(public, report_views, imports),
    models=(models,),
    nav=(_l("Special procedures"), "special_procedures.index", "special_procedures."),
    works_in=lambda unit: unit.kind is UnitKind.MANDATE,
    workflows=(workflow.COMMUNICATION_WORKFLOW, workflow.COSIGNATURE_WORKFLOW),
    letter_types=(letters.SP_LETTER,),
    panels={"sp_communication": (views.panels,)},
    **standard_parts("casework.special_procedures.api", exports, search, figures, demo, approvals),
)
