"""What a person changes about their own account."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from casework.auth.models import User
from casework.core.writes import Refused
from casework.extensions import db


def set_new_password(user: User, password: str, actor: User | None, keep: str | None = None) -> None:
    """A new password, whoever sets it: whoever held the old one may have signed in elsewhere or
    made API tokens, so every other browser is signed out and every token revoked. `keep`: the
    token of the browser that changes its own password, which stays signed in. Flushes."""
    from casework.api.tokens import revoke_tokens_of

    user.set_password(password)
    if user.id is not None:
        revoke_tokens_of(user, actor)
        user.end_other_sessions(keep=keep)
    db.session.flush()


def set_language(user: User, code: str) -> None:
    """Show `user` the pages in `code`, one of the configured languages (audited with the account).
    Flushes."""
    if code not in current_app.config["LANGUAGES"]:
        raise Refused(_("Casework is not available in that language."))
    user.locale = code
    db.session.flush()
