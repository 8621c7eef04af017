"""Files on cases, through the pages users use: upload, refusals, download, access and audit."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from casework.core import storage
from casework.core.attachments import Attachment
from casework.core.audit import AuditEvent
from casework.extensions import db
from tests.conftest import sign_in

PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _upload(client, case, filename: str, content: bytes, description: str = ""):
    return client.post(
        f"/cases/{case.id}/attachments",
        data={"file": (io.BytesIO(content), filename), "description": description},
        content_type="multipart/form-data",
    )


def _client_for(app, user):
    """Another user's browser, signed in."""
    other = app.test_client()
    sign_in(other, user)
    return other


def _download(client, case, attachment):
    return client.get(f"/cases/{case.id}/attachments/{attachment.id}", buffered=True)


def _stored_files(app) -> set[str]:
    """What the file store holds (the upload folder, or the bucket in the servers pass)."""
    return set(storage.files().keys())


def _attachments() -> list[Attachment]:
    db.session.expire_all()
    return list(db.session.scalars(select(Attachment)))


def _downloads() -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "download").order_by(AuditEvent.id)))


@pytest.fixture
def case(make_case):
    return make_case()


def test_upload_stores_the_file_outside_the_web_root_named_by_its_hash(app, users, login, case):
    client = login(users["officer"])

    response = _upload(client, case, "Submission.pdf", PDF, "Initial submission")

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    [attachment] = _attachments()
    sha = hashlib.sha256(PDF).hexdigest()
    assert attachment.sha256 == sha
    assert attachment.size == len(PDF)
    assert attachment.filename == "Submission.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.description == "Initial submission"
    assert attachment.uploaded_by_id == users["officer"].id

    assert attachment.stored.key == f"{sha[:2]}/{sha}" and storage.files().read(attachment.stored.key) == PDF
    if not app.config["S3_BUCKET"]:  # a folder outside the web root
        stored = storage.files().path(attachment.stored.key)
        assert stored.is_relative_to(Path(app.config["UPLOAD_FOLDER"]).resolve())
        assert not stored.is_relative_to(Path(app.static_folder).resolve())
    assert not any(key.endswith("Submission.pdf") for key in _stored_files(app))
    # The case page lists the file.
    assert "Submission.pdf" in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_download_returns_the_same_bytes_as_an_attachment(users, login, case):
    client = login(users["officer"])
    _upload(client, case, "Submission.pdf", PDF)
    [attachment] = _attachments()

    response = _download(client, case, attachment)

    assert response.status_code == 200
    assert response.data == PDF
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Submission.pdf" in disposition


@pytest.mark.parametrize(("uploaded_as", "listed_as"), [
    ("شكوى.pdf", "شكوى.pdf"),                      # Arabic
    ("Жалоба 2026.pdf", "Жалоба 2026.pdf"),        # Cyrillic
    ("申诉.PDF", "申诉.PDF"),                        # Chinese
    ("Résumé des faits.pdf", "Résumé des faits.pdf"),
    ("../../etc/passwd\x00.pdf", "passwd.pdf"),
])
def test_a_file_keeps_its_name_in_any_script_without_its_path(users, login, case, uploaded_as, listed_as):
    client = login(users["officer"])

    response = _upload(client, case, uploaded_as, PDF)

    assert response.status_code == 303, response.get_data(as_text=True)
    [attachment] = _attachments()
    assert attachment.filename == listed_as
    assert attachment.content_type == "application/pdf"
    download = _download(client, case, attachment)
    assert download.data == PDF
    assert "attachment;" in download.headers["Content-Disposition"]


def _assert_refused(app, response, message: str, files_before: set[Path]) -> None:
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _attachments() == []
    assert _stored_files(app) == files_before


def test_a_program_is_refused_with_the_list_of_accepted_types(app, users, login, case):
    client = login(users["officer"])
    before = _stored_files(app)

    response = _upload(client, case, "setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64))

    accepted = ", ".join(sorted(app.config["ALLOWED_UPLOAD_EXTENSIONS"]))
    _assert_refused(app, response, f"Files of type “.exe” are not accepted. Accepted: {accepted}.", before)
    assert "pdf" in accepted and "docx" in accepted


def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(app, users, login, case):
    client = login(users["officer"])
    before = _stored_files(app)

    response = _upload(client, case, "report.pdf", b"MZ\x90\x00 this is a program, not a PDF")

    _assert_refused(app, response, "“report.pdf” does not look like a .pdf file.", before)


@pytest.mark.parametrize("filename", ["empty.txt", "empty.pdf"])
def test_an_empty_file_is_refused(app, users, login, case, filename):
    client = login(users["officer"])
    before = _stored_files(app)

    response = _upload(client, case, filename, b"")

    _assert_refused(app, response, "The file is empty.", before)


def test_a_file_over_the_upload_limit_is_refused(app, users, login, case):
    client = login(users["officer"])
    before = _stored_files(app)
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 4096
    try:
        response = _upload(client, case, "big.pdf", PDF + bytes(8192))
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit

    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "File too large" in page
    assert "The file is larger than the upload limit of 4 KB. Nothing was saved." in page
    assert _attachments() == []
    assert _stored_files(app) == before


def test_a_viewer_can_download_but_not_upload(app, users, login, case):
    _upload(login(users["officer"]), case, "Submission.pdf", PDF)
    [attachment] = _attachments()
    viewer = _client_for(app, users["viewer"])
    before = _stored_files(app)

    assert _download(viewer, case, attachment).data == PDF
    response = _upload(viewer, case, "other.pdf", PDF + b"% a different file\n")

    assert response.status_code == 403
    assert [a.id for a in _attachments()] == [attachment.id]
    assert _stored_files(app) == before


def test_a_user_of_another_unit_cannot_download(app, users, login, case):
    _upload(login(users["officer"]), case, "Submission.pdf", PDF)
    [attachment] = _attachments()
    outsider = _client_for(app, users["outsider"])

    response = _download(outsider, case, attachment)

    assert response.status_code == 404
    assert PDF not in response.data
    assert _downloads() == []


def test_an_attachment_cannot_be_fetched_through_another_case(app, users, login, make_case, case):
    secret = make_case(confidential=True, reference="S 2/2026", assigned=(users["officer"],))
    client = login(users["officer"])
    _upload(client, secret, "witness-statement.pdf", PDF)
    [attachment] = _attachments()
    viewer = _client_for(app, users["viewer"])

    # The viewer may open `case`, but the file belongs to the confidential one.
    response = _download(viewer, case, attachment)

    assert response.status_code == 404
    assert PDF not in response.data


def test_a_confidential_case_file_downloads_only_for_assigned_users(app, users, login, make_case):
    secret = make_case(confidential=True, assigned=(users["officer"],))
    officer = login(users["officer"])
    assert _upload(officer, secret, "witness-statement.pdf", PDF).status_code == 303
    [attachment] = _attachments()
    url = f"/cases/{secret.id}/attachments/{attachment.id}"

    assert officer.get(url, buffered=True).data == PDF
    for name in ("supervisor", "viewer", "secretariat", "outsider"):
        response = _client_for(app, users[name]).get(url, buffered=True)
        assert response.status_code == 404, name
        assert PDF not in response.data
    assert [e.actor_id for e in _downloads()] == [users["officer"].id]


def test_every_download_is_in_the_audit_trail(app, users, login, case):
    officer = login(users["officer"])
    _upload(officer, case, "Submission.pdf", PDF)
    [attachment] = _attachments()
    viewer = _client_for(app, users["viewer"])
    url = f"/cases/{case.id}/attachments/{attachment.id}"

    officer.get(url, buffered=True)
    officer.get(url, buffered=True)
    viewer.get(url, buffered=True)

    events = _downloads()
    assert [e.actor_id for e in events] == [users["officer"].id, users["officer"].id, users["viewer"].id]
    for event in events:
        assert event.object_type == "attachments"
        assert event.object_id == str(attachment.id)
        assert event.case_id == case.id
