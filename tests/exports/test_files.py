"""What the files hold: the page's filters and order, guarded text, real dates, a usable sheet."""
from __future__ import annotations

import io
import re
from datetime import date, datetime

from openpyxl import load_workbook

from casework.exports.formats import cell_value, safe_text
from tests.conftest import sign_in
from tests.exports.conftest import VISIBLE_TITLE, export, read_rows, receive


def _titles(rows: list[list]) -> list:
    index = rows[0].index("Title")
    return [row[index] for row in rows[1:]]


def test_the_export_holds_what_the_filtered_page_lists_in_its_order(client, users, units, world):
    states = world.states
    receive(users, units, states, family="Second", title="Second Mexican case", received_on=date(2026, 5, 1))
    receive(users, units, states, family="Egyptian", title="An Egyptian case", state="EGY")
    sign_in(client, users["supervisor"])
    filters = {"state": str(states["MEX"].id), "sort": "received", "dir": "asc"}
    page = client.get("/communications/", query_string=filters).get_data(as_text=True)
    listed = [title for title in (VISIBLE_TITLE, "Second Mexican case", "An Egyptian case") if title in page]
    assert listed == [VISIBLE_TITLE, "Second Mexican case"]
    for fmt in ("csv", "xlsx"):
        assert _titles(read_rows(fmt, export(client, "communications", fmt, **filters).data)) == listed
        newest_first = export(client, "communications", fmt, **{**filters, "dir": "desc"}).data
        assert _titles(read_rows(fmt, newest_first)) == listed[::-1]


def test_the_buttons_carry_the_filters_and_sort_but_not_the_page_number(client, users, world):
    sign_in(client, users["supervisor"])
    page = client.get("/communications/?state=7&sort=number&page=2").get_data(as_text=True)
    form = page.split('class="inline export-buttons"')[1].split("</form>")[0]
    assert 'name="state" value="7"' in form and 'name="sort" value="number"' in form and 'name="page"' not in form
    assert "Export CSV" in form and "Export XLSX" in form


def test_every_list_page_has_the_export_buttons(client, users, world):
    from casework.exports.registry import all_lists
    from flask import url_for

    sign_in(client, users["admin"])
    for exportable in all_lists():
        page = client.get(url_for(exportable.endpoint, **exportable.endpoint_args)).get_data(as_text=True)
        assert f'action="/exports/{exportable.name}/csv"' in page, exportable.name


def test_text_that_looks_like_a_formula_is_kept_as_text(client, users, units, world):
    receive(users, units, world.states, family="=HYPERLINK(\"http://x\")", title="=1+2")
    receive(users, units, world.states, family="@SUM(A1)", title="+cmd|' /C calc'!A0")
    receive(users, units, world.states, family="Dash", title="-2+3")
    sign_in(client, users["supervisor"])
    expected = {"'=1+2", "'+cmd|' /C calc'!A0", "'-2+3", VISIBLE_TITLE}
    for fmt in ("csv", "xlsx"):
        assert set(_titles(read_rows(fmt, export(client, "communications", fmt).data))) == expected
        names = {row[1] for row in read_rows(fmt, export(client, "persons", fmt).data)[1:]}
        assert {"'=HYPERLINK(\"http://x\")", "'@SUM(A1)"} <= names
    sheet = load_workbook(io.BytesIO(export(client, "communications", "xlsx").data)).worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_cells_keep_their_type_and_only_text_is_guarded():
    assert safe_text("=A1") == "'=A1" and safe_text("\t=A1") == "'\t=A1" and safe_text("Pérez") == "Pérez"
    assert cell_value(-5) == -5 and cell_value(date(2026, 1, 2)) == date(2026, 1, 2) and cell_value(None) is None
    assert cell_value(True) == "Yes"


def test_the_sheet_has_a_bold_frozen_header_real_dates_and_widths(client, users, world):
    sign_in(client, users["supervisor"])
    response = export(client, "communications", "xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert re.search(r'filename=communications-\d{4}-\d{2}-\d{2}-\d+\.xlsx', response.headers["Content-Disposition"])
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    received = sheet.cell(row=2, column=[c.value for c in sheet[1]].index("Received") + 1)
    assert isinstance(received.value, datetime) and received.value.date() == date(2026, 3, 2) and received.is_date
    assert 48 <= sheet.column_dimensions["D"].width < 50  # the title: 48 characters, with the padding Excel adds


def test_csv_opens_in_excel_with_accents(client, users, units, world):
    receive(users, units, world.states, family="Pérez Núñez", title="Affaire Müller c. Élysée")
    sign_in(client, users["supervisor"])
    response = export(client, "communications", "csv")
    assert response.mimetype == "text/csv" and response.data.startswith(b"\xef\xbb\xbf")
    assert "Affaire Müller c. Élysée" in _titles(read_rows("csv", response.data))


def test_every_list_exports_to_xlsx_whatever_its_title():
    """Excel refuses some characters in a sheet's name (the working groups' titles have a colon)."""
    from casework.exports.formats import XlsxWriter
    from casework.exports.registry import all_lists

    for exportable in all_lists():
        out = io.BytesIO()
        writer = XlsxWriter(out, ["Reference"], [12], str(exportable.title))
        writer.close()
        name = load_workbook(io.BytesIO(out.getvalue())).sheetnames[0]
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\"), exportable.name
    assert {e.name for e in all_lists()} >= {"wgad", "wgeid"}
