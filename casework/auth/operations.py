"""What a person changes about their own account."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from casework.auth.models import User
from casework.core.writes import Refused
from casework.extensions import db


def set_language(user: User, code: str) -> None:
    """Show `user` the pages in `code`, one of the configured languages (audited with the account).
    Flushes."""
    if code not in current_app.config["LANGUAGES"]:
        raise Refused(_("Casework is not available in that language."))
    user.locale = code
    db.session.flush()
