"""The demonstration data loads once, with cases at every step, and a second load adds nothing."""
from __future__ import annotations

from sqlalchemy import func, select

from casework.core.cases import Case
from casework.core.states import load_states
from casework.extensions import db
from casework.working_groups import demo


def test_demo_loads_every_step_once(units):
    load_states()
    accounts = demo.load_demo()
    assert [email for email, _description in accounts] == [demo.OFFICER, demo.SUPERVISOR]
    counts = dict(db.session.execute(select(Case.status, func.count()).where(
        Case.case_type.in_(["wgad_communication", "wgeid_case"])).group_by(Case.status)).all())
    assert sum(counts.values()) == len(demo.DETENTIONS) + len(demo.DISAPPEARANCES)
    for status in ("transmitted", "opinion_adopted", "follow_up", "closed", "filed", "outstanding",
                   "awaiting_objection", "clarified", "discontinued"):
        assert counts.get(status), status
    demo.load_demo()
    assert db.session.scalar(select(func.count()).select_from(Case).where(
        Case.case_type.in_(["wgad_communication", "wgeid_case"]))) == sum(counts.values())
