"""The import machinery every procedure shares (`casework.core.imports`), through the
communications import page: how a file is read, what is refused before any row, the choice to
import the valid rows only, and the counters."""
from __future__ import annotations

import io

from sqlalchemy import func, select

from casework.communications.models import Communication
from casework.core.counters import next_number, take_at_least
from casework.core.imports import numbered_as
from casework.extensions import db
from tests.imports import import_valid_rows_only, listed, signed_in, upload
from tests.pages import words

URL = "/communications/import"
HEADER = "committee,state,received_on,author_family_name\n"
GOOD = "CCPR,MEX,2026-01-05,Roe\n"
BAD = "CCPR,ATL,2026-01-05,Doe\n"


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Communication))


def test_a_file_saved_by_a_spreadsheet_with_a_byte_order_mark_and_crlf_is_read(app, users, states):
    officer = signed_in(app, users["officer"])
    response = upload(officer, URL, "\ufeff" + (HEADER + GOOD + "CCPR, IRQ ,2026-01-06,Poe\n").replace("\n", "\r\n"))
    assert response.status_code == 303 and _count() == 2


def test_what_stops_a_file_before_its_rows(app, users, states):
    officer = signed_in(app, users["officer"])
    for content, reason in (
        ("committee,state\nCCPR,MEX\n", "the header row lacks received_on, author_family_name"),
        ("committee,state,received_on,author_family_name,registred_on\nCCPR,MEX,2026-01-05,Roe,2026-01-06\n",
         "the header row has columns this import does not know: registred_on"),
        (HEADER, "the file has no rows"),
    ):
        response = upload(officer, URL, content)
        assert response.status_code == 422 and listed(response) == {1: reason}, content
    page = officer.get(URL)
    data = {"csrf_token": _csrf(page), "file": (io.BytesIO((HEADER + "CCPR,MEX,2026-01-05,Müller\n").encode("latin-1")),
                                                "legacy.csv")}
    response = officer.post(URL, data=data, content_type="multipart/form-data")
    assert listed(response) == {1: "the file is not UTF-8 text: save it as “CSV UTF-8” and try again"}
    assert _count() == 0


def test_a_row_with_a_control_character_is_listed(app, users, states):
    response = upload(signed_in(app, users["officer"]), URL, HEADER + "CCPR,MEX,2026-01-05,Ro\x00e\n" + GOOD)
    assert response.status_code == 422 and listed(response) == {2: "a cell holds an invisible control character"}


def test_the_valid_rows_only_is_a_choice_made_after_seeing_the_bad_ones(app, users, states):
    officer = signed_in(app, users["officer"])
    checked = upload(officer, URL, HEADER + GOOD + BAD)
    assert checked.status_code == 422 and _count() == 0
    assert "1 row has an error; nothing was imported. 1 row is valid." in words(checked)
    assert "Import the 1 valid row only" in words(checked)
    assert import_valid_rows_only(officer, URL, checked).status_code == 303 and _count() == 1


def test_the_rows_are_checked_again_when_the_valid_ones_are_chosen(app, users, states):
    """A number recorded by someone else between the check and the choice is listed, not written twice."""
    header = "committee,number,state,received_on,registered_on,author_family_name\n"
    officer = signed_in(app, users["officer"])
    checked = upload(officer, URL, header + "CCPR,12/2026,MEX,2026-01-05,2026-01-06,Roe\nCCPR,,ATL,2026-01-05,,Doe\n")
    assert listed(checked) == {3: "state “ATL” is not the ISO alpha-3 code of a State"}
    assert upload(signed_in(app, users["supervisor"]), URL, header + "CCPR,12/2026,IRQ,2026-01-02,2026-01-03,Poe\n"
                  ).status_code == 303
    response = import_valid_rows_only(officer, URL, checked)
    assert response.status_code == 422 and listed(response) == {
        2: "CCPR 12/2026 is already on file", 3: "state “ATL” is not the ISO alpha-3 code of a State"}
    assert _count() == 1


def test_a_checked_file_is_only_its_importers(app, users, states):
    """The page carries the checked file by its SHA-256; another person sending it gets nothing."""
    checked = upload(signed_in(app, users["officer"]), URL, HEADER + GOOD + BAD)
    response = import_valid_rows_only(signed_in(app, users["supervisor"]), URL, checked)
    assert response.status_code == 400 and "Choose the CSV file to import." in words(response)
    assert _count() == 0


def test_an_operation_takes_the_imported_number_and_the_counter_continues_after(app):
    take_at_least("sample:2019", 3)
    with numbered_as("sample:2019", 57):
        assert next_number("sample:2019") == 57
    with numbered_as("sample:2019", 12):  # a lower imported number leaves the counter where it was
        assert next_number("sample:2019") == 12
    assert next_number("sample:2019") == 58


def _csrf(page) -> str:
    from tests.pages import form_with

    return form_with(page, "csrf_token")["csrf_token"][0]


def test_every_procedure_offers_a_sample_file_with_the_columns_it_documents(app):
    import csv
    from pathlib import Path

    from casework import DOMAIN_MODULES, import_optional

    importers = [import_optional(f"casework.{name}.imports").IMPORTER for name in DOMAIN_MODULES]
    assert len(importers) == len(DOMAIN_MODULES)
    for importer in importers:
        sample = Path(app.static_folder) / "imports" / importer.sample
        header = next(csv.reader(sample.read_text(encoding="utf-8").splitlines()))
        documented = [name for name, _holds, _required in importer.column_rows()]
        assert set(importer.required) <= set(header) and header == [c for c in documented if c in header], (
            importer.sample, header, documented)
