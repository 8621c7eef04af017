"""The detention lists, exportable: visits, individual cases, and individual releases."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.detention.cases.models import DetentionCase
from casework.detention.cases.queries import CASE_SORTS, RELEASE_SORTS, cases_from_args, releases_from_args
from casework.detention.visits.models import Visit
from casework.detention.visits.queries import VISIT_SORTS, visits_from_args
from casework.exports.registry import Column, ExportableList

DETENTION_VISITS_LIST = ExportableList(
    name="detention_visits", title=_l("Visits to places of detention"), endpoint="detention.index",
    query=visits_from_args, key=Visit.id, sorts=VISIT_SORTS, default_sort="date", default_direction="desc",
    columns=(
        Column(_l("Number"), lambda v: v.number),
        Column(_l("Started on"), lambda v: v.started_on),
        Column(_l("Ended on"), lambda v: v.ended_on),
        Column(_l("Place of detention"), lambda v: v.facility.name, 32),
        Column(_l("Country"), lambda v: v.facility.state.shown_name, 20),
        Column(_l("Field office"), lambda v: v.unit.code),
        Column(_l("Kind"), lambda v: v.kind_label),
        Column(_l("Access"), lambda v: v.access_label),
        Column(_l("Held"), lambda v: v.pop_total),
        Column(_l("Women"), lambda v: v.pop_women),
        Column(_l("Men"), lambda v: v.pop_men),
        Column(_l("Children"), lambda v: v.pop_children),
        Column(_l("Capacity"), lambda v: v.capacity),
        Column(_l("Status"), lambda v: v.status_label, 20),
    ),
)

_CASE_COLUMNS = (
    Column(_l("Reference"), lambda c: c.reference),
    Column(_l("Person and issue"), lambda c: c.title, 40),
    Column(_l("Place of detention"), lambda c: c.facility.name, 32),
    Column(_l("Country"), lambda c: c.facility.state.shown_name, 20),
    Column(_l("Field office"), lambda c: c.unit.code),
    Column(_l("Status"), lambda c: c.status_label, 20),
    Column(_l("Outcome"), lambda c: c.outcome_label, 24),
    Column(_l("Category"), lambda c: c.category_label, 16),
    Column(_l("Outcome on"), lambda c: c.outcome_on),
)

DETENTION_CASES_LIST = ExportableList(
    name="detention_cases", title=_l("Individual detention cases"), endpoint="detention.cases_list",
    query=cases_from_args, key=DetentionCase.id, sorts=CASE_SORTS, default_sort="opened", default_direction="desc",
    columns=_CASE_COLUMNS,
)

DETENTION_RELEASES_LIST = ExportableList(
    name="detention_releases", title=_l("Releases upon the Office’s action"), endpoint="detention.releases_list",
    query=releases_from_args, key=DetentionCase.id, sorts=RELEASE_SORTS, default_sort="date",
    default_direction="desc",
    columns=(*_CASE_COLUMNS, Column(_l("Counted"), lambda c: _counted(c), 20)),
)


def _counted(case: DetentionCase) -> str:
    """Where the release is counted, as the releases list says it: in an aggregate record or on its own."""
    if case.covered_by:
        return _("in record no. %(n)s", n=case.covered_by.aggregate_id)
    return _("on its own")

EXPORTS = (DETENTION_VISITS_LIST, DETENTION_CASES_LIST, DETENTION_RELEASES_LIST)
