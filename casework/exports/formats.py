"""Writing rows as CSV (UTF-8 with a BOM, for Excel) or XLSX (openpyxl's write-only mode).

Both guard against formula injection: a text cell starting with = + - @ (or a tab or carriage
return, which some spreadsheets skip before reading a formula) gets a leading apostrophe, so a
name typed by a member of the public can never run as a formula on an officer's machine.
"""
from __future__ import annotations

import csv
import enum
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
    """One sheet: a bold, frozen header row, sensible widths, dates as real dates."""

    def __init__(self, out: IO[bytes], headers: Sequence[str], widths: Sequence[int], title: str = "Export") -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self._out = out
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(title[:31])
        self._sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            self._sheet.column_dimensions[get_column_letter(index)].width = width
        bold = Font(bold=True)
        header = []
        for text in headers:
            cell = WriteOnlyCell(self._sheet, value=safe_text(text))
            cell.font = bold
            header.append(cell)
        self._sheet.append(header)

    def write(self, row: Sequence[Any]) -> None:
        cells = []
        for value in map(cell_value, row):
            if isinstance(value, datetime):
                value = value.replace(tzinfo=None)  # Excel has no time zones; the app stores UTC
            cells.append(value)
        self._sheet.append(cells)

    def close(self) -> None:
        self._book.save(self._out)


def column_widths(headers: Sequence[str], widths: Iterable[int | None]) -> list[int]:
    """A declared width, or one that fits the header, between 12 and 60 characters."""
    return [min(60, w or max(12, len(h) + 2)) for h, w in zip(headers, widths)]


def open_writer(fmt: str, out: IO, headers: Sequence[str], widths: Sequence[int], title: str) -> RowWriter:
    if fmt == "csv":
        return CsvWriter(out, headers, widths)
    return XlsxWriter(out, headers, widths, title)
