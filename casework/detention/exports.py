"""The detention lists, exportable: visits, individual cases, and individual releases."""
from __future__ import annotations

from casework.detention.cases.models import DetentionCase
from casework.detention.cases.queries import CASE_SORTS, RELEASE_SORTS, cases_from_args, releases_from_args
from casework.detention.visits.models import Visit
from casework.detention.visits.queries import VISIT_SORTS, visits_from_args
from casework.exports.registry import Column, ExportableList

DETENTION_VISITS_LIST = ExportableList(
    name="detention_visits", title="Visits to places of detention", endpoint="detention.index",
    query=visits_from_args, key=Visit.id, sorts=VISIT_SORTS, default_sort="date", default_direction="desc",
    columns=(
        Column("Number", lambda v: v.number),
        Column("Started on", lambda v: v.started_on),
        Column("Ended on", lambda v: v.ended_on),
        Column("Place of detention", lambda v: v.facility.name, 32),
        Column("Country", lambda v: v.facility.state.name, 20),
        Column("Field office", lambda v: v.unit.code),
        Column("Kind", lambda v: v.kind_label),
        Column("Access", lambda v: v.access_label),
        Column("Held", lambda v: v.pop_total),
        Column("Women", lambda v: v.pop_women),
        Column("Men", lambda v: v.pop_men),
        Column("Children", lambda v: v.pop_children),
        Column("Capacity", lambda v: v.capacity),
        Column("Status", lambda v: v.status_label, 20),
    ),
)

_CASE_COLUMNS = (
    Column("Reference", lambda c: c.reference),
    Column("Person and issue", lambda c: c.title, 40),
    Column("Place of detention", lambda c: c.facility.name, 32),
    Column("Country", lambda c: c.facility.state.name, 20),
    Column("Field office", lambda c: c.unit.code),
    Column("Status", lambda c: c.status_label, 20),
    Column("Outcome", lambda c: c.outcome_label, 24),
    Column("Category", lambda c: c.category_label, 16),
    Column("Outcome on", lambda c: c.outcome_on),
)

DETENTION_CASES_LIST = ExportableList(
    name="detention_cases", title="Individual detention cases", endpoint="detention.cases_list",
    query=cases_from_args, key=DetentionCase.id, sorts=CASE_SORTS, default_sort="opened", default_direction="desc",
    columns=_CASE_COLUMNS,
)

DETENTION_RELEASES_LIST = ExportableList(
    name="detention_releases", title="Releases upon the Office's action", endpoint="detention.releases_list",
    query=releases_from_args, key=DetentionCase.id, sorts=RELEASE_SORTS, default_sort="date",
    default_direction="desc",
    columns=(*_CASE_COLUMNS, Column("Counted", lambda c: f"in record no. {c.covered_by.aggregate_id}"
                                     if c.covered_by else "on its own", 20)),
)

EXPORTS = (DETENTION_VISITS_LIST, DETENTION_CASES_LIST, DETENTION_RELEASES_LIST)
