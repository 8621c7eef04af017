"""Sign-in, two-factor step, sign-out, two-factor enrolment and password change."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from casework.auth import session as auth
from casework.auth.forms import EnrolTotpForm, LanguageForm, LoginForm, PasswordChangeForm, TotpForm
from casework.auth.models import User
from casework.auth.operations import set_language, set_new_password
from casework.core import audit
from casework.core.writes import again_at, again_on, write
from casework.extensions import db
from casework.web import language_names, public, remember_language

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None = None) -> str:
    """The ?next= target (or `target`) if it is a path on this site, else My work.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so "/<tab>/host"
    and "/\\host" would lead to another site: such targets are refused too.
    """
    target = request.args.get("next", "") if target is None else target
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target and target.isprintable()
    return target if local else url_for("main.my_work")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.my_work"))
    form = LoginForm()
    if form.validate_on_submit():
        result = auth.check_credentials(form.email.data, form.password.data)
        if result.error:
            db.session.commit()  # keep the failure count and the audit entry
            form.password.errors.append(result.error)
        elif result.needs_totp:
            session[auth.PENDING_KEY] = result.user.id
            return redirect(url_for("auth.login_totp", next=request.args.get("next")))
        else:
            auth.complete_sign_in(result.user)
            db.session.commit()
            return redirect(_safe_next())
    return render_template("auth/login.html", form=form)


@bp.route("/login/totp", methods=["GET", "POST"])
@public
def login_totp():
    user_id = session.get(auth.PENDING_KEY)
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.active:
        session.pop(auth.PENDING_KEY, None)
        return redirect(url_for("auth.login"))
    if user.is_locked:  # locked (e.g. from another browser) after the password was accepted
        session.pop(auth.PENDING_KEY, None)
        flash(_("Too many failed attempts: the account is locked for a while."), "danger")
        return redirect(url_for("auth.login"))
    form = TotpForm()
    if form.validate_on_submit():
        if auth.verify_totp(user, form.code.data):
            auth.complete_sign_in(user)
            db.session.commit()
            return redirect(_safe_next())
        auth.count_failure(user)
        db.session.commit()
        if user.is_locked:
            session.pop(auth.PENDING_KEY, None)
            flash(_("Too many failed attempts: the account is locked for a while."), "danger")
            return redirect(url_for("auth.login"))
        form.code.errors.append(_("That code is not valid. Check your device's clock and try again."))
    return render_template("auth/totp.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    audit.record(audit.AuditAction.LOGOUT, obj=current_user, actor_id=current_user.id)
    auth.end_session(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def enrol_totp():
    """Set up (or replace) the authenticator app for this account."""
    secret = session.get("totp_enrolment") or auth.new_totp_secret()
    session["totp_enrolment"] = secret
    form = EnrolTotpForm()
    if form.validate_on_submit() and _may_replace_totp(form):
        candidate = User(totp_secret=secret)
        if auth.verify_totp(candidate, form.code.data):
            current_user.totp_secret, current_user.totp_last_step = secret, candidate.totp_last_step
            session.pop("totp_enrolment", None)
            db.session.commit()
            flash(_("Two-factor sign-in is on for your account."), "success")
            return redirect(url_for("main.my_work"))
        form.code.errors.append(_("That code does not match. Scan the key again and enter the current code."))
    return render_template(
        "auth/enrol_totp.html", form=form, secret=secret, uri=auth.totp_uri(current_user, secret)
    )


def _may_replace_totp(form: EnrolTotpForm) -> bool:
    """Someone who finds a signed-in browser must not be able to take over the second factor."""
    if not current_user.has_totp:
        return True
    if current_user.check_password(form.current_password.data or ""):
        return True
    auth.count_failure(current_user)
    db.session.commit()
    form.current_password.errors.append(_("Enter your current password to replace your authenticator."))
    return False


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Load → check the current password (a wrong one counts towards the lockout, so it is kept
    even though nothing else is) → one operation → commit."""
    form = PasswordChangeForm()
    again = again_on("auth/password.html", form=form)
    if form.validate_on_submit() and not current_user.check_password(form.current_password.data):
        auth.count_failure(current_user)
        db.session.commit()
        form.current_password.errors.append(_("The current password is not correct."))
        return again(400, None)
    user = current_user._get_current_object()

    def change() -> None:
        set_new_password(user, form.new_password.data, user, keep=session.get(auth.SESSION_KEY))
        auth.renew_session(user)  # this browser stays signed in

    return write(change, form=form, again=again, to=url_for("main.my_work"), done=_(
        "Your password has been changed. Other sessions have been signed out and your API tokens revoked."))


@bp.route("/account/language", methods=["POST"])
@login_required
def change_language():
    """The account menu's language: kept with the account, and by the browser for the sign-in page."""
    form = LanguageForm()
    form.locale.choices = list(language_names().items())
    back = _safe_next(form.next.data or "")
    response = write(lambda: set_language(current_user._get_current_object(), form.locale.data), form=form,
                     again=again_at(back), done=lambda _none: _language_changed(form.locale.data), to=back)
    return remember_language(response, current_user.locale) if current_user.locale else response


def _language_changed(code: str) -> str:
    """Said in the language just chosen."""
    with force_locale(code):
        return _("Language changed: %(language)s.", language=language_names()[code])
