"""A supervisor's team view: who in their units holds which open cases, what is overdue, and
what nobody holds. Only the units they supervise in their own right; every count goes through
the access policy as the supervisor, so a case they may not see is not counted (a member's
confidential case, another unit's case).

The routes hang on the main blueprint; `casework.main.views` imports this module, so that they are registered with it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, true

from casework.auth.models import Membership, Role, User
from casework.core.cases import Case, CaseAssignment
from casework.core.deadlines import Deadline
from casework.core.pagination import paginate
from casework.core.permissions import visibility_clause
from casework.core.units import Unit
from casework.core.workflow import registered_workflows
from casework.extensions import db
from casework.main.blueprint import bp


def closed_states() -> dict[str, set[str]]:
    """Per kind of case, the states in which it is closed: those no step leaves, and those only
    a reopening leaves."""
    closed: dict[str, set[str]] = {}
    for case_type, workflow in registered_workflows().items():
        leaving = {s for t in workflow.transitions if t.event != "reopen" for s in t.sources}
        closed[case_type] = {state.value for state in workflow.states if state.value not in leaving}
    return closed


def open_case_clause() -> ColumnElement[bool]:
    """Cases (not records of a case, not letters) whose workflow has not closed them."""
    from casework.letters.models import Letter

    closed = [and_(Case.case_type == kind, Case.status.in_(states)) for kind, states in closed_states().items()
              if states]
    return and_(Case.parent_id.is_(None), Case.case_type != Letter.__mapper__.polymorphic_identity,
                ~or_(*closed) if closed else true())


def held_by(user_id: int) -> ColumnElement[bool]:
    """The cases a member holds: as their officer, or assigned to them."""
    assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == user_id)
    return or_(Case.officer_id == user_id, Case.id.in_(assigned))


def held_by_nobody() -> ColumnElement[bool]:
    return Case.officer_id.is_(None) & ~exists().where(CaseAssignment.case_id == Case.id)


def supervised_units(user) -> list[Unit]:
    """The units `user` supervises in their own right."""
    return sorted((m.unit for m in user.memberships if m.role is Role.SUPERVISOR), key=lambda unit: unit.code)


def team_cases_stmt(supervisor, unit_id: int, holder: ColumnElement[bool], today: date | None = None) -> Select:
    """The unit's open cases the supervisor may see, held as `holder` says; with `today`, only
    those with a deadline overdue on that day."""
    stmt = select(Case).where(Case.unit_id == unit_id, open_case_clause(), holder, visibility_clause(supervisor))
    if today is not None:
        stmt = stmt.where(Case.id.in_(_overdue(today).with_only_columns(Deadline.case_id)))
    return stmt


def _overdue(today: date) -> Select:
    return select(Deadline).where(Deadline.closed_at.is_(None), Deadline.due_on < today)


@dataclass
class MemberLoad:
    """What one member holds: open cases, overdue deadlines on them, the oldest of those."""

    user: User | None  # None: held by nobody
    role: Role | None
    open_cases: int
    overdue: int
    oldest_overdue: date | None


def load_of(supervisor, unit_id: int, holder: ColumnElement[bool], today: date) -> tuple[int, int, date | None]:
    cases = team_cases_stmt(supervisor, unit_id, holder).with_only_columns(Case.id).subquery()
    held = db.session.scalar(select(func.count()).select_from(cases)) or 0
    overdue, oldest = db.session.execute(
        select(func.count(Deadline.id), func.min(Deadline.due_on))
        .where(Deadline.case_id.in_(select(cases.c.id)), Deadline.closed_at.is_(None), Deadline.due_on < today)
    ).one()
    return held, overdue or 0, oldest


def team_of(supervisor, unit: Unit, today: date) -> list[MemberLoad]:
    """Each active member of the unit, by name, then what nobody holds."""
    members = db.session.execute(
        select(User, Membership.role).join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == unit.id, User.active).order_by(User.name, User.id)).all()
    rows = [MemberLoad(member, role, *load_of(supervisor, unit.id, held_by(member.id), today))
            for member, role in members]
    return [*rows, MemberLoad(None, None, *load_of(supervisor, unit.id, held_by_nobody(), today))]


@bp.app_context_processor
def _team_helpers() -> dict:
    return {"supervises_a_unit": lambda: current_user.is_authenticated and bool(supervised_units(current_user))}


def _supervised(unit_id: int | None = None) -> list[Unit]:
    units = supervised_units(current_user)
    if unit_id is not None:
        units = [unit for unit in units if unit.id == unit_id]
    if not units:
        abort(403)
    return units


@bp.route("/team")
def team():
    today = date.today()
    user = current_user._get_current_object()
    teams = [(unit, team_of(user, unit, today)) for unit in _supervised()]
    return render_template("main/team.html", teams=teams, today=today)


@bp.route("/team/<int:unit_id>/cases")
def team_cases(unit_id: int):
    """The open cases a member holds (`?holder=` their id, or `none`), or those with a deadline
    overdue (`?overdue=1`): the list each count of the team view links to."""
    unit = _supervised(unit_id)[0]
    today = date.today()
    holder_arg = request.args.get("holder", "")
    member = None
    if holder_arg == "none":
        holder = held_by_nobody()
    elif holder_arg.isdigit():
        member = db.session.scalar(select(User).join(Membership).where(
            Membership.unit_id == unit.id, User.id == int(holder_arg)))
        if member is None:
            abort(404)
        holder = held_by(member.id)
    else:
        holder = Case.id.isnot(None)
    overdue_only = request.args.get("overdue") == "1"
    stmt = team_cases_stmt(current_user, unit.id, holder, today if overdue_only else None)
    page = paginate(stmt, sorts={"reference": Case.reference, "title": Case.title, "status": Case.status,
                                 "updated": Case.updated_at}, default_sort="updated", default_direction="desc",
                    key=Case.id)
    return render_template("main/team_cases.html", unit=unit, member=member, nobody=holder_arg == "none",
                           overdue_only=overdue_only, page=page)
