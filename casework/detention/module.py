"""Field offices' detention work: visits to places of detention, individual cases and releases."""
from __future__ import annotations

from casework.core.units import UnitKind

from flask_babel import lazy_gettext as _l

from casework.core.modules import DomainModule, standard_parts
from casework.detention import approvals, demo, exports, figures, imports, search, views
from casework.detention.cases import models as case_models, release_views, views as case_views
from casework.detention.cases.workflow import CASE_WORKFLOW
from casework.detention.places import models as place_models, views as place_views
from casework.detention.visits import form_views, models as visit_models, views as visit_views
from casework.detention.visits.letters import VISIT_SUMMARY
from casework.detention.visits.workflow import VISIT_WORKFLOW

MODULE = DomainModule(
    name="detention",
    blueprint=views.bp,
    routes=(place_views, visit_views, form_views, case_views, release_views, imports),
    models=(place_models, visit_models, case_models),
    nav=(_l("Detention"), "detention.index", "detention."),
    works_in=lambda unit: unit.kind is UnitKind.FIELD_OFFICE,
    workflows=(VISIT_WORKFLOW, CASE_WORKFLOW),
    letter_types=(VISIT_SUMMARY,),
    panels={"detention_visit": (visit_views.visit_panels,), "detention_case": (case_views.case_panels,)},
    **standard_parts("casework.detention.api", exports, search, figures, demo, approvals),
)
