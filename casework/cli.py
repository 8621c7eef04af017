"""`flask` commands: reference data, demo data, administrators, background jobs."""
from __future__ import annotations

import time

import click
import pyotp
from flask import Flask, current_app
from flask.cli import AppGroup

from casework.admin.operations import save_user
from casework.auth.session import find_user
from casework.core.reference import load_reference_data
from casework.core.writes import Refused
from casework.extensions import db

seed = AppGroup("seed", help="Load reference or demonstration data.")
users = AppGroup("users", help="Manage accounts from the command line.")
units = AppGroup("units", help="Per-unit settings: practice that varies from one unit to another.")
jobs_cli = AppGroup("jobs", help="Background jobs.")
tallies = AppGroup("tallies", help="The counts the figures read, kept in step with the cases.")


@seed.command("reference")
def seed_reference() -> None:
    """Load the UN Member and observer States and the standing units (idempotent)."""
    states, units = load_reference_data()
    db.session.commit()
    click.echo(f"Reference data ready: {states} States added or updated, {units} standing units added.")


@seed.command("demo")
def seed_demo() -> None:
    """Load demonstration accounts (and cases) and print the logins. Not for production."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Demo data is never loaded in production.")
    from casework.demo import DEMO_PASSWORD, load_demo

    started = time.perf_counter()
    load_reference_data()
    click.echo("Loading the demo data, module by module:")
    accounts = load_demo(progress=click.echo)
    db.session.commit()
    click.echo(f"Demo data loaded in {time.perf_counter() - started:.1f} s.")
    click.echo("\nDemo accounts (password for all: %s)" % DEMO_PASSWORD)
    width = max(len(email) for email, _description in accounts)
    for email, description in accounts:
        click.echo(f"  {email:<{width}}  {description}")
    click.echo("The administrator signs in with a two-factor code: `flask users totp-code admin@ohchr.example.org`.")


@users.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator; they set up two-factor sign-in at first login."""
    if len(password) < 12:
        raise click.ClickException("Use a password of at least 12 characters.")
    try:
        save_user(None, name, email, password, is_admin=True, is_auditor=False, active=True)
    except Refused as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Administrator {email} created. They will be asked to set up two-factor sign-in.")


@users.command("totp-code")
@click.argument("email")
def totp_code(email: str) -> None:
    """Print the current two-factor code of a demo account (development only)."""
    if current_app.config["ENV_NAME"] != "development":
        raise click.ClickException("Only available in development.")
    user = find_user(email)
    if user is None or not user.totp_secret:
        raise click.ClickException(f"{email} has no two-factor key.")
    click.echo(pyotp.TOTP(user.totp_secret).now())


@units.command("settings")
@click.argument("code")
@click.argument("assignments", nargs=-1)
def unit_settings(code: str, assignments: tuple[str, ...]) -> None:
    """Show a unit's settings, or change them: `flask units settings CED ua_reply_days=10`.

    `key=` (nothing after the sign) removes a setting, so the default applies again.
    """
    from casework.core.units import Unit

    unit = db.session.scalar(db.select(Unit).where(Unit.code == code))
    if unit is None:
        raise click.ClickException(f"No unit with the code {code}.")
    settings = dict(unit.settings or {})
    for assignment in assignments:
        key, sign, value = assignment.partition("=")
        if not sign or not key:
            raise click.ClickException(f"“{assignment}” is not key=value.")
        if value:
            settings[key] = value
        else:
            settings.pop(key, None)
    if assignments:
        unit.settings = settings
        db.session.commit()
    for key, value in sorted(settings.items()):
        click.echo(f"{key}={value}")


@jobs_cli.command("reap")
def reap_jobs() -> None:
    """Show failed, with the reason, the jobs a dead worker or an emptied Redis left behind.

    They can then be retried (Administration → Background jobs). The scheduler does this every
    few minutes; this is for cron without the scheduler, or to check by hand. Beside the embedded
    queue (no Redis) this process cannot see that queue: only the time bound on running jobs applies.
    """
    from casework.core.jobs import reap

    failed = reap(check_queue=current_app.config["JOB_QUEUE_MODE"] == "redis")
    for record_id, reason in failed:
        click.echo(f"job {record_id} failed: {reason}")
    click.echo(f"{len(failed)} job{'' if len(failed) == 1 else 's'} failed by the reaper.")


@tallies.command("check")
@click.option("--repair", is_flag=True, help="Count again every tally that differs.")
def check_tallies(repair: bool) -> None:
    """Compare each stored tally with a count taken from the cases; exit 1 if one differs (and
    was not repaired). Needed only after rows were changed outside the application."""
    from casework.core.tallies import differences, rebuild, registered_tallies

    differing = [name for name in registered_tallies() if differences(name)]
    for name in registered_tallies():
        click.echo(f"{name}: {'differs' if name in differing else 'in step'}")
    if differing and repair:
        rebuild(differing)
        db.session.commit()
        click.echo(f"Counted again: {', '.join(differing)}.")
    elif differing:
        raise SystemExit(1)


def register(app: Flask) -> None:
    app.cli.add_command(seed)
    app.cli.add_command(users)
    app.cli.add_command(units)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(tallies)
    from casework.search.cli import search_cli

    app.cli.add_command(search_cli)

