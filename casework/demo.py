"""Demonstration data: realistic accounts for every role and kind of unit. Never in production."""
from __future__ import annotations

from sqlalchemy import select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role, User
from casework.auth.session import find_user, new_totp_secret
from casework.core.reference import ensure_unit
from casework.core.units import Unit, UnitKind
from casework.extensions import db

DEMO_PASSWORD = "casework-demo-2026"

FIELD_OFFICES = [
    ("FO-COL", "OHCHR Country Office in Colombia"),
    ("FO-MEX", "OHCHR Country Office in Mexico"),
    ("FO-UKR", "Human Rights Monitoring Mission in Ukraine"),
]

# email, name, global flags, [(unit code, role)], description
ACCOUNTS = [
    ("admin@ohchr.example.org", "Amina Diallo", {"is_admin": True}, [], "administrator (two-factor)"),
    ("auditor@ohchr.example.org", "Lars Eriksen", {"is_auditor": True}, [], "auditor, read-only everywhere"),
    ("chief@ohchr.example.org", "Isabel Moreno", {}, [("OHCHR", Role.SUPERVISOR)], "secretariat supervisor, all units"),
    ("ccpr.supervisor@ohchr.example.org", "Thomas Keller", {}, [("CCPR", Role.SUPERVISOR)], "CCPR supervisor"),
    ("ccpr.officer@ohchr.example.org", "Mei Lin Chen", {}, [("CCPR", Role.CASE_OFFICER), ("CAT", Role.CASE_OFFICER)],
     "CCPR and CAT case officer"),
    ("ccpr.viewer@ohchr.example.org", "Olu Adeyemi", {}, [("CCPR", Role.VIEWER)], "CCPR viewer"),
    ("ced.supervisor@ohchr.example.org", "Carmen Ruiz", {}, [("CED", Role.SUPERVISOR)], "CED supervisor"),
    ("ced.officer@ohchr.example.org", "Yusuf Haddad", {}, [("CED", Role.CASE_OFFICER)], "CED urgent actions officer"),
    ("sp.officer@ohchr.example.org", "Sophie Laurent", {}, [("SR-HRDEFENDERS", Role.CASE_OFFICER),
                                                       ("SR-TORTURE", Role.CASE_OFFICER)],
     "special procedures desk officer"),
    ("sp.supervisor@ohchr.example.org", "Daniel Okafor", {}, [("SR-HRDEFENDERS", Role.SUPERVISOR),
                                                         ("SR-TORTURE", Role.SUPERVISOR)],
     "special procedures supervisor"),
    ("reprisals.officer@ohchr.example.org", "Nadia Petrova", {}, [("REPRISALS", Role.CASE_OFFICER)],
     "reprisals team officer"),
    ("field.officer@ohchr.example.org", "Andrés Castillo", {}, [("FO-COL", Role.CASE_OFFICER)],
     "field officer, Colombia"),
]


def load_demo() -> list[tuple[str, str]]:
    """Create the demo units and accounts that are missing; returns (e-mail, description) pairs."""
    for code, name in FIELD_OFFICES:
        ensure_unit(code, name, UnitKind.FIELD_OFFICE)
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    for email, name, flags, memberships, _description in ACCOUNTS:
        user = find_user(email) or _create(email, name, flags)
        for code, role in memberships:
            if not any(m.unit_id == units[code].id for m in user.memberships):
                set_membership(user, units[code], role)
    db.session.flush()
    return [(email, description) for email, _n, _f, _m, description in ACCOUNTS]


def _create(email: str, name: str, flags: dict) -> User:
    user = save_user(None, name, email, DEMO_PASSWORD, is_admin=flags.get("is_admin", False),
                     is_auditor=flags.get("is_auditor", False), active=True)
    if user.is_admin:
        user.totp_secret = new_totp_secret()
    return user
