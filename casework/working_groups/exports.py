"""The working groups' case lists, exportable with the filters and order of the page."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from sqlalchemy import Select, false, select

from casework.core.i18n import Label
from casework.exports.registry import Column, ExportableList
from casework.working_groups.models import (
    WGAD_CODE, WGEID_CODE, DetentionCommunication, DisappearanceCase, Opinion, Outcome, Procedure, WorkingGroupCase,
)
from casework.working_groups.queries import cases_from_args, group_unit_id, list_sorts


COMMON = (
    Column(_l("Reference"), lambda case: case.reference),
    Column(_l("State"), lambda case: case.state.shown_name, 24),
    Column(_l("Title"), lambda case: case.title, 48),
    Column(_l("Received"), lambda case: case.received_on),
    Column(_l("Status"), lambda case: case.status_label, 20),
)

OUTCOMES: dict[Outcome, Label] = {
    Outcome.ARBITRARY: _l("Arbitrary"), Outcome.NOT_ARBITRARY: _l("Not arbitrary"), Outcome.FILED: _l("Filed"),
}
PROCEDURES: dict[Procedure, Label] = {
    Procedure.URGENT: _l("Urgent procedure"), Procedure.STANDARD: _l("Standard procedure"),
}


def _opinion(opinion: Opinion | None) -> str:
    return _("Opinion No. %(number)s/%(year)s", number=opinion.number, year=opinion.year) if opinion else ""


def _group_list(name: str, title: Label, slug: str, model: type[WorkingGroupCase], unit_code: str,
                *columns: Column) -> ExportableList:
    """A group's case list: the columns both groups share, then its own."""
    def build(user, args) -> Select:
        unit_id = group_unit_id(unit_code)
        if unit_id is None:
            return select(model).where(false())
        return cases_from_args(user, model, unit_id, args)

    return ExportableList(
        name=name, title=title, endpoint="working_groups.cases", endpoint_args={"slug": slug}, query=build,
        key=model.id, sorts=list_sorts(model), default_sort="received", default_direction="desc",
        columns=(*COMMON, *columns))


WGAD_LIST = _group_list(
    "wgad", _l("Arbitrary detention: regular communications"), "arbitrary-detention", DetentionCommunication, WGAD_CODE,
    Column(_l("Place of detention"), lambda case: case.place_of_detention, 30),
    Column(_l("Arrested"), lambda case: case.arrested_on),
    Column(_l("Transmitted"), lambda case: case.transmitted_on),
    Column(_l("Opinion"), lambda case: _opinion(case.opinion), 18),
    Column(_l("Outcome"), lambda case: str(OUTCOMES[case.opinion.outcome]) if case.opinion else ""),
    Column(_l("Categories"), lambda case: ", ".join(case.opinion.category_list) if case.opinion else ""),
)

WGEID_LIST = _group_list(
    "wgeid", _l("Enforced disappearances: cases"), "disappearances", DisappearanceCase, WGEID_CODE,
    Column(_l("Procedure"), lambda case: str(PROCEDURES[case.procedure])),
    Column(_l("Disappeared"), lambda case: case.disappeared_on),
    Column(_l("Place"), lambda case: case.place, 30),
    Column(_l("Transmitted"), lambda case: case.transmitted_on),
    Column(_l("Clarified"), lambda case: case.clarified_on),
)

EXPORTS = (WGAD_LIST, WGEID_LIST)
