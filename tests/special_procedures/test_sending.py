"""Sending: references per addressee country and year, safe under concurrency; replies; overdue list."""
from __future__ import annotations

import threading
from datetime import date

import pytest

from casework.core.jobs import JobRecord, JobStatus
from casework.core.writes import Refused
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.models import CommunicationType, SpCommunication
from casework.special_procedures.queries import overdue_replies as overdue_query


def overdue_replies(user, today: date) -> list:
    return [tuple(row) for row in db.session.execute(overdue_query(user, today))]
from tests.conftest import sign_in
from tests.special_procedures.conftest import reply_file
from tests.special_procedures.helpers import pdf_text


def test_references_run_per_country_and_year_and_non_state_actors_share_oth(make_comm, states):
    first = make_comm(until="sent", comm_type=CommunicationType.AL)
    second = make_comm(until="sent", addressees=[
        ops.AddresseeInput(state_id=states["COL"].id),
        ops.AddresseeInput(name="Acme Mining Ltd.", contact_name="Mr. Smith",
                           copy_state_ids=[states["CAN"].id, states["PER"].id])])
    third = make_comm(until="sent", sent_on=date(2025, 11, 5), comm_type=CommunicationType.OL,
                      legislation="Draft law 123 on foreign funding of associations")
    assert [a.reference for a in first.recipients] == ["AL COL 1/2026"]
    assert [a.reference for a in second.recipients] == ["UA COL 2/2026", "UA OTH 1/2026"]
    assert second.reference == "UA COL 2/2026"
    assert third.reference == "OL COL 1/2025"


def test_the_non_state_code_is_a_unit_setting(make_comm, mandates):
    mandates["SR-HRDEFENDERS"].unit.settings = {"sp_non_state_code": "NSA"}
    db.session.commit()
    comm = make_comm(until="sent", addressees=[ops.AddresseeInput(name="Acme Mining Ltd.")])
    assert comm.reference == "UA NSA 1/2026"


def test_references_are_never_shared_under_concurrency(app, make_comm):
    """Eight letters to Colombia sent at once, each in its own transaction: eight different numbers."""
    ids = [make_comm(until="approved", cosigners=(), victim=False).id for _ in range(8)]
    start = threading.Barrier(8)
    taken, errors = [], []

    def send(comm_id: int) -> None:
        try:
            with app.app_context():
                comm = db.session.get(SpCommunication, comm_id)
                start.wait()
                ops.send_communication(comm, date(2026, 5, 1), comm.officer)
                threading.Event().wait(0.05)
                db.session.commit()
                taken.append(comm.reference)
                db.session.remove()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=send, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken, key=lambda r: int(r.split()[2].split("/")[0])) == [f"UA COL {n}/2026" for n in range(1, 9)]


def test_sending_fixes_the_signature_blocks_and_produces_one_pdf_per_addressee(make_comm, states):
    comm = make_comm(until="sent", addressees=[ops.AddresseeInput(state_id=states["COL"].id),
                                               ops.AddresseeInput(state_id=states["PER"].id)])
    assert [s.name for s in comm.signatories] == ["Amara Okonjo-Lind", "Tomás Vidal Arriaga"]
    assert all(a.pdf_sha256 for a in comm.recipients)
    assert len({a.pdf_sha256 for a in comm.recipients}) == 2
    job = db.session.scalar(db.select(JobRecord).where(JobRecord.subject_id == comm.id))
    assert job.status is JobStatus.DONE


def test_replies_any_number_any_time_and_the_first_stops_the_clock(make_comm, users):
    comm = make_comm(until="sent")
    assert [c.id for c, _d in overdue_replies(users["officer"], today=date(2026, 5, 10))] == [comm.id]
    assert overdue_replies(users["officer"], today=date(2026, 5, 9)) == []  # due 9 May: not yet late
    ops.record_reply(comm, date(2026, 5, 20), "es", reply_file(), users["officer"], comm.recipients[0])
    ops.record_reply(comm, date(2026, 9, 1), "en", None, users["officer"])
    db.session.commit()
    assert [(r.received_on, r.language, bool(r.attachment_id)) for r in comm.replies] == [
        (date(2026, 5, 20), "es", True), (date(2026, 9, 1), "en", False)]
    assert overdue_replies(users["officer"], today=date(2026, 12, 1)) == []
    [clock] = comm.deadlines
    assert (clock.met_on, clock.met_late) == (date(2026, 5, 20), True)  # the first reply's day, 11 days late


def test_a_reply_cannot_come_before_the_letter(make_comm, users):
    draft = make_comm()
    with pytest.raises(Refused):
        ops.record_reply(draft, date(2026, 3, 1), "en", None, users["officer"])
    sent = make_comm(until="sent")
    with pytest.raises(Refused):
        ops.record_reply(sent, date(2026, 3, 1), "en", None, users["officer"])


def test_overdue_list_follows_the_access_policy(make_comm, users):
    make_comm(until="sent")
    assert overdue_replies(users["outsider"], today=date(2026, 6, 1)) == []


def test_a_state_copied_on_a_company_letter_receives_that_letter(app, make_comm, states, users):
    comm = make_comm(until="sent", addressees=[
        ops.AddresseeInput(state_id=states["COL"].id),
        ops.AddresseeInput(name="Acme Mining Ltd.", contact_name="Mr. Smith", copy_state_ids=[states["CAN"].id])])
    company = comm.recipients[1]
    [canada] = company.copied
    assert canada.pdf_sha256 == company.pdf_sha256 is not None
    client = app.test_client()
    sign_in(client, users["officer"])
    page = client.get(comm.url).get_data(as_text=True)
    copy_url = f"/special-procedures/{comm.id}/letters/{canada.id}.pdf"
    assert copy_url in page
    with client.get(copy_url) as response:
        assert response.status_code == 200
        assert "filename=UA_OTH_1-2026_copy_CAN.pdf" in response.headers["Content-Disposition"]
        text = pdf_text(response.data)
    assert "Acme Mining Ltd." in text and "Canada" in text
    # The company is told what Canada received: a copy of this very letter, not a letter of its own.
    assert "a copy of this letter has been sent to the Government of Canada" in " ".join(text.split())


def test_the_list_finds_a_letter_by_any_of_its_references(app, make_comm, states, users):
    comm = make_comm(until="sent", title="the dam on the Cauca river", addressees=[
        ops.AddresseeInput(state_id=states["COL"].id), ops.AddresseeInput(state_id=states["PER"].id)])
    assert comm.references == ["UA COL 1/2026", "UA PER 1/2026"]
    client = app.test_client()
    sign_in(client, users["officer"])
    for reference in comm.references:
        page = client.get("/special-procedures/", query_string={"q": reference}).get_data(as_text=True)
        assert "the dam on the Cauca river" in page, reference
    page = client.get("/special-procedures/", query_string={"q": "UA CAN 1/2026"}).get_data(as_text=True)
    assert "the dam on the Cauca river" not in page
