"""The desk's pages, as the lead desk, a co-signing holder and others see them."""
from __future__ import annotations

import re
from datetime import date

from casework.core.audit import AuditEvent
from casework.extensions import db
from casework.special_procedures.models import SpCommunication
from tests.conftest import sign_in
from tests.special_procedures.conftest import SOURCE


def _version(page: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)


def test_a_joint_letter_from_draft_to_sent_through_the_pages(app, users, mandates, states):
    officer, supervisor, holder = users["officer"], users["supervisor"], users["holder:SR-TORTURE"]
    desk, holders = app.test_client(), app.test_client()
    sign_in(desk, officer)
    response = desk.post("/special-procedures/new", data={
        "lead_mandate_id": mandates["SR-HRDEFENDERS"].id, "comm_type": "AL", "title": "the killing of a land defender",
        "language": "en", "state_ids": [states["COL"].id],
        "non_state": "Acme Mining Ltd. | Mr. Smith | CAN, PER",
        "summary": "He was shot on 2 March.", "questions": "Please investigate.\nPlease protect his family.",
        "source": SOURCE})
    assert response.status_code == 303, response.get_data(as_text=True)
    comm = db.session.scalar(db.select(SpCommunication))
    assert [a.display_name for a in comm.recipients] == ["Colombia", "Acme Mining Ltd."]
    assert [c.state.iso3 for c in comm.recipients[1].copied] == ["CAN", "PER"]
    assert desk.post(f"/special-procedures/{comm.id}/invitations",
                     data={"mandate_ids": [mandates["SR-TORTURE"].id]}).status_code == 303
    page = desk.get(f"/cases/{comm.id}").get_data(as_text=True)
    assert SOURCE in page
    assert desk.post(f"/cases/{comm.id}/actions/start_cosignature", data={"version": _version(page)}).status_code == 303

    sign_in(holders, holder)
    assert "the killing of a land defender" in holders.get("/special-procedures/cosignature").get_data(as_text=True)
    page = holders.get(f"/cases/{comm.id}").get_data(as_text=True)
    assert "the killing of a land defender" in page and SOURCE not in page
    assert "Known only to the lead desk." in page
    preview = holders.get(f"/special-procedures/{comm.id}/preview/{comm.recipients[0].id}.pdf")
    assert preview.status_code == 200 and preview.data.startswith(b"%PDF")
    assert holders.get(f"/special-procedures/{comm.id}/edit").status_code == 403
    row = comm.pending[0]
    assert holders.post(f"/special-procedures/cosignatures/{row.id}", data={"decision": "approve"}).status_code == 303

    desk = app.test_client()
    sign_in(desk, supervisor)
    page = desk.get(f"/cases/{comm.id}").get_data(as_text=True)
    assert desk.post(f"/cases/{comm.id}/actions/approve", data={"version": _version(page)}).status_code == 303
    db.session.expire_all()
    today = date.today()  # approved today, so sent today at the earliest
    response = desk.post(f"/special-procedures/{comm.id}/send", data={"version": comm.version,
                                                                     "sent_on": today.isoformat()})
    assert response.status_code == 303
    db.session.expire_all()
    assert [a.reference for a in comm.recipients] == [f"AL COL 1/{today.year}", f"AL OTH 1/{today.year}"]
    # The source never reaches the trail's values either.
    changes = [e.changes for e in db.session.scalars(db.select(AuditEvent)) if e.changes]
    assert SOURCE not in str(changes)


def test_sending_before_the_cosigners_approve_is_refused_with_the_reason(make_comm, users, login):
    comm = make_comm(until="in_cosignature")
    client = login(users["supervisor"])
    response = client.post(f"/cases/{comm.id}/actions/approve", data={"version": comm.version})
    assert response.status_code == 422
    assert "Waiting for 1 co-signing mandate" in response.get_data(as_text=True)


def test_no_page_outside_the_lead_desk_shows_the_source(make_comm, users, app):
    comm = make_comm(until="sent")
    for role in ("secretariat", "auditor", "admin", "holder:SR-TORTURE"):  # the desk's own viewer does see it
        client = app.test_client()
        sign_in(client, users[role])
        for url in (f"/cases/{comm.id}", "/special-procedures/", "/special-procedures/overdue",
                    f"/persons/{comm.victims[0].person_id}"):
            text = client.get(url).get_data(as_text=True)
            assert SOURCE not in text and "Zyxwvut" not in text, (role, url)
