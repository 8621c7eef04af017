"""Treaty-body individual communications: intake, registration, examination, decision, follow-up."""
from __future__ import annotations

from casework.core.units import UnitKind

from flask_babel import lazy_gettext as _l

from casework.communications import approvals, demo, exports, figures, letters, models, search, views, workflow
from casework.core.modules import DomainModule, standard_parts

MODULE = DomainModule(
    name="communications",
    blueprint=views.bp,
    models=(models,),
    nav=(_l("Communications"), "communications.index", "communications."),
    works_in=lambda unit: unit.kind is UnitKind.COMMITTEE,
    workflows=(workflow.COMMUNICATION_WORKFLOW, workflow.INTERIM_MEASURES_WORKFLOW),
    letter_types=tuple(letters.LETTER_TYPES),
    panels={models.CASE_TYPE: (views.panels,)},
    **standard_parts("casework.communications.api", exports, search, figures, demo, approvals),
)
