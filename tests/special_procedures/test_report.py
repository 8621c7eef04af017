"""The joint communications report for a Council session, as CSV and PDF."""
from __future__ import annotations

import csv
import io
from datetime import date

from casework.extensions import db
from casework.special_procedures import operations as ops
from tests.special_procedures.conftest import SOURCE, reply_file
from tests.special_procedures.helpers import pdf_text


def test_the_report_lists_the_period_by_state_with_replies(make_comm, states, users, login):
    first = make_comm(until="published", sent_on=date(2026, 2, 1))
    ops.record_reply(first, date(2026, 3, 15), "es", reply_file(), users["officer"])
    make_comm(until="sent", sent_on=date(2026, 4, 1), addressees=[
        ops.AddresseeInput(state_id=states["PER"].id),
        ops.AddresseeInput(name="Acme Mining Ltd.", copy_state_ids=[states["CAN"].id, states["PER"].id])])
    make_comm(until="sent", sent_on=date(2026, 7, 1))  # after the period
    db.session.commit()
    client = login(users["viewer"])
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/special-procedures/report.csv?start=2026-01-01&end=2026-06-30").get_data(as_text=True))))
    assert [(r["State"], r["Reference"], r["Addressee"], r["Replies"]) for r in rows] == [
        ("Canada", "UA OTH 1/2026", "Acme Mining Ltd.", ""),
        ("Colombia", "UA COL 1/2026", "Colombia", "2026-03-15"),
        ("Peru", "UA PER 1/2026", "Peru", ""),
        ("Peru", "UA OTH 1/2026", "Acme Mining Ltd.", ""),
    ]
    response = client.get("/special-procedures/report.pdf?start=2026-01-01&end=2026-06-30&session=HRC+62")
    text = pdf_text(response.data)
    assert "HRC 62" in text and "UA COL 1/2026" in text and "Acme Mining Ltd." in text
    assert "UA COL 2/2026" not in text and SOURCE not in text
