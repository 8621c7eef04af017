"""The single sign-on routes: off to the provider, and back (the rules are in `oidc`)."""
from __future__ import annotations

from flask import current_app, flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from casework.auth import oidc
from casework.auth import session as auth
from casework.auth.views import _safe_next, bp
from casework.core import audit
from casework.core.writes import Refused
from casework.extensions import db
from casework.web import public

NEXT_KEY = "sso_next"  # where to go once signed in, kept while the browser is at the provider


@bp.app_context_processor
def _sign_in_page() -> dict[str, object]:
    return {"sso_label": oidc.label(), "sso_required": oidc.required()}


@bp.route("/login/oidc")
@public
def oidc_start():
    """Send the browser to the provider, with a fresh state, nonce and PKCE challenge."""
    if not oidc.configured():
        raise NotFound()
    if current_user.is_authenticated:
        return redirect(url_for("main.my_work"))
    try:
        answer = oidc.client().authorize_redirect(oidc.redirect_uri())
    except oidc.provider_errors() as error:
        current_app.logger.warning("Single sign-on could not start: %r", error)
        return _back_to_login(_("The identity provider cannot be reached. Try again in a moment; if it stays "
                                "unavailable, tell the help desk."))
    session[NEXT_KEY] = _safe_next()
    return answer


@bp.route("/login/oidc/callback")
@public
def oidc_callback():
    """The provider's answer: check it, match the account, open the session."""
    if not oidc.configured():
        raise NotFound()
    if current_user.is_authenticated:
        return redirect(url_for("main.my_work"))
    try:
        token = oidc.client().authorize_access_token()
    except oidc.provider_errors() as error:
        current_app.logger.warning("Single sign-on answer refused: %r", error)
        audit.record(audit.AuditAction.LOGIN_FAILED, object_type="users",
                     detail={"method": "oidc", "reason": type(error).__name__})
        db.session.commit()
        return _back_to_login(_("Signing in through the identity provider did not succeed: its answer could not "
                                "be verified or came too late. Start again."))
    claims = dict(token.get("userinfo") or {})
    try:
        user = oidc.account_for(claims)
    except Refused as refusal:
        audit.record(audit.AuditAction.LOGIN_FAILED, object_type="users",
                     detail={"method": "oidc", "email": str(claims.get("email") or "")[:254],
                             "email_verified": claims.get("email_verified") is True})
        db.session.commit()
        return _back_to_login(str(refusal))
    target = session.get(NEXT_KEY) or url_for("main.my_work")
    auth.complete_sign_in(user, method="oidc")
    db.session.commit()
    return redirect(target)


def _back_to_login(message: str):
    session.pop(NEXT_KEY, None)
    flash(message, "danger")
    return redirect(url_for("auth.login"))
