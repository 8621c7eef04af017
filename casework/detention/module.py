"""Field offices' detention work: visits to places of detention, individual cases and releases."""
from __future__ import annotations

from casework.core.modules import DomainModule
from casework.detention import (
    api, approvals, case_views, demo, exports, facility_views, figures, letters, models, release_models,
    release_views, search, views, workflow,
)

MODULE = DomainModule(
    name="detention",
    blueprint=views.bp,
    routes=(case_views, facility_views, release_views),
    models=(models, release_models),
    nav=("Detention", "detention.index", "detention."),
    workflows=(workflow.VISIT_WORKFLOW, workflow.CASE_WORKFLOW),
    letter_types=(letters.VISIT_SUMMARY,),
    panels={"detention_visit": (views.visit_panels,), "detention_case": (case_views.case_panels,)},
    api=tuple(api.API),
    exports=exports.EXPORTS,
    search=tuple(search.SOURCES),
    figures=figures.key_figures,
    approvals=approvals.awaiting_approval,
    demo=demo.load_demo,
)
