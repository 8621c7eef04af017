"""The file store: what goes in is hashed, what comes out is checked, a large file is never held
whole, and a file that is missing or damaged is reported rather than sent.

The suite's own store is a folder in the embedded pass and the S3-compatible server in the
servers pass: these tests run against both.
"""
from __future__ import annotations

import hashlib
import io
import logging

import pytest

from casework.core import storage
from casework.core.attachments import attach_file
from casework.core.storage import CHUNK, CorruptFile, LocalStore, S3Store, Stored, TooLarge
from casework.extensions import db
from tests.conftest import S3_BUCKET

PDF = b"%PDF-1.4\n" + b"x" * 1000 + b"\n%%EOF\n"


class _Upload:
    def __init__(self, name: str, data: bytes) -> None:
        self.filename, self.stream = name, io.BytesIO(data)


def test_a_file_is_kept_once_under_its_sha256(app):
    first = storage.files().save_bytes(PDF)
    again = storage.files().save_bytes(PDF)
    sha = hashlib.sha256(PDF).hexdigest()
    assert first == again == Stored(f"{sha[:2]}/{sha}", sha, len(PDF))
    assert [key for key in storage.files().keys() if key == first.key] == [first.key]
    assert storage.files().read(first.key) == PDF


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(app):
    before = set(storage.files().keys())
    with pytest.raises(TooLarge):
        storage.files().save(io.BytesIO(b"y" * (3 * CHUNK)), limit=2 * CHUNK)
    assert set(storage.files().keys()) == before


def test_a_large_file_goes_in_and_out_in_chunks(app):
    data = bytes(range(256)) * (40 * 1024)  # 10 MB: above what the store keeps in memory
    stored = storage.files().save(io.BytesIO(data))
    sizes = [len(chunk) for chunk in storage.files().chunks(stored.key)]
    assert sum(sizes) == len(data) and max(sizes) <= CHUNK
    assert hashlib.sha256(storage.files().read(stored.key)).hexdigest() == stored.sha256


def test_a_download_is_the_stored_file(app, client, users, make_case, login):
    case = make_case()
    attachment = attach_file(case, _Upload("Submission.pdf", PDF), users["officer"])
    db.session.commit()
    response = login(users["officer"]).get(f"/cases/{case.id}/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Length"] == str(len(PDF))


def _damage(stored: Stored) -> None:
    """Put other bytes under the file's key, as a disk or a copy gone wrong would."""
    store = storage.files()
    store._put(io.BytesIO(PDF.replace(b"x", b"z")), stored.key)


def test_a_damaged_file_is_cut_off_and_logged_never_sent_whole(app, users, make_case, login, caplog):
    case = make_case()
    attachment = attach_file(case, _Upload("Damaged.pdf", PDF), users["officer"])
    db.session.commit()
    _damage(attachment.stored)
    response = login(users["officer"]).get(f"/cases/{case.id}/attachments/{attachment.id}", buffered=False)
    with caplog.at_level(logging.ERROR), pytest.raises(CorruptFile):
        b"".join(response.response)
    assert "does not match its SHA-256" in caplog.text


def test_a_missing_file_is_a_404_that_says_so_and_is_logged(app, users, make_case, login, caplog):
    case = make_case()
    attachment = attach_file(case, _Upload("Lost.pdf", PDF + b"lost"), users["officer"])
    db.session.commit()
    storage.files().delete(attachment.stored.key)
    with caplog.at_level(logging.ERROR):
        response = login(users["officer"]).get(f"/cases/{case.id}/attachments/{attachment.id}")
    assert response.status_code == 404 and "cannot be found in the file store" in response.get_data(as_text=True)
    assert "missing from the file store" in caplog.text


def test_a_key_cannot_lead_out_of_the_folder(tmp_path):
    store = LocalStore(tmp_path / "files")
    with pytest.raises(storage.FileMissing):
        store.path("../outside")


@pytest.mark.s3
def test_the_servers_pass_keeps_every_file_in_the_object_store(app):
    import boto3

    assert isinstance(storage.files(), S3Store) and isinstance(storage.exports(), S3Store)
    stored = storage.files().save_bytes(b"%PDF-1.4 in the bucket")
    client = boto3.client("s3", endpoint_url=app.config["S3_ENDPOINT_URL"], region_name="us-east-1")
    listed = client.list_objects_v2(Bucket=S3_BUCKET, Prefix=app.config["S3_PREFIX"])
    assert f"{app.config['S3_PREFIX']}files/{stored.key}" in [item["Key"] for item in listed["Contents"]]
