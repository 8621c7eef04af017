"""Single sign-on through the institution's OpenID Connect provider (Entra ID, Keycloak…).

The provider says who the person is; Casework decides whether they may come in: the e-mail
address the provider has verified must be that of an existing, active account. No account is
created here, and nothing the provider says changes an account. The session is then opened as
after a password (`session.complete_sign_in`), so signing out, idle and absolute expiry and the
audit trail work alike.

Authlib does the protocol: the authorization code flow with PKCE (S256); the state (against a
forged answer) and the nonce (against a replayed ID token), kept in the signed session cookie so
that any web node can take the provider's answer; the ID token's signature, checked against the
keys the provider publishes, with its issuer, audience and expiry. Authlib and its HTTP client
are imported only once a sign-in goes to the provider (`client`, `provider_errors`): a
deployment without single sign-on, and every worker, does not carry them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import current_app, url_for
from flask_babel import gettext as _

from casework.auth import session as auth
from casework.auth.models import User
from casework.core.writes import Refused

if TYPE_CHECKING:
    from authlib.integrations.flask_client.apps import FlaskOAuth2App

CLIENT_NAME = "sso"  # Authlib keeps the state of a sign-in under this name in the session
SETTINGS = ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_TIMEOUT_SECONDS")


def configured() -> bool:
    config = current_app.config
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID"))


def required() -> bool:
    """Everyone but administrators must sign in through the provider."""
    return configured() and bool(current_app.config.get("OIDC_REQUIRED"))


def label() -> str | None:
    """The words of the sign-in page's button; None when single sign-on is not set up."""
    if not configured():
        return None
    return current_app.config.get("OIDC_LABEL") or _("Sign in with single sign-on")


def password_refusal(user: User) -> str | None:
    """Why this account may not sign in with its password, if it may not.

    With single sign-on required, only administrators keep their password (and two-factor code):
    it is the way back in when the provider is down or wrongly set up. It is asked after the
    password was found right, so only someone who knows it learns that the account exists.
    """
    if required() and not user.is_admin:
        return _("Sign in with the button above (%(label)s): passwords are kept for administrators only.",
                 label=label())
    return None


def provider_errors() -> tuple[type[Exception], ...]:
    """What can go wrong between Casework and the provider: a refusal or a forged or stale answer
    (Authlib), a token that does not verify (joserfc), the provider out of reach (requests)."""
    import requests
    from authlib.common.errors import AuthlibBaseError
    from joserfc.errors import JoseError

    return AuthlibBaseError, JoseError, requests.RequestException


def client() -> FlaskOAuth2App:
    """The provider's client for these settings, made once per app (it caches the provider's
    description and keys; a changed key is fetched again when a token names it)."""
    from authlib.integrations.flask_client import OAuth

    app = current_app._get_current_object()
    settings = tuple(app.config.get(name) for name in SETTINGS)
    made = app.extensions.get("casework.oidc")
    if made is not None and made[0] == settings:
        return made[1]
    issuer, client_id, secret, timeout = settings
    provider = OAuth(app).register(
        CLIENT_NAME, client_id=client_id, client_secret=secret or None,
        server_metadata_url=f"{issuer.rstrip('/')}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256",
                       "token_endpoint_auth_method": "client_secret_basic" if secret else "none",
                       "default_timeout": timeout},
    )
    app.extensions["casework.oidc"] = (settings, provider)
    return provider


def redirect_uri() -> str:
    """The address the provider sends the browser back to, as registered there: under the
    configured BASE_URL when there is one (a proxy may hide the address users open)."""
    base = current_app.config.get("BASE_URL")
    if base:
        return base.rstrip("/") + url_for("auth.oidc_callback")
    return url_for("auth.oidc_callback", _external=True)


def account_for(claims: dict[str, Any]) -> User:
    """The active account whose e-mail address the provider has verified, or `Refused`."""
    email = str(claims.get("email") or "").strip()
    if not email:
        raise Refused(_("The identity provider did not give an e-mail address, so no account can be matched. "
                        "Ask your administrator to release the e-mail claim to Casework."), forbidden=True)
    if claims.get("email_verified") is not True:
        raise Refused(_("The identity provider has not verified the e-mail address %(email)s, so it cannot be "
                        "matched to a Casework account.", email=email), forbidden=True)
    user = auth.find_user(email)
    if user is None:
        raise Refused(_("No Casework account uses the e-mail address %(email)s. Ask an administrator to create "
                        "one; signing in does not create accounts.", email=email), forbidden=True)
    if not user.active:
        raise Refused(_("This account is disabled."), forbidden=True)
    return user
