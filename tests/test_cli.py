"""`flask` commands: reference data, demo data and administrator accounts."""
from __future__ import annotations

from collections import Counter

import pyotp
import pytest
from sqlalchemy import func, select

from casework.auth.models import Membership, User
from casework.core.states import State, UNStatus
from casework.core.units import Unit, UnitKind
from casework.communications.models import Communication, CommunicationStatus
from casework.demo import ACCOUNTS, DEMO_PASSWORD
from casework.extensions import db

ADMIN_PASSWORD = "a long administrator password"
DEMO_ADMIN = next(email for email, _n, flags, _m, _d in ACCOUNTS if flags.get("is_admin"))
DEMO_STAFF = next(email for email, _n, flags, memberships, _d in ACCOUNTS if memberships and not flags)


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(args=list(args), input=input)

    return run


@pytest.fixture
def environment(app):
    """Pretend, for one test, to run under another ENV_NAME."""
    before = app.config["ENV_NAME"]

    def switch(name: str) -> None:
        app.config["ENV_NAME"] = name

    yield switch
    app.config["ENV_NAME"] = before


@pytest.fixture
def two_accounts(app) -> None:
    """The demo's administrator, with a two-factor key, and a member of staff without one, as
    `flask seed demo` makes them (without the rest of the demo, which takes a while to load)."""
    from casework.admin.operations import save_user

    admin = save_user(None, "Administrator", DEMO_ADMIN, DEMO_PASSWORD, True, False, True)
    admin.totp_secret = pyotp.random_base32()
    save_user(None, "Staff", DEMO_STAFF, DEMO_PASSWORD, False, False, True)
    db.session.commit()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def snapshot() -> dict[str, int]:
    return {model.__name__: count(model) for model in (State, Unit, User, Membership, Communication)}


# --- seed reference ------------------------------------------------------------------------

def test_seed_reference_loads_the_states_and_the_standing_units(cli):
    result = cli("seed", "reference")
    assert result.exit_code == 0, result.output
    assert "195 States added or updated" in result.output

    statuses = Counter(db.session.scalars(select(State.un_status)))
    assert statuses == {UNStatus.MEMBER: 193, UNStatus.OBSERVER: 2}
    mexico = db.session.scalar(select(State).where(State.iso3 == "MEX"))
    assert (mexico.iso2, mexico.name, mexico.un_status) == ("MX", "Mexico", UNStatus.MEMBER)
    assert mexico.mission_name == ("Permanent Mission of Mexico to the United Nations Office and other "
                                   "international organizations in Geneva")
    palestine = db.session.scalar(select(State).where(State.iso3 == "PSE"))
    assert palestine.name == "State of Palestine" and palestine.un_status is UNStatus.OBSERVER
    assert palestine.mission_name.startswith("Permanent Observer Mission of the State of Palestine")
    holy_see = db.session.scalar(select(State).where(State.iso3 == "VAT"))
    assert holy_see.un_status is UNStatus.OBSERVER

    kinds = Counter(db.session.scalars(select(Unit.kind)))
    assert kinds[UnitKind.COMMITTEE] == 9
    assert kinds[UnitKind.SECRETARIAT] == 1
    assert kinds[UnitKind.REPRISALS_TEAM] == 1
    assert kinds[UnitKind.MANDATE] >= 1
    codes = set(db.session.scalars(select(Unit.code)))
    assert {"CCPR", "CAT", "CERD", "CEDAW", "CESCR", "CRC", "CRPD", "CED", "CMW", "OHCHR", "REPRISALS",
            "SR-TORTURE", "WGAD"} <= codes


def test_seed_reference_twice_adds_nothing_new(cli):
    assert cli("seed", "reference").exit_code == 0
    before = snapshot()
    ids = set(db.session.scalars(select(Unit.id)))

    result = cli("seed", "reference")
    assert result.exit_code == 0, result.output
    assert "0 States added or updated" in result.output
    assert snapshot() == before
    assert set(db.session.scalars(select(Unit.id))) == ids


def test_seed_reference_keeps_an_administrators_unit_name_and_repairs_a_changed_state(cli):
    assert cli("seed", "reference").exit_code == 0
    ccpr = db.session.scalar(select(Unit).where(Unit.code == "CCPR"))
    ccpr.name = "Human Rights Committee (Petitions)"
    mexico = db.session.scalar(select(State).where(State.iso3 == "MEX"))
    mexico.mission_name = "Wrong mission"
    db.session.commit()

    result = cli("seed", "reference")
    assert "1 States added or updated" in result.output
    assert ccpr.name == "Human Rights Committee (Petitions)"
    assert mexico.mission_name.startswith("Permanent Mission of Mexico")


# --- seed demo -----------------------------------------------------------------------------

def test_seed_demo_prints_every_login_the_accounts_work_and_a_second_run_adds_nothing(app, cli):
    """One test, as loading the demo takes a while: the first run, then the same command again."""
    result = cli("seed", "demo")
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    for email, _name, _flags, memberships, description in ACCOUNTS:
        assert email in result.output and description in result.output
        user = db.session.scalar(select(User).where(User.email == email))
        assert {(m.unit.code, m.role) for m in user.memberships} == set(memberships)
    assert f"flask users totp-code {DEMO_ADMIN}" in result.output

    demo_admin = db.session.scalar(select(User).where(User.email == DEMO_ADMIN))
    assert demo_admin.is_admin and demo_admin.totp_secret
    stages = set(db.session.scalars(select(Communication.status)))
    assert stages == {s.value for s in CommunicationStatus}, "demo communications in every stage"
    response = app.test_client().post("/login", data={"email": DEMO_STAFF, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"

    before = snapshot()
    secret = demo_admin.totp_secret
    again = cli("seed", "demo")
    assert again.exit_code == 0, again.output
    assert all(email in again.output for email, *_ in ACCOUNTS)
    assert snapshot() == before
    assert db.session.scalar(select(User.totp_secret).where(User.email == DEMO_ADMIN)) == secret


def test_seed_demo_is_refused_in_production(cli, environment):
    environment("production")
    result = cli("seed", "demo")
    assert result.exit_code != 0
    assert "Demo data is never loaded in production." in result.output
    assert count(User) == 0


# --- users create-admin --------------------------------------------------------------------

def test_create_admin_makes_an_administrator_who_must_enrol_two_factor(app, cli):
    result = cli("users", "create-admin", "--email", "Chief@Example.org", "--name", "Chief Administrator",
                 "--password", ADMIN_PASSWORD)
    assert result.exit_code == 0, result.output
    assert "Administrator Chief@Example.org created." in result.output
    chief = db.session.scalar(select(User).where(User.email == "chief@example.org"))
    assert chief.is_admin and chief.active and chief.name == "Chief Administrator"
    assert chief.check_password(ADMIN_PASSWORD) and chief.totp_secret is None

    client = app.test_client()
    client.post("/login", data={"email": "chief@example.org", "password": ADMIN_PASSWORD})
    response = client.get("/admin/users")
    assert response.status_code == 302 and response.headers["Location"] == "/account/two-factor"


def test_create_admin_asks_for_what_is_missing_and_confirms_the_password(cli):
    answers = f"ops@example.org\nOps Admin\n{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n"
    result = cli("users", "create-admin", input=answers)
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert db.session.scalar(select(User).where(User.email == "ops@example.org")).is_admin

    mismatch = f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}x\n{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n"
    result = cli("users", "create-admin", "--email", "two@example.org", "--name", "Two", input=mismatch)
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert db.session.scalar(select(User).where(User.email == "two@example.org")).check_password(ADMIN_PASSWORD)


def test_create_admin_refuses_a_short_password_and_a_used_email(cli):
    result = cli("users", "create-admin", "--email", "a@example.org", "--name", "A", "--password", "too short")
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output
    assert count(User) == 0

    assert cli("users", "create-admin", "--email", "a@example.org", "--name", "A",
               "--password", ADMIN_PASSWORD).exit_code == 0
    result = cli("users", "create-admin", "--email", "A@example.org", "--name", "Another",
                 "--password", ADMIN_PASSWORD)
    assert result.exit_code != 0
    assert "Another account already uses a@example.org." in result.output
    assert count(User) == 1


# --- users totp-code -----------------------------------------------------------------------

def test_totp_code_is_refused_outside_development(cli, environment, two_accounts):
    for name in ("test", "production"):
        environment(name)
        result = cli("users", "totp-code", DEMO_ADMIN)
        assert result.exit_code != 0
        assert "Only available in development." in result.output


def test_totp_code_prints_a_valid_code_in_development(cli, environment, two_accounts):
    environment("development")
    result = cli("users", "totp-code", DEMO_ADMIN)
    assert result.exit_code == 0, result.output
    secret = db.session.scalar(select(User.totp_secret).where(User.email == DEMO_ADMIN))
    assert pyotp.TOTP(secret).verify(result.output.strip(), valid_window=1)

    result = cli("users", "totp-code", DEMO_STAFF)
    assert result.exit_code != 0
    assert "has no two-factor key" in result.output


# --- units settings --------------------------------------------------------------------------

def test_unit_settings_are_set_shown_and_removed(cli):
    from casework.core.deadlines import Period
    from casework.communications.committees import author_comments_period
    from casework.core.audit import AuditEvent
    from casework.core.units import Unit

    cli("seed", "reference")
    result = cli("units", "settings", "CCPR", "author_comments_months=3")
    assert result.exit_code == 0 and "author_comments_months=3" in result.output
    ccpr = db.session.scalar(select(Unit).where(Unit.code == "CCPR"))
    db.session.refresh(ccpr)
    assert author_comments_period(ccpr) == Period(months=3)
    assert cli("units", "settings", "CCPR", "author_comments_months=").output == ""
    db.session.refresh(ccpr)
    assert author_comments_period(ccpr) == Period(months=2)
    assert "No unit with the code XYZ" in cli("units", "settings", "XYZ").output
    changes = [e.changes["settings"] for e in db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "units", AuditEvent.object_id == str(ccpr.id), AuditEvent.action == "update",
    ).order_by(AuditEvent.id))]
    assert changes == [[{}, {"author_comments_months": "3"}], [{"author_comments_months": "3"}, {}]]
