"""The working groups' case lists, exportable with the filters and order of the page."""
from __future__ import annotations

from sqlalchemy import Select, false, select

from casework.exports.registry import Column, ExportableList, QueryBuilder
from casework.working_groups.models import (
    WGAD_CODE, WGEID_CODE, DetentionCommunication, DisappearanceCase, WorkingGroupCase,
)
from casework.working_groups.queries import cases_from_args, group_unit_id, list_sorts


def _query(model: type[WorkingGroupCase], unit_code: str) -> QueryBuilder:
    def build(user, args) -> Select:
        unit_id = group_unit_id(unit_code)
        if unit_id is None:
            return select(model).where(false())
        return cases_from_args(user, model, unit_id, args)

    return build


COMMON = (
    Column("Reference", lambda case: case.reference),
    Column("State", lambda case: case.state.name, 24),
    Column("Title", lambda case: case.title, 48),
    Column("Received", lambda case: case.received_on),
    Column("Status", lambda case: case.status_label, 20),
)

WGAD_LIST = ExportableList(
    name="wgad", title="Arbitrary detention: regular communications", endpoint="working_groups.cases",
    endpoint_args={"slug": "arbitrary-detention"}, query=_query(DetentionCommunication, WGAD_CODE),
    key=DetentionCommunication.id, sorts=list_sorts(DetentionCommunication), default_sort="received",
    default_direction="desc",
    columns=(*COMMON,
             Column("Place of detention", lambda case: case.place_of_detention, 30),
             Column("Arrested", lambda case: case.arrested_on),
             Column("Transmitted", lambda case: case.transmitted_on),
             Column("Opinion", lambda case: case.opinion.label if case.opinion else "", 18),
             Column("Outcome", lambda case: case.opinion.outcome.value.replace("_", " ") if case.opinion else ""),
             Column("Categories", lambda case: ", ".join(case.opinion.category_list) if case.opinion else "")),
)

WGEID_LIST = ExportableList(
    name="wgeid", title="Enforced disappearances: cases", endpoint="working_groups.cases",
    endpoint_args={"slug": "disappearances"}, query=_query(DisappearanceCase, WGEID_CODE),
    key=DisappearanceCase.id, sorts=list_sorts(DisappearanceCase), default_sort="received",
    default_direction="desc",
    columns=(*COMMON,
             Column("Procedure", lambda case: case.procedure.value),
             Column("Disappeared", lambda case: case.disappeared_on),
             Column("Place", lambda case: case.place, 30),
             Column("Transmitted", lambda case: case.transmitted_on),
             Column("Clarified", lambda case: case.clarified_on)),
)

EXPORTS = (WGAD_LIST, WGEID_LIST)
