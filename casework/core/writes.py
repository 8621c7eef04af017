"""The one way a request changes something: validate → one operation → commit → redirect.

Every view that writes goes through `write()`, after loading its record with the permission it
needs (`casework.cases.access.load_case`). It is the request handler of mature Flask
applications (load, check, process, then a single commit, and a rollback on any error), written
once so that each view says only what is its own: the form, the operation, what to tell the user
and where to go next.

An operation that cannot be done raises `Refused` with the reason in the user's words and the
status the answer carries: 422 when the record's state or the rules forbid it, 403 when the
user's role does, 409 (`EditConflict`) when the record changed since the page was drawn. The view
never decides the status of a refusal, so the same refusal answers the same everywhere.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from casework.core import submissions
from casework.core.forms import form_refusal
from casework.extensions import db

T = TypeVar("T")


class Refused(Exception):
    """The operation cannot be done; the message says why, in the user's words.

    `status` is the answer's: 422 for the state of things, 403 for the user's role (`forbidden`).
    """

    status: int = 422

    def __init__(self, reason: str, *, forbidden: bool = False, status: int | None = None):
        super().__init__(reason)
        self.status = status or (403 if forbidden else type(self).status)

    @property
    def forbidden(self) -> bool:
        return self.status == 403


class EditConflict(Refused):
    """Someone else changed the record since this user loaded it."""

    status = 409

    def __init__(self, record: object | None):
        if record is None:  # a change to a record the view did not name (the flush found it stale)
            super().__init__(_("Someone else changed this while you were working on it. "
                               "Reload the page to see the current version, then try again."))
        else:
            super().__init__(_(
                "%(case)s was changed by someone else while you were working on it. "
                "Reload the page to see the current version, then try again.", case=str(record)
            ))


def expect_version(record: Any, version: int | None) -> None:
    """Refuse to change `record` if it is no longer the version the user's page was drawn from.

    The one version check: `write()` makes it for every form with a `version` field, and the
    workflow engine for callers that pass the version themselves (the API, batch approval).
    """
    if version is not None and version != record.version:
        raise EditConflict(record)


Again = Callable[[int, str | None], Any]  # (status, reason or None) → the page again, input kept


def write(operation: Callable[[], T], *, again: Again, done: str | Callable[[T], str] | None,
          to: str | Callable[[T], str], form: Any = None, record: Any = None, field: Any = None) -> Any:
    """Validate `form`, run `operation`, commit, tell the user `done` and go `to` the next page.

    `done` and `to` may be functions of what the operation returned (the new record); `done` may
    give None when there is nothing to say, and may be a lazy translation (declared at import).

    - An invalid form shows the page again (`again(400, None)`): each field says what is wrong.
    - A form with a `version` field is checked against `record` first (409 when stale), and so
      is the record's own version at the flush, for a change that lands in between.
    - A page with a form of its own is drawn by the same call: on GET there is nothing to write,
      and `again(200, None)` draws it.
    - A form that creates a record (`record` None) with a one-time token (`SubmittedOnce`) is
      taken once: sent again, it goes to what the first one created.
    - A `Refused` rolls everything back and shows the page again with its reason and status;
      with `field`, the reason is shown by that field, as the input to correct (400): a file
      that is not a PDF, a date too late, a person not on the team.
    """
    if request.method in ("GET", "HEAD"):
        return again(200, None)
    if form is not None and not form.validate_on_submit():
        return again(400, None)
    token = submissions.token_of(form) if record is None else None
    try:
        if record is not None and form is not None and "version" in form:
            expect_version(record, form.version.data)
        claimed = submissions.claim(token, getattr(current_user, "id", None)) if token else None
        if token and claimed is None:
            return _already_taken(token, again)
        result = operation()
        if claimed is not None:
            claimed.location = to(result) if callable(to) else to
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return again(409, str(EditConflict(record)))
    except Refused as refusal:
        db.session.rollback()
        if field is None or refusal.status in (403, 409):
            return again(refusal.status, str(refusal))
        field.errors = [*field.errors, str(refusal)]
        return again(400, None)
    message = done(result) if callable(done) else done
    if message:
        flash(str(message), "success")
    return redirect(to(result) if callable(to) else to, 303)


def _already_taken(token: str, again: Again) -> Any:
    """The same creating page sent again (a double-click): go to what the first one created."""
    db.session.rollback()
    first = submissions.taken(token, getattr(current_user, "id", None))
    if first is None or first.location is None:
        return again(409, _("This form was sent twice; it was recorded once. Reload the page to see it."))
    flash(_("This was already recorded: here it is."), "info")
    return redirect(first.location, 303)


def again_at(url: str) -> Again:
    """Go back to a list with the reason: a list drawn at the address of a refused POST would
    point its sorting and paging links at that address."""
    def back(_status: int, reason: str | None) -> Any:
        flash(reason or _("Nothing was saved: the form was incomplete. Reload the page and try again."), "danger")
        return redirect(url, 303)

    return back


def again_on(template: str, **context: Any) -> Again:
    """Show a form's own page again: the reason at the top, what was typed kept in the form."""
    def render(status: int, reason: str | None) -> Any:
        reason = reason or (form_refusal(context.values()) if status >= 400 else None)
        if reason:
            flash(reason, "danger")
        return render_template(template, **context), status

    return render
