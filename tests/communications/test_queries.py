"""The backlog's counts as the committee's readers see them: never what they may not see."""
from __future__ import annotations

from datetime import date, timedelta

from casework.communications.backlog import backlog
from casework.core.workflow import fire
from casework.extensions import db


def test_overdue_replies_leave_out_a_confidential_case_the_reader_is_not_assigned(make_communication, users,
                                                                                 client_for):
    today = date.today()
    shown, hidden = (make_communication(author=(name, "Ana"), received_on=today - timedelta(days=900), register=True)
                     for name in ("Shownauthor", "Secretauthor"))
    for case in (shown, hidden):
        fire(case, "transmit", users["supervisor"], on=today - timedelta(days=400))  # observations overdue
    hidden.confidential = True
    db.session.commit()

    assert backlog(users["officer"], shown.committee_id).overdue_observations == 1
    assert backlog(users["admin"], shown.committee_id).overdue_observations == 2
    listed = client_for(users["officer"]).get(
        f"/communications/?committee={shown.committee_id}&overdue=state_observations").get_data(as_text=True)
    assert "1 communication<" in listed and "SECRETAUTHOR" not in listed.upper()
