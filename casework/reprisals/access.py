"""Who may see and work on reprisals cases: the strictest rule of Casework.

Reading follows the one policy of `casework.core.permissions`: every reprisals case is
confidential, so it is visible only to the people assigned to it and to administrators — not to
auditors, not to members of the whole secretariat, not to unassigned members of the team.

This module adds what the policy cannot know:
- only members of the reprisals unit itself may be assigned (checked at every flush, so no
  route, job or command can give a case to someone outside the team);
- a member who leaves the unit loses their assignments to its cases in the same transaction;
- a reprisals case can never be made non-confidential;
- only members of a reprisals unit (not the secretariat at large) may open a case.

Team supervisors do not see the team's cases by virtue of their role. They are assigned to each
new case when it is opened, so triage works, but as an explicit assignment that shows on the case,
is audited and can be removed (e.g. a supervisor with a conflict of interest on one State).
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.auth.models import Membership, Role
from casework.core.cases import Case, CaseAssignment
from casework.core.units import Unit, UnitKind
from casework.core.writes import Refused
from casework.extensions import db

CREATING_ROLES = frozenset({Role.CASE_OFFICER, Role.SUPERVISOR})


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def team_units(user) -> list[Unit]:
    """The reprisals units the user belongs to in their own right (not through the secretariat)."""
    if not _signed_in(user):
        return []
    return [m.unit for m in user.memberships if m.unit.kind is UnitKind.REPRISALS_TEAM]


def is_team_member(user) -> bool:
    return _signed_in(user) and (user.is_admin or bool(team_units(user)))


def units_to_open_cases(user) -> list[Unit]:
    """The reprisals units in which the user may open a case."""
    if not _signed_in(user):
        return []
    if user.is_admin:
        return list(db.session.scalars(select(Unit).where(Unit.kind == UnitKind.REPRISALS_TEAM, Unit.active)))
    return [m.unit for m in user.memberships
            if m.unit.kind is UnitKind.REPRISALS_TEAM and m.role in CREATING_ROLES and m.unit.active]


def may_be_assigned(user, case: Case) -> bool:
    """Only members of the case's own unit (or administrators) may be given a reprisals case."""
    if user is None or not user.is_active:
        return False
    return user.is_admin or any(m.unit_id == case.unit_id for m in user.memberships)


def assignable_users(case: Case) -> list:
    from casework.auth.models import User

    users = db.session.scalars(select(User).where(User.active).order_by(User.name))
    return [u for u in users if may_be_assigned(u, case)]


def _is_reprisal(case: Case | None) -> bool:
    return case is not None and case.case_type == "reprisal"


def _check_assignment(session: Session, assignment: CaseAssignment) -> None:
    from casework.auth.models import User

    case = assignment.case or session.get(Case, assignment.case_id)
    if not _is_reprisal(case):
        return
    user = assignment.user or session.get(User, assignment.user_id)
    if not may_be_assigned(user, case):
        raise Refused(_("Only members of the reprisals team can be assigned to a reprisals case."))


def _end_assignments_of(session: Session, membership: Membership) -> None:
    unit = session.get(Unit, membership.unit_id)
    if unit is None or unit.kind is not UnitKind.REPRISALS_TEAM:
        return
    stale = session.scalars(select(CaseAssignment).join(Case, Case.id == CaseAssignment.case_id).where(
        CaseAssignment.user_id == membership.user_id, Case.unit_id == unit.id, Case.case_type == "reprisal"))
    for assignment in stale:
        session.delete(assignment)


def enforce_team_rules(session: Session, flush_context, instances) -> None:
    """Refuse, at every flush, what no route, job or command may store (listened to as declared
    in `module.py`)."""
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, CaseAssignment):
            _check_assignment(session, obj)
        elif isinstance(obj, Case) and _is_reprisal(obj) and not obj.confidential:
            raise ValueError("a reprisals case is always confidential")
    for obj in list(session.deleted):
        if isinstance(obj, Membership):
            with session.no_autoflush:
                _end_assignments_of(session, obj)
