"""The API's blueprint: token authentication and JSON errors for every view under /api/v1."""
from __future__ import annotations

from flask import Blueprint, current_app, g, request

from casework.api.errors import ApiError, error_response, http_error, unexpected_error
from casework.api.spec import API_PUBLIC
from casework.api.tokens import note_use, token_for_secret
from casework.extensions import csrf, db
from casework.web import register_json_errors

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)
csrf.exempt(bp)


@bp.before_request
def authenticate():
    """Act as the token's user for this request; anything else is 401."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and getattr(view, API_PUBLIC, False):
        return None
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiError(401)
    token = token_for_secret(secret.strip())
    if token is None:
        raise ApiError(401, "The token is unknown, expired or revoked, or its user is disabled.")
    note_use(token)
    db.session.commit()
    # Flask-Login reads the request's user from here: the token's user, never the session's.
    g._login_user = token.user
    g.api_token = token
    g.audit_note = {"api_token": {"id": token.id, "name": token.name}}
    return None


@bp.teardown_request
def _forget_token(_error) -> None:
    for name in ("api_token", "audit_note", "_login_user"):
        g.pop(name, None)


bp.register_error_handler(ApiError, error_response)
bp.register_error_handler(Exception, unexpected_error)
register_json_errors(PREFIX, http_error)
