"""The daily housekeeping: forget what no request can use any more, so the tables that every
sign-in and every creating form write to stay small, and export files do not pile up.

- Sessions: one signed out, or started longer ago than a session may last, can never sign anyone
  in again (`casework.auth.session`); a day's grace keeps the most recent ones for inquiries.
- One-time form tokens: they stop a double-click from creating twice; two days after the form
  was sent, nobody sends it again.
- Export files: deleted after EXPORT_KEEP_DAYS (the records stay, for the trail), as
  `flask exports cleanup` does by hand.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, or_

from casework.auth.models import UserSession
from casework.core.db import utcnow
from casework.core.jobs import job
from casework.core.submissions import Submission
from casework.exports.operations import keep_for, remove_old_exports
from casework.extensions import db

SESSION_GRACE = timedelta(days=1)
TOKENS_KEPT = timedelta(days=2)


def forget_unusable(now: datetime) -> dict[str, int]:
    """Delete the sessions and tokens no request can use; how many of each went."""
    session_cutoff = now - current_app.config["SESSION_ABSOLUTE_LIFETIME"] - SESSION_GRACE
    sessions = db.session.execute(delete(UserSession).where(or_(
        UserSession.ended_at < now - SESSION_GRACE, UserSession.started_at < session_cutoff)))
    tokens = db.session.execute(delete(Submission).where(Submission.created_at < now - TOKENS_KEPT))
    return {"sessions": sessions.rowcount, "form_tokens": tokens.rowcount}


@job(label=_l("Daily housekeeping (old sessions, form tokens, export files)"))
def run_housekeeping(day: str) -> dict[str, int]:
    """The daily run (`day` is the ISO date it runs for; the cut-offs are from now)."""
    now = utcnow()
    removed = forget_unusable(now)
    removed["export_files"] = remove_old_exports(keep_for(), now)
    db.session.commit()
    return removed
