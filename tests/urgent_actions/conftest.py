"""Fixtures for urgent actions: users around the CED unit, States, and urgent actions in any state."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.auth.models import Role
from casework.core.persons import Sex
from casework.extensions import db
from casework.urgent_actions import operations as ops
from casework.urgent_actions.models import Criterion, Located
from tests.test_migrations import empty_database_url  # noqa: F401  (for the outcomes migration's test)

ALL_MET = {c.value: True for c in Criterion}
# The outcome these events record for every disappeared person (then, for a close, the request's step).
FOUND = {"locate_alive": Located.ALIVE_AND_FREE, "locate_in_detention": Located.IN_DETENTION,
         "locate_deceased": Located.DECEASED, "close_deceased": Located.DECEASED}
AUTHOR_FAMILY = "Quetzalcoatl-Ibarra"  # distinctive, so a leak anywhere is found by searching for it
AUTHOR_GIVEN = "Rosalinda"


@pytest.fixture
def users(make_user) -> dict:
    """One user per role around the CED unit; the outsider works for CCPR only."""
    return {
        "viewer": make_user("viewer", ("CED", Role.VIEWER)),
        "officer": make_user("officer", ("CED", Role.CASE_OFFICER)),
        "supervisor": make_user("supervisor", ("CED", Role.SUPERVISOR)),
        "outsider": make_user("outsider", ("CCPR", Role.SUPERVISOR)),
        "secretariat": make_user("secretariat", ("OHCHR", Role.VIEWER)),
        "auditor": make_user("auditor", auditor=True),
        "admin": make_user("admin", admin=True),
    }



def event(states, **changes) -> ops.Disappearance:
    values = dict(
        state_id=states["MEX"].id, received_on=date(2026, 3, 2), language="en", last_seen_on=date(2026, 2, 20),
        last_seen_place="Iguala, Guerrero", circumstances="Taken from a bus by municipal police officers.",
        alleged_perpetrators="Municipal police of Iguala", protection_needs="The mother has received threats.",
        authors=[ops.PersonInput(AUTHOR_FAMILY, AUTHOR_GIVEN, Sex.FEMALE, contact="rosalinda@example.org")],
        authors_relationship="Mother", authors_contact="+52 55 0000 0000",
        complaints=[("Fiscalía General de la República", date(2026, 2, 22), "FGR/GRO/0042/2026")],
    )
    values.update(changes)
    return ops.Disappearance(**values)


@pytest.fixture
def make_ua(units, states, users):
    """An urgent action as received, registered, or moved on by firing the given events."""
    def make(*, register: bool = True, events: tuple[str, ...] = (), given: str = "Julio", family: str = "Mondragón",
             on: date | None = None, **changes):
        from casework.core.workflow import fire

        officer = users["officer"]
        if on is not None and on < date(2026, 3, 2) and "received_on" not in changes:  # received before registered
            changes.update(received_on=on, last_seen_on=on - timedelta(days=10), complaints=[])
        ua = ops.create_urgent_action(event(states, **changes), [ops.PersonInput(family, given, Sex.MALE, age=22)],
                                      units["CED"], officer)
        if register:
            ops.decide_registration(ua, "register", ALL_MET, "All criteria met.", officer, on=on)
        for name in events:
            if name in FOUND:
                for person in ua.disappeared:
                    ops.record_outcome(ua, person.id, FOUND[name], officer)
                if name != "close_deceased":
                    continue
            fire(ua, name, users["supervisor"] if name in ("discontinue", "suspend", "resume") else officer)
        db.session.commit()
        return ua

    return make
