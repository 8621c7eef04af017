"""Loading a case, or a record of it, for a request: 404 when it may not be seen, 403 when it may
not be changed."""
from __future__ import annotations

from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from casework.core import audit
from casework.core.cases import Case
from casework.core.permissions import Permission, can
from casework.extensions import db

C = TypeVar("C", bound=Case)
R = TypeVar("R")


def load_case(case_id: int, permission: Permission = Permission.VIEW, kind: type[C] = Case) -> C:
    """The case of `kind`, if the current user holds `permission` on it.

    A case the user may not see, or of another kind than the address names, answers 404, so
    that its existence does not leak.
    """
    case = db.session.get(Case, case_id)
    if case is None or not is_of_kind(case, kind) or not can(current_user, Permission.VIEW, case):
        abort(404)
    if not can(current_user, permission, case):
        abort(403)
    return case


def is_of_kind(case: Case, kind: type[Case]) -> bool:
    """Of exactly the kind `kind` names (a letter's pages are not a special-procedures
    communication's, though it is a letter too), or of any kind of an abstract class of several
    (a working group's case) or of `Case`."""
    mapper = kind.__dict__.get("__mapper__")
    if kind is Case or mapper is None:
        return isinstance(case, kind)
    return case.case_type == mapper.polymorphic_identity


def load_part(model: type[R], record_id: int, case: Case, column: str = "case_id") -> R:
    """A record of `case` (a deadline, a request for interim measures, a recommendation), loaded
    after the case itself: 404 if there is none or it belongs to another case."""
    record: Any = db.session.get(model, record_id)
    if record is None or getattr(record, column) != case.id:
        abort(404)
    return record


def load_own(model: type[R], record_id: int) -> R:
    """A record that belongs to the signed-in user (an export, a notification): 404 otherwise."""
    record: Any = db.session.get(model, record_id)
    if record is None or record.user_id != current_user.id:
        abort(404)
    return record


def record_confidential_view(case: Case) -> None:
    """Every view of a confidential record goes to the audit trail (the view commits it)."""
    if case.confidential:
        audit.record(audit.AuditAction.VIEW, obj=case)
