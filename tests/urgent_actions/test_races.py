"""The same event fired twice at the same instant on the same version: one winner, one 409."""
from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from casework.auth.models import User
from casework.core.workflow import CaseHistory, fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.urgent_actions.models import UrgentAction


def test_a_transition_that_keeps_the_state_still_moves_the_version(make_ua, users):
    ua = make_ua(events=("transmit_to_state",))
    before = ua.version
    fire(ua, "inform_authors", users["officer"])
    db.session.commit()
    assert ua.status == "awaiting_reply"
    assert ua.version == before + 1


def test_an_event_fired_twice_at_once_is_recorded_once(app, make_ua, users):
    ua = make_ua(events=("transmit_to_state",))
    ua_id, officer_id, version = ua.id, users["officer"].id, ua.version
    both_loaded, outcomes = threading.Barrier(2, timeout=10), []

    def attempt() -> None:
        with app.app_context():  # its own session, connection and transaction
            try:
                record, actor = db.session.get(UrgentAction, ua_id), db.session.get(User, officer_id)
                both_loaded.wait()
                fire(record, "inform_authors", actor, expected_version=version)
                db.session.commit()
                outcomes.append("recorded")
            except (StaleDataError, Refused) as refused:
                db.session.rollback()
                outcomes.append(type(refused).__name__)
            except Exception as error:  # noqa: BLE001 — the database refused the loser some other way
                db.session.rollback()
                outcomes.append(f"error: {error}")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    db.session.expire_all()
    recorded = db.session.scalar(select(func.count(CaseHistory.id)).where(
        CaseHistory.case_id == ua_id, CaseHistory.event == "inform_authors"))
    assert recorded == 1, outcomes
    # The loser is refused in words (its version is stale, or the authors are informed already).
    assert sorted(outcomes) in (["Refused", "recorded"], ["StaleDataError", "recorded"]), outcomes
