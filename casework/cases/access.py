"""Loading a case for a request: 404 when it may not be seen, 403 when it may not be changed."""
from __future__ import annotations

from typing import TypeVar

from flask import abort
from flask_login import current_user

from casework.core import audit
from casework.core.cases import Case
from casework.core.permissions import Permission, can
from casework.extensions import db

C = TypeVar("C", bound=Case)


def load_case(case_id: int, permission: Permission = Permission.VIEW, kind: type[C] = Case) -> C:
    """The case of `kind`, if the current user holds `permission` on it.

    A case the user may not see, or of another kind than the address names, answers 404, so
    that its existence does not leak.
    """
    case = db.session.get(kind, case_id)
    if case is None or not isinstance(case, kind) or not can(current_user, Permission.VIEW, case):
        abort(404)
    if not can(current_user, permission, case):
        abort(403)
    return case


def record_confidential_view(case: Case) -> None:
    """Every view of a confidential record goes to the audit trail (the view commits it)."""
    if case.confidential:
        audit.record(audit.AuditAction.VIEW, obj=case)
