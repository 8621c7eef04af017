"""Bulk actions on the urgent actions list, as an officer uses them: tick the rows, choose the
step, and read what became of each."""
from __future__ import annotations

import re
from datetime import date, timedelta

from casework.core.workflow import fire
from casework.extensions import db
from casework.urgent_actions.models import UrgentAction, UrgentActionStatus as S
from tests.conftest import sign_in
from tests.pages import form_with, words


def _boxes(response) -> list[str]:
    """The rows' checkboxes as the list draws them: "id:version"."""
    return re.findall(r'name="record" value="(\d+:\d+)"', response.get_data(as_text=True))


def test_note_verbale_sent_for_the_ticked_rows_as_the_list_draws_them(client, users, make_ua):
    registered = [make_ua(given=f"Julio {n}") for n in range(4)]
    received = make_ua(register=False, given="Marcos")
    sign_in(client, users["officer"])
    listed = client.get("/urgent-actions/")
    assert "Act on the selected records" in words(listed)
    boxes = _boxes(listed)
    assert f"{received.id}:{received.version}" not in boxes  # nothing the officer can do to it from a list
    assert len(boxes) == 4
    form = form_with(listed, "action")
    assert "transmit_to_state" in re.findall(r'<option value="([a-z_]+)"', listed.get_data(as_text=True))
    # Someone moves one on after the list was drawn: that one is refused, the others go through.
    fire(registered[0], "transmit_to_state", users["supervisor"])
    db.session.commit()

    form.update(action=["transmit_to_state"], comment=["Sent by the secretariat"], record=boxes)
    response = client.post("/bulk", data=form)
    assert response.status_code == 303
    result = client.get(response.headers["Location"])
    shown = words(result)
    assert "Note verbale sent to the State" in shown
    assert "3 records done · 1 refused" in shown
    assert f"{registered[0].reference} {registered[0].title} Refused: Changed by someone else since the list" in shown
    assert all(ua.reference in shown for ua in registered)  # each record named, with its link
    db.session.expire_all()
    assert [db.session.get(UrgentAction, ua.id).status for ua in registered] == [S.AWAITING_REPLY] * 4


def test_a_viewer_sees_no_bulk_bar(client, users, make_ua):
    make_ua()
    sign_in(client, users["viewer"])
    listed = client.get("/urgent-actions/")
    assert "Act on the selected records" not in words(listed) and _boxes(listed) == []


def test_nothing_ticked_is_refused_with_the_reason_and_back_to_the_list(client, users, make_ua):
    make_ua()
    sign_in(client, users["officer"])
    listed = client.get("/urgent-actions/")
    response = client.post("/bulk", data=form_with(listed, "action"), follow_redirects=True)
    assert "Choose at least one record in the list." in words(response)
    assert response.request.path == "/urgent-actions/"


def test_a_date_typed_wrong_is_named_with_the_reason(client, users, make_ua):
    ua = make_ua()
    sign_in(client, users["officer"])
    listed = client.get("/urgent-actions/")
    form = form_with(listed, "action")
    form.update(action=["transmit_to_state"], on=[(date.today() + timedelta(days=30)).isoformat()], record=_boxes(listed))
    response = client.post("/bulk", data=form, follow_redirects=True)
    assert "Date it happened: This date is in the future" in words(response)
    db.session.expire_all()
    assert db.session.get(UrgentAction, ua.id).status == S.REGISTERED
