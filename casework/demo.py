"""Demonstration data: realistic accounts for every role and kind of unit. Never in production."""
from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role, User
from casework.auth.session import find_user, new_totp_secret
from casework.core.jobs import jobs_inline
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


def load_demo(progress: Callable[[str], None] = lambda _line: None) -> list[tuple[str, str]]:
    """Create the demo units, accounts and letters that are missing, and commit; returns (e-mail,
    description) pairs. `progress` is told as each module's data is loaded, with the seconds it took.

    The jobs the data queues (a letter's PDF, each addressee's copy) run here, one after the other,
    as each module commits: on the embedded queue a worker thread would write beside the seed, which
    SQLite refuses ("database is locked"), and would die with the command, its jobs never done."""
    for code, name in FIELD_OFFICES:
        ensure_unit(code, name, UnitKind.FIELD_OFFICE)
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    for email, name, flags, memberships, _description in ACCOUNTS:
        user = find_user(email) or _create(email, name, flags)
        for code, role in memberships:
            if not any(m.unit_id == units[code].id for m in user.memberships):
                set_membership(user, units[code], role)
    db.session.flush()
    _demo_circular(units["CCPR"], find_user("ccpr.officer@ohchr.example.org"))
    from casework import domain_modules

    accounts = [(email, description) for email, _n, _f, _m, description in ACCOUNTS]
    with jobs_inline():  # see the docstring: no job is left to a worker that dies with the command
        for module in domain_modules():
            if module.demo is not None:
                started = time.perf_counter()
                accounts += module.demo() or []  # a module may add accounts of its own, to be printed
                progress(f"  {module.name.replace('_', ' ')}: {time.perf_counter() - started:.1f} s")
        db.session.commit()
    return accounts


def _demo_circular(unit: Unit, officer: User) -> None:
    """A circular note verbale awaiting approval: the CCPR supervisor can approve it and see the PDF."""
    from casework.core.audit import acting_as
    from casework.core.states import State
    from casework.core.workflow import fire
    from casework.letters import operations as letters
    from casework.letters.models import Letter

    reference = "CCPR/NV/2026/1"
    if db.session.scalar(select(Letter).where(Letter.reference == reference)):
        return
    with acting_as(officer.id):
        letter = letters.draft_letter("circular_note_verbale", "en", officer, unit_id=unit.id)
        letters.update_letter(letter, letters.LetterContent(
            subject="Call for information on the follow-up to Views", reference=reference, language="en",
            letter_date=None, body=DEMO_CIRCULAR, other_addressees=[], copy_state_ids=[], signatories=[],
            addressee_state_ids=list(db.session.scalars(select(State.id).order_by(State.name))),
        ), officer)
        fire(letter, "submit", officer, comment="Ready for approval; to be sent to all Missions.")


DEMO_CIRCULAR = (
    "invite them to provide, by 31 January 2027, information on the measures taken to give effect to the "
    "Views adopted by the Human Rights Committee concerning their State.\n\n"
    "The information received will inform the Committee's report on follow-up to Views, to be considered "
    "at its one hundred and forty-ninth session."
)


def _create(email: str, name: str, flags: dict) -> User:
    user = save_user(None, name, email, DEMO_PASSWORD, is_admin=flags.get("is_admin", False),
                     is_auditor=flags.get("is_auditor", False), active=True)
    if user.is_admin:
        user.totp_secret = new_totp_secret()
    return user
