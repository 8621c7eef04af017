"""Writing rows as CSV (UTF-8 with a BOM, for Excel) or XLSX (XlsxWriter, in constant-memory mode).

Both guard against formula injection: a text cell starting with = + - @ (or a tab or carriage
return, which some spreadsheets skip before reading a formula) gets a leading apostrophe, so a
name typed by a member of the public can never run as a formula on an officer's machine.
"""
from __future__ import annotations

import csv
import enum
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import IO, Any, Protocol

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_text(value: str) -> str:
    """The text as a spreadsheet will show it, never as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def cell_value(value: Any) -> Any:
    """A value as a cell: text guarded, enums by their value, dates and numbers as they are."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, (int, float, date)):
        return value
    return safe_text(str(value))


class RowWriter(Protocol):
    def write(self, row: Sequence[Any]) -> None: ...

    def close(self) -> None: ...


class CsvWriter:
    """CSV for Excel: UTF-8 with a byte-order mark, dates as ISO 8601."""

    def __init__(self, out: IO[str], headers: Sequence[str], widths: Sequence[int]) -> None:
        out.write(BOM)
        self._csv = csv.writer(out)
        self._csv.writerow([safe_text(h) for h in headers])

    def write(self, row: Sequence[Any]) -> None:
        self._csv.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v
                            for v in map(cell_value, row)])

    def close(self) -> None:
        pass


class XlsxWriter:
    """One sheet: a bold, frozen header row, sensible widths, dates as real dates.

    XlsxWriter in constant-memory mode writes each row out as it comes, so a long export needs
    no more memory than a short one. Text is always written as text (never as a formula or a
    link), whatever it starts with.
    """

    def __init__(self, out: IO[bytes], headers: Sequence[str], widths: Sequence[int], title: str = "Export") -> None:
        import xlsxwriter

        self._book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False,
                                               "strings_to_urls": False, "strings_to_numbers": False,
                                               "remove_timezone": True})
        self._sheet = self._book.add_worksheet(sheet_name(title))
        self._date = self._book.add_format({"num_format": "yyyy-mm-dd"})
        self._datetime = self._book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        bold = self._book.add_format({"bold": True})
        for column, (text, width) in enumerate(zip(headers, widths)):
            self._sheet.set_column(column, column, width)
            self._sheet.write_string(0, column, safe_text(text), bold)
        self._sheet.freeze_panes(1, 0)
        self._row = 1

    def write(self, row: Sequence[Any]) -> None:
        for column, value in enumerate(map(cell_value, row)):
            if value is None:
                continue
            if isinstance(value, datetime):
                self._sheet.write_datetime(self._row, column, value, self._datetime)
            elif isinstance(value, date):
                self._sheet.write_datetime(self._row, column, value, self._date)
            elif isinstance(value, (int, float)):
                self._sheet.write_number(self._row, column, value)
            else:
                self._sheet.write_string(self._row, column, value)
        self._row += 1

    def close(self) -> None:
        self._book.close()


def column_widths(headers: Sequence[str], widths: Iterable[int | None]) -> list[int]:
    """A declared width, or one that fits the header, between 12 and 60 characters."""
    return [min(60, w or max(12, len(h) + 2)) for h, w in zip(headers, widths)]


def sheet_name(title: str) -> str:
    """A title Excel accepts as a sheet's name: none of []:*?/\\, not quoted, 31 characters at most."""
    name = re.sub(r"[\[\]:*?/\\]", "-", title).strip("' ")[:31].strip()
    return name or "Export"


def open_writer(fmt: str, out: IO, headers: Sequence[str], widths: Sequence[int], title: str) -> RowWriter:
    if fmt == "csv":
        return CsvWriter(out, headers, widths)
    return XlsxWriter(out, headers, widths, title)
