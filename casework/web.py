"""Request-wide behaviour: sign-in required by default, locale, errors, template helpers."""
from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_date
from babel.lists import format_list
from babel.numbers import format_decimal as babel_decimal
from babel.numbers import format_percent
from flask import (
    Flask, current_app, flash, has_request_context, jsonify, redirect, render_template, request, session, url_for,
)
from flask_babel import format_date, format_decimal, format_time, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from markupsafe import escape
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

from casework.core.db import is_unavailable, utcnow
from casework.core.i18n import enum_label
from casework.core.storage import FileMissing

PUBLIC_ATTR = "_casework_public"


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    prefix: str  # endpoints starting with this mark the item as current
    works_in: Callable[[Any], bool] | None = None  # unit → whether its members work in this module


MODULE_NAV: list[NavItem] = []


def register_nav(label: str, endpoint: str, prefix: str, works_in: Callable[[Any], bool] | None = None) -> None:
    """Add a domain module's entry to the main navigation (once, however often the app is built)."""
    item = NavItem(label, endpoint, prefix, works_in)
    if all(known.endpoint != endpoint for known in MODULE_NAV):
        MODULE_NAV.append(item)


def nav_for(user) -> list[NavItem]:
    """The modules the user works in: those of their units; every module for the secretariat-wide
    roles (administrators, auditors, members of the secretariat unit). A module left out is still
    open to them, through My work, search and links."""
    from casework.core.units import UnitKind

    units = [m.unit for m in getattr(user, "memberships", [])]
    if user.is_admin or user.is_auditor or any(u.kind is UnitKind.SECRETARIAT for u in units):
        return list(MODULE_NAV)
    return [item for item in MODULE_NAV if item.works_in is None or any(item.works_in(u) for u in units)]


ENROLMENT_ENDPOINTS = {"auth.enrol_totp", "auth.logout", "static"}


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view as reachable without signing in. Every other view requires a session."""
    setattr(view, PUBLIC_ATTR, True)
    return view


def is_public(app: Flask, endpoint: str | None) -> bool:
    view = app.view_functions.get(endpoint or "")
    return endpoint == "static" or bool(view and getattr(view, PUBLIC_ATTR, False))


# The language chosen on the sign-in page (`?lang=`), kept by the browser for a year.
LANGUAGE_COOKIE = "casework_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# Machines read the API: its messages and labels are in English whatever the client's language.
ENGLISH_ONLY_PREFIXES = ("/api/",)


def _ours(code: str | None) -> str | None:
    return code if code in current_app.config["LANGUAGES"] else None


def select_locale() -> str | None:
    """The page's language: the user's own choice, else the one chosen on the sign-in page, else
    the browser's preferred language among ours, else English. The default outside requests
    (jobs, CLI)."""
    if not has_request_context():
        return None
    if request.path.startswith(ENGLISH_ONLY_PREFIXES):
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    own = _own_language()
    if own:
        return own
    return (_ours(request.args.get("lang")) or _ours(request.cookies.get(LANGUAGE_COOKIE))
            or request.accept_languages.best_match(current_app.config["LANGUAGES"])
            or current_app.config["BABEL_DEFAULT_LOCALE"])


def _own_language() -> str | None:
    """The signed-in user's choice; None when the database cannot say (the error page of a
    database that is down is still drawn, in the browser's language)."""
    try:
        return _ours(current_user.locale) if current_user and current_user.is_authenticated else None
    except SQLAlchemyError:
        return None


def remember_language(response, code: str):
    """Keep `code` as this browser's language, for the pages before signing in."""
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=LANGUAGE_COOKIE_AGE, httponly=True, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def _language_from_address(response):
    """`?lang=` (the sign-in page's language links) is remembered by the browser."""
    code = _ours(request.args.get("lang"))
    if code and request.cookies.get(LANGUAGE_COOKIE) != code:
        remember_language(response, code)
    return response


def page_language() -> dict[str, str]:
    """`lang` and `dir` of the page's <html>."""
    locale = get_locale()
    if locale is None:
        return {"lang": "en", "dir": "ltr"}
    return {"lang": str(locale).replace("_", "-"), "dir": locale.text_direction}


def timestamp(moment: datetime, seconds: bool = False) -> str:
    """A moment in the reader's conventions, to the minute (or second), in UTC as stored:
    "Dec 6, 2026 1:05 PM", "6 déc. 2026 13:05". Beside Flask-Babel's `dateformat`."""
    return f"{format_date(moment)} {format_time(moment, 'medium' if seconds else 'short')}"


def listformat(items: Iterable[Any], attribute: str | None = None) -> str:
    """Items as a sentence lists them in the reader's language: "7, 9 and 14", "7, 9 et 14"."""
    words = [str(getattr(item, attribute) if attribute else item) for item in items]
    return format_list(words, locale=get_locale() or "en") if words else ""


def decimalformat(number: Any, format: str | None = None) -> str:
    """A number as the reader's language writes it ("1,234", « 1 234 »): Flask-Babel's filter, with
    whole numbers remembered per language. A statistics table writes 30,000 of them, mostly the
    same few, and Babel takes about 35 µs a number."""
    if format is None and type(number) is int:
        return _whole_number(number, get_locale() or _ENGLISH)
    return format_decimal(number, format)


def dateformat(day: Any, format: str | None = None) -> str:
    """A day as the reader's language writes it ("Mar 5, 2024", « 5 mars 2024 »): Flask-Babel's
    filter, with days remembered per language. A list writes two or three a row, and Babel takes
    about 25 µs a day. A moment (a datetime) is Flask-Babel's, to be put in the reader's zone."""
    if format is None and type(day) is date:
        return _day(day, get_locale() or _ENGLISH)
    return format_date(day, format)


_ENGLISH = Locale.parse("en")


@functools.lru_cache(maxsize=4096)
def _whole_number(number: int, locale: Locale) -> str:
    return babel_decimal(number, locale=locale)


@functools.lru_cache(maxsize=8192)
def _day(day: date, locale: Locale) -> str:
    return babel_date(day, "medium", locale=locale)


def sharepercent(share: float) -> str:
    """A share to one decimal, as the reader's language writes a percentage: "67.7%", « 67,7 % »."""
    locale = get_locale() or Locale.parse("en")
    pattern = locale.percent_formats[None].pattern
    return format_percent(share, re.sub(r"0(\W*%)", r"0.0\1", pattern, count=1), locale=locale)


def language_names() -> dict[str, str]:
    """Each of our languages named in itself, as language menus do: whoever cannot read the
    page still finds theirs."""
    names = {}
    for code in current_app.config["LANGUAGES"]:
        name = Locale.parse(code).get_display_name(code)
        names[code] = name[:1].upper() + name[1:]
    return names


def _session_expired() -> bool:
    started = session.get("auth_at")
    limit = current_app.config["SESSION_ABSOLUTE_LIFETIME"]
    return started is None or utcnow().timestamp() - started > limit.total_seconds()


def _require_sign_in():
    """Deny by default: a route is public only if it says so."""
    app = current_app._get_current_object()
    if is_public(app, request.endpoint) or request.endpoint is None:
        return None
    if current_user.is_authenticated and _session_expired():
        logout_user()
        session.clear()
        flash(_("Your session has expired. Please sign in again."), "warning")
    elif current_user.is_authenticated and current_user.is_locked:
        logout_user()
        session.clear()
        flash(_("This account is locked after repeated failed attempts. Try again later."), "danger")
    if not current_user.is_authenticated:
        if wants_json():
            return _signed_out_json()
        return current_app.login_manager.unauthorized()
    if current_user.needs_totp_enrolment and request.endpoint not in ENROLMENT_ENDPOINTS:
        flash(_("Administrators must set up two-factor sign-in before continuing."), "warning")
        return redirect(url_for("auth.enrol_totp"))
    return None


def wants_json() -> bool:
    """A page's script (autosave) asking for JSON: it gets a status it can act on, not a page."""
    return request.accept_mimetypes.best == "application/json"


def _signed_out_json():
    """401 for a script whose session has ended: it keeps what was typed and offers to sign in."""
    return jsonify(error="signed_out", message=_("Your session has ended. Sign in again: nothing you typed is lost."),
                   login=url_for("auth.login")), 401


def _csrf_error(error):
    """A form posted without a valid token: for a script, say whether the session is gone."""
    if wants_json():
        if not current_user.is_authenticated:
            return _signed_out_json()
        return jsonify(error="form_expired", message=_("The form had expired; reload the page.")), 400
    return render_template("errors/error.html", code=400, title=_("Form expired"),
                           message=_("The form had expired. Go back, reload the page and submit it again.")), 400


def _security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'"
    )
    if request.endpoint != "static":  # asking who is signed in here could fail with the database
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# Parts of the site that answer in JSON (the API): path prefix → how an error is rendered there.
# Their own blueprints handle errors raised in their views; this covers errors raised before a
# view is found (an unknown address, a method the address does not take).
JSON_ERRORS: dict[str, Callable[[Any], Any]] = {}


def register_json_errors(prefix: str, render: Callable[[Any], Any]) -> None:
    """Answer errors under `prefix` with `render(error)` instead of an HTML page."""
    JSON_ERRORS[prefix] = render


def _json_error(error):
    for prefix, render in JSON_ERRORS.items():
        if has_request_context() and request.path.startswith(prefix):
            return render(error)
    return None


def _other_http_error(error: HTTPException):
    """Errors without a page of their own (405, 415…): Werkzeug's answer, or JSON under the API."""
    json_answer = _json_error(error)
    return json_answer if json_answer is not None else error.get_response()


def _error_page(code: int, title: str, message: str):
    def handler(error):
        json_answer = _json_error(error)
        if json_answer is not None:
            return json_answer
        return render_template("errors/error.html", code=code, title=title, message=message), code

    return handler


# A refused upload is read to its end (up to this many bytes) before the answer is sent: a server
# that closes a connection with unread data resets it, and the browser shows a reset, not the page.
DISCARD_AT_MOST = 256 * 1024 * 1024


def _discard_body() -> None:
    """Read and drop the body Werkzeug refused to read, so that the client gets the 413 page."""
    length = min(request.content_length or 0, DISCARD_AT_MOST)
    stream = request.environ.get("wsgi.input")
    while stream is not None and length > 0:
        chunk = stream.read(min(length, 1024 * 1024))
        if not chunk:
            break
        length -= len(chunk)


def _too_large(error):
    _discard_body()
    json_answer = _json_error(error)
    if json_answer is not None:
        return json_answer
    limit = current_app.config["MAX_CONTENT_LENGTH"] or 0
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    message = _("The file is larger than the upload limit of %(size)s. Nothing was saved.", size=size)
    return render_template("errors/error.html", code=413, title=_("File too large"), message=message), 413


def log_server_error(error: BaseException) -> str:
    """Log an unexpected error with its traceback under a short reference, the one the person is
    shown, so that what they report leads to the log entry; the transaction is given up first, so
    that the error page (which reads the user) does not fail in turn."""
    from casework.extensions import db

    reference = secrets.token_hex(4).upper()
    original = getattr(error, "original_exception", None) or error
    where = f"{request.method} {request.path}" if has_request_context() else "outside a request"
    current_app.logger.error("Server error %s on %s", reference, where,
                             exc_info=(type(original), original, original.__traceback__))
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - a connection gone: the page is still drawn, without it
        current_app.logger.warning("Could not roll back after server error %s", reference)
    return reference


def _server_error(error):
    """500: a page in the site's layout with the reference of the log entry (the API answers JSON
    with the reference, and logs it itself)."""
    json_answer = _json_error(error)
    if json_answer is not None:
        return json_answer
    reference = log_server_error(error)
    message = _("The error has been logged with the reference %(reference)s. If it happens again, give this "
                "reference to the help desk.", reference=reference)
    return _page_or_plain(500, _("Something went wrong"), message, reference)


def _database_unavailable(error: OperationalError):
    """503 when the database is down, restarting, or too busy to answer in time: the transaction
    was given up, so nothing of the request was saved, and trying again a moment later works.
    (The API answers the same in JSON, from its own handler.)"""
    if not is_unavailable(error):
        return _server_error(error)
    reference = log_server_error(error)
    message = _("The database could not be reached or was busy, so nothing was saved. Go back and try again in "
                "a moment. (Reference %(reference)s.)", reference=reference)
    response = _page_or_plain(503, _("Try again in a moment"), message, reference)
    return response[0], 503, {"Retry-After": "5"}


def _file_missing(error: FileMissing):
    """A record names a file the store does not have (lost, or a store set up without copying the
    files): logged as an error, since someone must restore it, and answered as not found."""
    current_app.logger.error("File %s is missing from the file store", error)
    return render_template("errors/error.html", code=404, title=_("File missing"), message=_(
        "This file cannot be found in the file store. The error has been logged; ask the help desk to "
        "restore it.")), 404


def _page_or_plain(code: int, title: str, message: str, reference: str) -> tuple[str, int]:
    """The error page in the site's layout, or plain when the layout itself fails (it reads the
    signed-in user from the database, which may be what is down)."""
    try:
        return render_template("errors/error.html", code=code, title=title, message=message), code
    except Exception:  # noqa: BLE001 - say it plainly rather than fail in turn
        current_app.logger.exception("The error page of %s could not be drawn", reference)
        return f"<!doctype html><title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(message)}</p>", code


def _template_helpers() -> dict[str, Any]:
    from casework.core import permissions
    from casework.core.audit import describe, record_name
    from casework.audit.words import Words
    from casework.core.jobs import job_label
    from casework.core.workflow import available

    return {
        "can": permissions.can,
        "has_global": permissions.has_global,
        "Permission": permissions.Permission,
        "available_transitions": available,
        "now": utcnow,
        "module_nav": nav_for(current_user) if getattr(current_user, "is_authenticated", False) else [],
        "describe_event": describe,
        "record_name": record_name,
        "audit_words": Words,
        "job_label": job_label,
        "page_language": page_language,
        "interface_languages": language_names,
    }


def register(app: Flask) -> None:
    """Install the request hooks, error pages and template helpers."""
    app.before_request(_require_sign_in)
    app.after_request(_security_headers)
    app.after_request(_language_from_address)
    app.context_processor(_template_helpers)
    app.jinja_env.filters["timestamp"] = timestamp
    app.jinja_env.filters["listformat"] = listformat
    app.jinja_env.filters["sharepercent"] = sharepercent
    app.jinja_env.filters["decimalformat"] = decimalformat
    app.jinja_env.filters["dateformat"] = dateformat
    app.jinja_env.filters["enum_label"] = enum_label
    app.register_error_handler(403, _error_page(403, _l("Not allowed"), _l("You do not have access to this page.")))
    app.register_error_handler(404, _error_page(404, _l("Not found"), _l("There is nothing at this address.")))
    app.register_error_handler(413, _too_large)
    app.register_error_handler(500, _server_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(FileMissing, _file_missing)
    from flask_wtf.csrf import CSRFError

    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _other_http_error)
