"""Cases of every procedure: list, read, and the workflow actions a user may fire."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field
from sqlalchemy import false, func, or_, select
from sqlalchemy.orm.exc import StaleDataError

from casework.api.blueprint import bp
from casework.api.errors import ApiError
from casework.api.modules import by_module, module_apis, state_id
from casework.api.paging import cursor_page
from casework.api.schemas import (
    ApiIndex, CaseList, CaseOut, FiredOut, FireTransition, Listing, StateCode, Text, TransitionList, TransitionOut,
)
from casework.api.serialize import case_out, case_summary
from casework.api.spec import operation
from casework.cases.access import record_confidential_view
from casework.cases.operations import fire_transition
from casework.core.cases import Case
from casework.core.permissions import Permission, can, visibility_clause
from casework.core.queries import where_given
from casework.core.units import Unit
from casework.core.workflow import available, workflow_for
from casework.core.writes import EditConflict, Refused
from casework.extensions import db


class CaseFilters(Listing):
    module: Text(40) | None = Field(None, description="Only the cases of one module, e.g. urgent_actions.")  # type: ignore[valid-type]
    status: Text(40) | None = Field(None, description="Only the cases in this state.")  # type: ignore[valid-type]
    unit: Text(20) | None = Field(None, description="Only the cases of this unit (its code).")  # type: ignore[valid-type]
    state: StateCode | None = Field(None, description="Only the cases concerning this State (ISO alpha-3).")


@operation(bp, "", "GET", summary="What the API offers, and who you are", tag="API", response=ApiIndex)
def index():
    return ApiIndex(version="1", openapi=url_for("api.openapi"), user=current_user.name, resources={
        "cases": url_for("api.list_cases"), "persons": url_for("api.list_persons"),
        "letters": url_for("api.list_letters"),
        **{m.create_path.strip("/"): f"{bp.url_prefix}{m.create_path}" for m in module_apis() if m.create_path},
    })


@operation(bp, "/cases", "GET", summary="List the cases you may see", tag="Cases", query=CaseFilters,
           response=CaseList)
def list_cases(query: CaseFilters):
    """Newest first, all procedures; a case you may not see is neither listed nor counted."""
    stmt = select(Case.id).where(Case.parent_id.is_(None), visibility_clause(current_user))
    if query.module:
        kinds = by_module().get(query.module)
        if kinds is None:
            raise ApiError(422, fields={"query.module": [_("Choose one of: %(m)s.", m=", ".join(sorted(by_module())))]})
        stmt = stmt.where(Case.case_type.in_([kind.case_type for kind in kinds]))
        if query.state:
            stmt = _by_state(stmt, kinds, query.state)
    elif query.state:
        stmt = _by_state(stmt, list(module_apis()), query.state)
    stmt = where_given(stmt, (Case.status, query.status))
    if query.unit:
        stmt = stmt.where(Case.unit_id.in_(select(Unit.id).where(func.upper(Unit.code) == query.unit.upper())))
    cases, total, next_cursor = cursor_page(stmt, Case, query)
    return CaseList(items=[case_summary(case) for case in cases], total=total, next_cursor=next_cursor)


def _by_state(stmt, modules, code: str):
    found = state_id(code, "query.state")
    conditions = [m.state_condition(found) for m in modules if m.state_condition is not None]
    return stmt.where(or_(*conditions) if conditions else false())


def load_case(case_id: int, permission: Permission = Permission.VIEW) -> Case:
    """The case, as on the site: 404 when the user may not see it, 403 when they may not do this."""
    case = db.session.get(Case, case_id)
    if case is None or not can(current_user, Permission.VIEW, case):
        raise ApiError(404)
    if not can(current_user, permission, case):
        raise ApiError(403)
    return case


@operation(bp, "/cases/<int:case_id>", "GET", summary="Read a case", tag="Cases", response=CaseOut)
def read_case(case_id: int):
    """With the procedure's own fields under `details`. Reading a confidential case is audited."""
    case = load_case(case_id)
    record_confidential_view(case)
    db.session.commit()
    return case_out(case, current_user)


@operation(bp, "/cases/<int:case_id>/transitions", "GET", summary="The workflow actions you may take now",
           tag="Cases", response=TransitionList)
def list_transitions(case_id: int):
    """Each with `allowed` and, when it is not, the reason (a missing field, a rule of the procedure)."""
    case = load_case(case_id)
    workflow = workflow_for_or_none(case)
    actions = available(case, current_user) if workflow else []
    return TransitionList(case_id=case.id, status=case.status, version=case.version, transitions=[
        TransitionOut(event=t.event, label=str(t.label), target=t.target, allowed=reason is None, reason=reason)
        for t, reason in actions])


def workflow_for_or_none(case: Case):
    try:
        return workflow_for(case)
    except Refused:
        return None


@operation(bp, "/cases/<int:case_id>/transitions/<event>", "POST", summary="Take a workflow action", tag="Cases",
           body=FireTransition, response=FiredOut, errors=(403, 409))
def take_action(case_id: int, event: str, body: FireTransition):
    """Refused with 409 when the case changed since `version` or its state does not allow the action,
    403 when your role does not, 404 when the procedure has no such action."""
    case = load_case(case_id)
    workflow = workflow_for_or_none(case)
    if workflow is None or event not in {t.event for t in workflow.transitions}:
        raise ApiError(404, _("This kind of case has no action “%(event)s”.", event=event))
    before = case.status
    try:
        entry = fire_transition(case, event, current_user, body.version, body.comment, body.on)
        db.session.commit()
    except (EditConflict, StaleDataError):
        db.session.rollback()
        raise ApiError(409, str(EditConflict(case))) from None
    except Refused as refusal:
        db.session.rollback()
        raise ApiError(403 if refusal.forbidden else 409, str(refusal)) from None
    return FiredOut(case=case_out(case, current_user), event=event, from_status=before, to_status=entry.to_status,
                    on=entry.happened_on)
