"""Every workflow as a truth table: each state × each transition × each role, from the declarations.

For every installed workflow a real case is built (tests/core/workflow_cases.py) and placed in
each of its states; then every transition is fired by every role, and the answer is compared with
what the declaration and the role's permissions say it must be:

- the state is not among the transition's sources: refused, 422, for the state; not offered;
- the role lacks the transition's permission on the case: refused, 403, for the role; not offered;
- otherwise the engine lets the role through: the case moves to the target with its history row
  and its audit event, or it is refused, 422, for a field to fill in or a guard, never for the
  state or the role. A manual transition is offered (with the same reason, if any); one fired by
  the system is offered to nobody.

The expected answer is worked out here, from `Transition.sources`, `Transition.permission` and
`ROLE_PERMISSIONS`, never by asking the engine (`refusal_reason`, `can`). Each cell runs in a
savepoint that is rolled back, so no cell sees another's changes.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from casework.core.audit import AuditEvent
from casework.core.permissions import AUDITOR_PERMISSIONS, ROLE_PERMISSIONS, Permission
from casework.core.workflow import _WORKFLOWS, Transition, available, fire
from casework.core.writes import Refused
from casework.extensions import db
from tests.core.workflow_cases import (
    BUILDERS,
    CANNOT_FIRE,
    RECIPES,
    ROLES,
    World,
    build_world,
)

STATE_REASON = "is not possible"  # the engine's words for a refusal by state (of the case, or of a part)
ROLE_REASON = "Your role does not allow"  # and for a refusal by role
MISSING_REASON = "Fill in"

def workflow_key(record) -> str:
    """The workflow a record follows: its case type, or a case part's own key."""
    return getattr(record, "workflow_key", None) or record.case_type


def case_of(record):
    """The case whose history a record's transitions are written to: itself, or the case of a part."""
    return getattr(record, "part_of", None) or record


def permissions_of(role: str, record, user) -> frozenset[Permission]:
    """What the role may do on this record, from the role's declaration and `ROLE_PERMISSIONS`."""
    spec = ROLES[role]
    if spec.admin:
        return frozenset(Permission)
    case = case_of(record)
    owner = case.parent or case  # a letter answers as the case it belongs to
    assigned = any(a.user_id == user.id for a in owner.assignments)
    if owner.confidential and not assigned:
        return frozenset()
    granted: set[Permission] = set(AUDITOR_PERMISSIONS if spec.auditor else ())
    for unit_role in (spec.in_case_units, spec.everywhere):
        if unit_role is not None:
            granted |= ROLE_PERMISSIONS[unit_role]
    if assigned and not granted:
        granted = {Permission.VIEW}
    return frozenset(granted)


@dataclass
class Table:
    """What a table run saw: its cells, what disagreed, what fired, how long it took."""

    cells: int = 0
    covered: set[str] = field(default_factory=set)
    fired: set[str] = field(default_factory=set)
    disagreements: list[str] = field(default_factory=list)
    seconds: float = 0.0


@pytest.fixture
def world(units, make_user) -> World:
    return build_world(units, make_user)


def _forget_pending_notes() -> None:
    """What a rolled-back cell left in the session's notes must not reach the next cell."""
    db.session.info.pop("audit_notes", None)
    db.session.info.pop("jobs_to_dispatch", None)


def _last_audit_id() -> int:
    return db.session.scalar(select(func.coalesce(func.max(AuditEvent.id), 0)))


def _attempt(case, transition: Transition, state: str, user) -> tuple[bool, str | None, list[str]]:
    """Fire once; (fired, reason if refused, what disagrees with an allowed cell)."""
    problems = []
    audit_before = _last_audit_id()
    try:
        entry = fire(case, transition.event, user)
    except Refused as refusal:
        reason = str(refusal)
        if refusal.status not in (422, 403) or (refusal.status == 403 and transition.guard is None):
            problems.append(f"refused with {refusal.status}, not 422 (or 403 by a guard): {reason}")
        if STATE_REASON in reason or ROLE_REASON in reason:
            problems.append(f"refused for the state or the role although both allow it: {reason}")
        return False, reason, problems
    if case.status != transition.target:
        problems.append(f"status {case.status!r} after firing, not {transition.target!r}")
    part = getattr(case, "workflow_key", None)
    row = (entry.case_id, entry.part, entry.part_id, entry.event, entry.from_status, entry.to_status, entry.actor_id)
    if entry.id is None or row != (case_of(case).id, part, case.id if part else None, transition.event, state,
                                   transition.target, user.id):
        problems.append(f"history row {row}, stored: {entry.id is not None}")
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.id > audit_before, AuditEvent.action == "state_change",
        AuditEvent.object_type == case.__tablename__, AuditEvent.object_id == str(case.id),
    )).all()
    if [e.detail.get("event") for e in events] != [transition.event]:
        problems.append(f"audit events for the change: {[e.detail for e in events]}")
    return True, None, problems


def run_table(case, world: World) -> Table:
    """Every cell of the case's workflow; the case is left as it was built."""
    started = time.perf_counter()
    workflow = _WORKFLOWS[workflow_key(case)]
    users = world.users
    table = Table()
    may = {role: permissions_of(role, case, users[role]) for role in ROLES}
    for state in (s.value for s in workflow.states):
        in_state = db.session.begin_nested()
        case.status = state
        db.session.flush()
        offered = {role: {t.event: reason for t, reason in available(case, users[role])} for role in ROLES}
        for transition in workflow.transitions:
            table.covered.add(transition.event)
            for role in ROLES:
                table.cells += 1
                where = f"{state} × {transition.event} × {role}"
                problems = _cell(case, transition, state, role, users[role], may[role], offered[role], world, table)
                table.disagreements += [f"{where}: {p}" for p in problems]
        in_state.rollback()
        _forget_pending_notes()
    table.seconds = time.perf_counter() - started
    return table


def _cell(case, transition: Transition, state: str, role: str, user, may: frozenset[Permission],
          offered: dict[str, str | None], world: World, table: Table) -> list[str]:
    if state not in transition.sources:
        expected, status = STATE_REASON, 422
    elif transition.permission not in may:
        expected, status = ROLE_REASON, 403
    else:
        return _allowed_cell(case, transition, state, user, offered, world, table)
    problems = []
    if transition.event in offered:
        problems.append("offered by available()")
    cell = db.session.begin_nested()
    try:
        fire(case, transition.event, user)
    except Refused as refusal:
        if refusal.status != status or expected not in str(refusal):
            problems.append(f"refused with {refusal.status} “{refusal}”, expected {status} “{expected}…”")
    else:
        problems.append(f"fired (to {case.status!r}); expected {status} “{expected}…”")
    cell.rollback()
    _forget_pending_notes()
    return problems


def _allowed_cell(case, transition: Transition, state: str, user, offered: dict[str, str | None], world: World,
                  table: Table) -> list[str]:
    problems = []
    if transition.manual and transition.event not in offered:
        problems.append("a manual transition the state and the role allow is not offered by available()")
    if not transition.manual and transition.event in offered:
        problems.append("fired by the system, yet offered by available()")

    # The case as it stands in this state.
    cell = db.session.begin_nested()
    fired, reason, found = _attempt(case, transition, state, user)
    problems += found
    if transition.event in offered and offered[transition.event] != reason:
        problems.append(f"available() says “{offered[transition.event]}”, fire() says “{reason}”")
    cell.rollback()
    _forget_pending_notes()
    if fired:
        table.fired.add(transition.event)

    # With its required fields filled and its guard satisfied.
    recipe = RECIPES.get((workflow_key(case), transition.event))
    if recipe is not None or transition.required:
        cell = db.session.begin_nested()
        if recipe is not None:
            recipe(case, world)
        for name in transition.required:  # each required field, left empty, is refused for it
            kept = getattr(case, name)
            with db.session.no_autoflush:  # an empty field the database refuses is never stored
                setattr(case, name, None)
                try:
                    fire(case, transition.event, user)
                except Refused as refusal:
                    if refusal.status != 422 or MISSING_REASON not in str(refusal):
                        problems.append(f"{name} empty: refused with {refusal.status} “{refusal}”")
                else:
                    problems.append(f"fired with {name} empty")
                setattr(case, name, kept)
        fired, reason, found = _attempt(case, transition, state, user)
        problems += found
        cell.rollback()
        _forget_pending_notes()
        if fired:
            table.fired.add(transition.event)
    return problems


@pytest.mark.parametrize("case_type", sorted(BUILDERS))
def test_truth_table(world, case_type, record_property):
    case = BUILDERS[case_type](world)
    db.session.commit()
    assert workflow_key(case) == case_type
    workflow = _WORKFLOWS[case_type]

    table = run_table(case, world)
    record_property("cells", table.cells)
    record_property("seconds", round(table.seconds, 2))

    assert table.cells == len(workflow.states) * len(workflow.transitions) * len(ROLES)
    assert table.covered == {t.event for t in workflow.transitions}
    disagreements = table.disagreements
    assert disagreements == [], "\n".join([f"{len(disagreements)} cells disagree with the declaration:",
                                            *disagreements])
    never_fired = {t.event for t in workflow.transitions} - table.fired - {
        event for (kind, event) in CANNOT_FIRE if kind == case_type}
    assert never_fired == set(), f"transitions never fired successfully by any role in any state: {never_fired}"


def test_every_installed_workflow_has_its_table(app):
    """A workflow installed without a builder here fails, and so does a recipe or an exemption that
    names no declared transition (an event renamed). The transitions need no list of their own:
    each is a column of its workflow's table, and the table fails for one never fired."""
    assert set(_WORKFLOWS) == set(BUILDERS), "add a builder to tests/core/workflow_cases.py"
    declared = {(kind, t.event): t for kind, workflow in _WORKFLOWS.items() for t in workflow.transitions}
    assert set(RECIPES) <= set(declared), f"recipes for no transition: {set(RECIPES) - set(declared)}"
    assert set(CANNOT_FIRE) <= set(declared), f"CANNOT_FIRE names no transition: {set(CANNOT_FIRE) - set(declared)}"
    assert not set(RECIPES) & set(CANNOT_FIRE)
