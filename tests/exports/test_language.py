"""Export files are headed in the language of the user who asked for them; the values stay ISO."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from casework.core.jobs import JobRecord
from casework.extensions import db
from tests.conftest import sign_in
from tests.exports.conftest import VISIBLE_TITLE, export, fetch, read_rows

HEADERS = {
    "en": ["Number", "Committee", "State party", "Title", "Status", "Received", "Registered", "Subject matter"],
    "fr": ["Numéro", "Comité", "État partie", "Titre", "Statut", "Reçu", "Enregistré", "Objet"],
    "es": ["Número", "Comité", "Estado parte", "Título", "Estado", "Recibida", "Registrada", "Asunto"],
}


def _reader(client, user, language: str | None):
    user.locale = language
    db.session.commit()
    sign_in(client, user)
    return client


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_small_export_is_headed_in_the_readers_language_with_iso_dates(client, users, world, language, fmt):
    reader = _reader(client, users["supervisor"], language)
    rows = read_rows(fmt, export(reader, "communications", fmt).data)
    assert rows[0] == HEADERS[language]
    [visible] = [row for row in rows[1:] if row[3] == VISIBLE_TITLE]
    received = visible[5] if fmt == "csv" else visible[5].date().isoformat()
    assert received == "2026-03-02"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_large_export_written_by_a_job_keeps_the_language_it_was_asked_in(app, users, world, monkeypatch,
                                                                          language):
    monkeypatch.setitem(app.config, "EXPORT_ROW_THRESHOLD", 0)
    reader = _reader(app.test_client(), users["officer"], language)
    response = export(reader, "communications", "xlsx")
    assert response.status_code == 303
    record = db.session.scalars(select(JobRecord)).one()
    assert record.args[1] == language  # the job is told the language, it has no page to read it from
    status = reader.get(f"{response.headers['Location']}/status").get_json()
    rows = read_rows("xlsx", fetch(reader, status["download"]).data)
    assert rows[0] == HEADERS[language]


def test_the_sheet_is_named_in_the_readers_language(client, users, world):
    reader = _reader(client, users["supervisor"], "es")
    book = load_workbook(io.BytesIO(export(reader, "communications", "xlsx").data))
    assert book.sheetnames == ["Comunicaciones"]
