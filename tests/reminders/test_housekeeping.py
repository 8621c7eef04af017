"""The daily housekeeping forgets the sessions and one-time tokens no request can use, and the
old export files; a session still in use, and a token just taken, are kept."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from casework.auth.models import UserSession
from casework.core.db import utcnow
from casework.core.submissions import Submission
from casework.extensions import db
from casework.reminders.housekeeping import run_housekeeping
from tests.auth.test_login import is_signed_in
from tests.conftest import sign_in


def test_only_what_no_request_can_use_is_forgotten(app, client, users):
    now = utcnow()
    sign_in(client, users["officer"])  # a session in use, started now
    db.session.add_all([
        UserSession(user_id=users["viewer"].id, token_hash="a" * 64, started_at=now - timedelta(days=3),
                    ended_at=now - timedelta(days=2)),  # signed out two days ago
        UserSession(user_id=users["viewer"].id, token_hash="b" * 64, started_at=now - timedelta(days=5)),  # expired
        UserSession(user_id=users["viewer"].id, token_hash="c" * 64, started_at=now - timedelta(hours=2),
                    ended_at=now - timedelta(hours=1)),  # signed out an hour ago: kept for a day
        Submission(token="x" * 32, user_id=users["officer"].id, created_at=now - timedelta(days=3)),
        Submission(token="y" * 32, user_id=users["officer"].id, created_at=now - timedelta(minutes=5)),
    ])
    db.session.commit()

    assert run_housekeeping(now.date().isoformat()) == {"sessions": 2, "form_tokens": 1, "export_files": 0}

    kept = [s.token_hash for s in db.session.scalars(select(UserSession).order_by(UserSession.id))]
    assert len(kept) == 2 and kept[1] == "c" * 64  # and the officer's own session, first
    assert [s.token for s in db.session.scalars(select(Submission))] == ["y" * 32]
    assert is_signed_in(client)
