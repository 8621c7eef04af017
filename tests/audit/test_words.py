"""The audit trail in people's words: a field by its name on the pages, an account or a State by its
name, a date the reader's way, a file by its name, never a column name, an id or a hash."""
from __future__ import annotations

import io
import re
from types import SimpleNamespace

from casework.audit.words import Words
from casework.core.attachments import attach_file
from casework.core.audit import acting_as
from casework.extensions import db
from tests.pages import words

PDF = b"%PDF-1.4\n%%EOF\n"
HEX = re.compile(r"\b[0-9a-f]{64}\b")


class _Upload:
    def __init__(self, name: str, data: bytes) -> None:
        self.filename, self.stream = name, io.BytesIO(data)


def _changed_officer(make_case, users):
    case = make_case(officer=users["viewer"])
    with acting_as(users["supervisor"].id):
        case.officer_id = users["officer"].id
        db.session.commit()
    return case


def test_the_case_timeline_names_the_fields_and_accounts(make_case, users, login):
    case = _changed_officer(make_case, users)
    page = words(login(users["officer"]).get(f"/cases/{case.id}"))
    assert f"Case officer: {users['viewer'].name} → {users['officer'].name}" in page
    assert "officer_id" not in page


def test_states_workflow_states_and_codes_are_named(app, states):
    event = SimpleNamespace(action="update", object_type="communications", changes={
        "second_state_id": [None, states["MEX"].id], "status": ["received", "registered"],
        "not_registered_reason": [None, "anonymous"], "final_pdf_sha256": [None, "a" * 64]})
    assert Words([event]).changes(event, event.changes) == [
        ("Second State", "—", "Mexico"), ("State", "Received", "Registered"),  # the communication's own words
        ("Reason for not registering", "—", "Anonymous")]


def test_the_audit_log_shows_a_file_by_its_name_and_no_hash(make_case, users, login):
    case = make_case()
    with acting_as(users["officer"].id):
        attach_file(case, _Upload("Submission.pdf", PDF), users["officer"], "Initial submission")
        db.session.commit()
    page = words(login(users["auditor"]).get(f"/audit/?case_id={case.id}"))
    assert "File: Submission.pdf" in page and f"Uploaded by: {users['officer'].name}" in page
    assert not HEX.search(page) and "sha256" not in page


def test_dates_are_written_the_readers_way(make_case, users, login):
    case = _changed_officer(make_case, users)
    page = words(login(users["auditor"]).get(f"/audit/?case_id={case.id}&object_type=cases"))
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", page)
