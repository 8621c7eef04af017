"""The one permission policy of Casework.

It is used in two forms: `can(user, permission, case)` for a single record, and
`visible_cases(user)` / `filter_visible(stmt, user)` for every query that lists, searches,
counts or exports case records. Deny by default: a permission not granted here is refused.

Some kinds of case hold identities that are secret beyond the case itself (a kind says so with
`identities_guarded = True`): the authors of a CED urgent action, the source of a working group's
case. Whoever may read such a case does not by that know them; they are known to the members of
the case's own unit in their own right and to the people its supervisors assign
(`may_know_identities`). So assignment, which opens what the roles do not, is given as follows
(`may_grant_access`, part of `can(..., ASSIGN, ...)`):

- a kind that guards identities: only the supervisors of the case's own unit, in their own right,
  assign. Not the supervisors of the whole secretariat, not administrators (who manage accounts,
  and do not know these identities), not someone who was assigned. An assignment made by anyone
  else, before this rule or by a job, reveals nothing: the identities go to those assigned by a
  supervisor of the unit at the time they are read, and a supervisor of the unit confirms an
  assignment by making it again.
- a confidential case (reprisals, a confidential detention case, any confidential record): the
  supervisors of its own unit who can see it, and administrators, who see every confidential
  case already and are the way back to a case nobody left in the unit is assigned to. A
  secretariat-wide supervisor who was assigned reads it, but does not pass it on.
- any other case: the supervisors whose role covers the case (its unit's or the secretariat's)
  and administrators, as for every other permission: assignment there opens nothing a member of
  the secretariat cannot already read.
"""
from __future__ import annotations

import enum
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import aliased

from casework.auth.models import Membership, Role
from casework.core.cases import Case, CaseAssignment
from casework.core.db import checked_per_row, exists_for_each
from casework.core.units import Unit, UnitKind
from casework.extensions import db

if TYPE_CHECKING:
    from casework.auth.models import User


class Permission(enum.StrEnum):
    VIEW = "case.view"
    CREATE = "case.create"
    EDIT = "case.edit"
    APPROVE = "case.approve"  # supervisors: approve and sign off
    ASSIGN = "case.assign"  # supervisors: assign people to (confidential) cases
    VIEW_AUDIT = "audit.view"
    MANAGE_USERS = "admin.users"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.VIEW}),
    Role.CASE_OFFICER: frozenset({Permission.VIEW, Permission.CREATE, Permission.EDIT}),
    Role.SUPERVISOR: frozenset(
        {Permission.VIEW, Permission.CREATE, Permission.EDIT, Permission.APPROVE, Permission.ASSIGN}
    ),
}
AUDITOR_PERMISSIONS = frozenset({Permission.VIEW, Permission.VIEW_AUDIT})


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def unit_roles(user: User) -> tuple[dict[int, Role], Role | None]:
    """The user's role per unit, and the role that applies everywhere (secretariat membership)."""
    per_unit: dict[int, Role] = {}
    everywhere: Role | None = None
    for membership in user.memberships:
        if membership.unit.kind is UnitKind.SECRETARIAT:
            everywhere = membership.role
        per_unit[membership.unit_id] = membership.role
    return per_unit, everywhere


def unit_permissions(user: User, unit_id: int) -> frozenset[Permission]:
    """What the user may do with the (non-confidential) records of one unit."""
    if not _signed_in(user):
        return frozenset()
    if user.is_admin:
        return frozenset(Permission)
    per_unit, everywhere = unit_roles(user)
    granted: set[Permission] = set(AUDITOR_PERMISSIONS if user.is_auditor else ())
    for role in (per_unit.get(unit_id), everywhere):
        if role is not None:
            granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def has_global(user: User, permission: Permission) -> bool:
    """Permissions that are not about one record: the audit log, user administration."""
    if not _signed_in(user):
        return False
    if user.is_admin:
        return True
    return permission is Permission.VIEW_AUDIT and user.is_auditor


def is_assigned(user: User, case: Case) -> bool:
    return any(a.user_id == user.id for a in case.assignments)


def can(user: User, permission: Permission, case: Case) -> bool:
    """May `user` do `permission` on this one case? A child record answers as its parent case."""
    if not _signed_in(user):
        return False
    if case.parent is not None:
        return can(user, permission, case.parent)
    if permission is Permission.ASSIGN and not may_grant_access(user, case):
        return False
    if user.is_admin:
        return True
    assigned = is_assigned(user, case)
    if case.confidential and not assigned:
        return False
    granted = unit_permissions(user, case.unit_id)
    if assigned and not granted:
        # Assigned but not a member of the unit: may read what they were given, nothing more.
        granted = frozenset({Permission.VIEW})
    return permission in granted


def identities_guarded(case: Case) -> bool:
    """Does the case (or the case it belongs to) hold identities secret beyond the case itself?"""
    root = case.parent or case
    return bool(getattr(root, "identities_guarded", False))


def supervises_unit(user: User | None, unit_id: int) -> bool:
    """Is `user` a supervisor of this unit in their own right (not through the secretariat)?"""
    return _signed_in(user) and any(m.unit_id == unit_id and m.role is Role.SUPERVISOR for m in user.memberships)


def may_grant_access(user: User, case: Case) -> bool:
    """The part of the assignment rule that is not the role's (see the module's docstring): who may
    open a case that guards identities, or a confidential one, to someone else."""
    root = case.parent or case
    if identities_guarded(root):
        return supervises_unit(user, root.unit_id)
    if root.confidential:
        return user.is_admin or supervises_unit(user, root.unit_id)
    return True


def may_know_identities(user: User, case: Case) -> bool:
    """May `user` know the guarded identities of the case: who the authors or the source are, how to
    reach them, and what came with them (its files)? Of a kind that guards none: whoever reads it."""
    if not _signed_in(user):
        return False
    root = case.parent or case
    if not can(user, Permission.VIEW, root):
        return False
    if not identities_guarded(root):
        return True
    if any(m.unit_id == root.unit_id for m in user.memberships):
        return True
    return db.session.scalar(vouched_case_ids(user, root.id).limit(1)) is not None


def vouched_case_ids(user: User, case_id: int | None = None) -> Select:
    """Ids of the cases `user` was assigned to by someone who is now a supervisor of the case's own
    unit in their own right: the assignments that open guarded identities. (Aliased throughout, so
    that inside a larger query nothing is correlated with its tables by accident.)"""
    assignment, owned, membership = _vouching_aliases()
    stmt = (
        select(assignment.case_id)
        .join(owned, owned.id == assignment.case_id)
        .join(membership, and_(membership.user_id == assignment.assigned_by_id,
                               membership.unit_id == owned.unit_id, membership.role == Role.SUPERVISOR))
        .where(assignment.user_id == user.id)
    )
    return stmt if case_id is None else stmt.where(assignment.case_id == case_id)


@cache
def _vouching_aliases() -> tuple[type[CaseAssignment], type[Case], type[Membership]]:
    """The tables `vouched_case_ids` reads, aliased once: an alias copies every column of its
    table, which cost a case or person page about 2 ms each time it was made anew."""
    return aliased(CaseAssignment), aliased(Case), aliased(Membership)


@cache
def _parent_case() -> type[Case]:
    """The case another belongs to, aliased once (see `_vouching_aliases`)."""
    return aliased(Case)


def identities_known_clause(user: User, entity) -> ColumnElement[bool]:
    """SQL condition on a case entity of a kind that guards identities (`UrgentAction`): those
    whose identities `user` may know, as `may_know_identities` answers for one."""
    if not _signed_in(user):
        return false()
    own = [m.unit_id for m in user.memberships]
    return or_(entity.unit_id.in_(own), entity.id.in_(vouched_case_ids(user))) if own else \
        entity.id.in_(vouched_case_ids(user))


def can_in_unit(user: User, permission: Permission, unit_id: int) -> bool:
    """May `user` do `permission` in this unit (e.g. create a case there)?"""
    return permission in unit_permissions(user, unit_id)


def units_where(user: User, permission: Permission) -> list[Unit]:
    """The units in which the user holds `permission`, for choosing where to create a case."""
    if not _signed_in(user):
        return []
    units = db.session.scalars(select(Unit).where(Unit.active).order_by(Unit.code)).all()
    return [unit for unit in units if permission in unit_permissions(user, unit.id)]


def visibility_clause(user: User, model: type[Case] = Case, in_list_order: bool = False) -> ColumnElement[bool]:
    """SQL condition on `Case` that is true exactly for the cases `user` may view.

    A record that belongs to another case (a letter of a communication) is visible exactly
    where that case is, whatever its own flags say. When `model` is a kind of case whose
    records never belong to another, that branch is left out: measured on 100,000 visits, the
    database then starts from the kind's own indexes and a list's first page comes 2 to 100
    times sooner (benchmarks/detention.py). `in_list_order`: for a page read in its sort order,
    the reader's units are checked row by row, never the index the database starts from
    (`checked_per_row`).
    """
    if not _signed_in(user):
        return false()
    if user.is_admin:
        return true()
    if not model.can_belong_to_a_case:
        return _marked(Case.parent_id.is_(None) & _own_visibility(user, Case, in_list_order), user, model)
    parent = _parent_case()
    # The parent looked up by its key (EXISTS) rather than among every visible case (IN): SQLite
    # would first list every case the reader may see, 100 ms at 200,000 cases, for each query.
    return or_(
        Case.parent_id.is_(None) & _own_visibility(user, Case, in_list_order),
        exists_for_each(select(parent.id).where(parent.id == Case.parent_id, _own_visibility(user, parent))),
    )


# The mark `visibility_clause` leaves on its condition where the cases it hides are a short list
# (`hidden_by`): the reader's id and the kinds listed.
HIDES = "casework_hides"


def _marked(condition: ColumnElement[bool], user: User, model: type[Case]) -> ColumnElement[bool]:
    """`condition`, marked with what it leaves out where that is a short list: for a reader who sees
    every unit openly, a kind's confidential cases not assigned to them. (A reader of some units
    does not see most cases of a kind; nothing is marked for them.)"""
    mapper = getattr(model, "__mapper__", None)
    kinds = tuple(sorted(m.polymorphic_identity for m in mapper.self_and_descendants)) if mapper else ()
    if not kinds or open_unit_ids(user) is not None:
        return condition
    # An annotation: SQLAlchemy's own way of carrying facts on a clause through the statements
    # built from it; the SQL is the same.
    return condition._annotate({HIDES: (user.id, kinds)})


def hidden_by(condition: ColumnElement[bool]) -> Select | None:
    """The ids of the cases a condition `visibility_clause` marked leaves out of its kinds (see
    `_marked`), or None for any other condition. A list that pages by OFFSET skips every row
    before its page without asking the policy of each, then skips as many more as it left out
    there (`pagination._offset_past_unseen`). A kind of its own never belongs to another case, so
    the condition's "no parent" leaves none of them out. Should this list ever be wrong, the page
    would start a few rows off, never show more: its rows are still read with the condition."""
    mark = getattr(condition, "_annotations", {}).get(HIDES)
    if mark is None:
        return None
    user_id, kinds = mark
    return _confidential_unassigned(user_id, Case.case_type.in_(kinds))


def _confidential_unassigned(user_id: int, *among: ColumnElement[bool]) -> Select:
    """The ids of the confidential cases `among` names that are not assigned to the user: what a
    reader who sees those cases openly may still not see (a short list, `ix_cases_confidential`)."""
    assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == user_id)
    return select(Case.id).where(*among, Case.confidential, Case.id.not_in(assigned))


def _own_visibility(user: User, entity, in_list_order: bool = False) -> ColumnElement[bool]:
    assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == user.id)
    unit = checked_per_row(entity.unit_id) if in_list_order else entity.unit_id
    return or_(entity.id.in_(assigned), (~entity.confidential) & unit_clause(user, unit))


def unit_clause(user: User, unit_column) -> ColumnElement[bool]:
    """SQL condition on a unit column: true for the units whose open records `user` may view.

    The rule for non-confidential cases, and for records a unit owns that are not cases (the
    places of detention of a field office, its aggregate release figures).
    """
    units = open_unit_ids(user)
    if units is None:
        return true()
    return unit_column.in_(sorted(units)) if units else false()


def assigned_case_ids(user: User) -> Select:
    return select(CaseAssignment.case_id).where(CaseAssignment.user_id == user.id)


def sees_unit_openly(user: User, unit_id: int) -> bool:
    """Whether every case of the unit that is not confidential is visible to `user`."""
    return _signed_in(user) and (user.is_admin or Permission.VIEW in unit_permissions(user, unit_id))


def open_unit_ids(user: User) -> frozenset[int] | None:
    """The units whose open records `user` may view (`unit_clause` in SQL): None for every unit."""
    if not _signed_in(user):
        return frozenset()
    if user.is_admin:
        return None
    per_unit, everywhere = unit_roles(user)
    if everywhere is not None or user.is_auditor:
        return None
    return frozenset(per_unit)


def visible_in_unit(user: User, unit_id: int, case_id: ColumnElement[int]) -> ColumnElement[bool]:
    """The policy for the top-level cases of one unit, as a condition on their id alone.

    For cases of `unit_id` that belong to no other case it is equivalent to `visibility_clause`,
    but needs no look-up of each case: where the user's role covers the unit, every case is
    visible except the confidential ones not assigned to them (a short list); elsewhere only the
    assigned ones are. So a long list of one unit can walk its own index. The caller restricts
    the query to that unit's top-level cases.
    """
    if not _signed_in(user):
        return false()
    if user.is_admin:
        return true()
    hidden = unseen_in_unit(user, unit_id)
    return case_id.in_(assigned_case_ids(user)) if hidden is None else case_id.not_in(hidden)


def unseen_in_unit(user: User, unit_id: int) -> Select | None:
    """The ids of the unit's cases `user` may not see, where that is a short list: for a reader who
    sees the unit openly, its confidential cases not assigned to them (none for an administrator).
    None where they see only the cases assigned to them."""
    if not sees_unit_openly(user, unit_id):
        return None
    if user.is_admin:
        return select(Case.id).where(false())
    return _confidential_unassigned(user.id, Case.unit_id == unit_id)


class UnitsRead(NamedTuple):
    """What a reader of some units sees of a kind of case of its own, as short lists around its
    units' cases (`units_read`)."""
    units: list[int]
    hidden: Select  # the kind's cases of those units they may not see
    elsewhere: Select  # the kind's cases of other units they see


def units_read(user: User, model: type[Case]) -> UnitsRead | None:
    """For a reader of some units, and a kind of case that never belongs to another: the units
    they read openly, the kind's confidential cases there not assigned to them, and the kind's
    cases assigned to them in other units. `visibility_clause` shows them exactly the units'
    cases but the first list, and the second. None for a reader of every unit, or of none."""
    units = open_unit_ids(user)
    if not units or model.can_belong_to_a_case:
        return None
    read = sorted(units)
    kinds = [mapper.polymorphic_identity for mapper in model.__mapper__.self_and_descendants]
    of_kind = Case.case_type.in_(kinds)
    return UnitsRead(read, _confidential_unassigned(user.id, of_kind, Case.unit_id.in_(read)),
                     select(Case.id).where(of_kind, Case.unit_id.not_in(read), Case.id.in_(assigned_case_ids(user))))


def filter_visible(stmt: Select, user: User) -> Select:
    """Restrict a query that involves `Case` (or a subclass) to the cases `user` may view."""
    return stmt.where(visibility_clause(user))


def visible_cases(user: User, model: type[Case] = Case, in_list_order: bool = False) -> Select:
    """SELECT of the cases of one kind that `user` may view: the start of every listing."""
    return select(model).where(visibility_clause(user, model, in_list_order))


def visible_case_ids(user: User) -> Select:
    """Ids of visible cases, for filtering records that hang off a case (deadlines, files)."""
    return select(Case.id).where(visibility_clause(user))
