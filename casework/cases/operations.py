"""Operations on any case. They flush and audit; the view commits."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from casework.auth.models import User
from casework.core.cases import Case, CaseAssignment
from casework.core.db import savepoint
from casework.core.i18n import enum_label
from casework.core.permissions import identities_guarded, supervises_unit
from casework.core.persons import CasePerson, PersonRole, registered_person
from casework.core.workflow import CaseHistory, fire, workflow_for
from casework.core.writes import Refused
from casework.extensions import db


def fire_transition(case: Case, event: str, actor, expected_version: int, comment: str | None,
                    on: date | None = None) -> CaseHistory:
    """Fire a workflow action a user chose, dated the day it happened (`on`, today if not given),
    refusing it if the case changed since they loaded it.

    Events the system fires itself (a rendered PDF, a recorded dispatch) are not for this door.
    """
    if not workflow_for(case).transition(event).manual:
        raise Refused(_("“%(event)s” happens by itself; it cannot be chosen.", event=event))
    return fire(case, event, actor, expected_version=expected_version, comment=comment, on=on)


def _refuse_child(case: Case) -> None:
    if case.parent_id is not None:
        raise Refused(_("Assign people to the case this record belongs to; it takes its access from there."))


def _stored_unless_taken(record) -> bool:
    """Add and flush `record`; False, the session as before, if a unique constraint refuses it.

    The callers look for the same record first, but a second request (a double click, a
    colleague) can store it between that look and this write; its uniqueness is the database's.
    """
    try:
        with savepoint(db.session):
            db.session.add(record)
    except IntegrityError:
        return False
    return True


def _assignment(case_id: int, user_id: int) -> CaseAssignment | None:
    return db.session.scalar(
        select(CaseAssignment).where(CaseAssignment.case_id == case_id, CaseAssignment.user_id == user_id)
    )


def assign_user(case: Case, user, assigned_by) -> CaseAssignment:
    """Give `user` access to the case (the only way into a confidential one); already given, keep it.

    On a case that guards identities (an urgent action's authors, a working group's source) only a
    supervisor of the case's own unit gives access, whatever the route, job or command; given again
    by one of them, an assignment someone else made is theirs from then on, and opens the
    identities (see `casework.core.permissions`). Who may assign on other cases is the policy's
    `can(..., ASSIGN, ...)`, checked by the page before it calls this.
    """
    _refuse_child(case)
    guarded = identities_guarded(case)
    if guarded and not supervises_unit(assigned_by, case.unit_id):
        raise Refused(_("Only the supervisors of %(unit)s may give access to this case: it names people whose "
                        "identity only they may reveal.", unit=case.unit.code), forbidden=True)
    existing = _assignment(case.id, user.id)
    if existing:
        granted_by = db.session.get(User, existing.assigned_by_id) if existing.assigned_by_id else None
        if guarded and not supervises_unit(granted_by, case.unit_id):
            existing.assigned_by_id = assigned_by.id
            db.session.flush()
        return existing
    assignment = CaseAssignment(case_id=case.id, user_id=user.id, assigned_by_id=assigned_by.id)
    return assignment if _stored_unless_taken(assignment) else _assignment(case.id, user.id)


def unassign_user(case: Case, user_id: int) -> None:
    _refuse_child(case)
    assignment = _assignment(case.id, user_id)
    if assignment:
        db.session.delete(assignment)
        db.session.flush()


def link_person(case: Case, person_id: int, role: str, actor) -> CasePerson:
    """Record a person's part in the case."""
    person = registered_person(person_id, actor)
    role = PersonRole(role)
    link = CasePerson(case_id=case.id, person_id=person.id, role=role)
    if _linked(case.id, person.id, role) or not _stored_unless_taken(link):
        raise Refused(_("%(person)s is already linked to this case as %(role)s.",
                        person=str(person), role=str(enum_label(role)).lower()))
    return link


def _linked(case_id: int, person_id: int, role: PersonRole) -> bool:
    return db.session.scalar(select(CasePerson.id).where(
        CasePerson.case_id == case_id, CasePerson.person_id == person_id, CasePerson.role == role)) is not None
