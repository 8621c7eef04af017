"""What an input may hold before it reaches the database: the one definition of text, number,
year and date that forms, list query strings, URL converters and the API all apply.

- Text: no C0 control character but tab, line feed and carriage return. PostgreSQL cannot store
  NUL at all, and the exports (XLSX, DOCX) and letters are XML, which cannot hold the others.
- Numbers that name a record (ids, a State, a group, a page) fit a database INTEGER: beyond it
  nothing can exist, and the database (or its driver) fails on the comparison.
- Years: 1900 to 2100 (the Office's oldest records are from 1980; a year outside is a typing slip).
- Dates of past events (received, last seen, born, engaged): from 1900-01-01 up to tomorrow, one
  day of grace because a field office's today may already be the server's tomorrow.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from werkzeug.routing import IntegerConverter, Map

MAX_INT = 2**31 - 1  # the largest value of a database INTEGER column (and so of any id)
MIN_INT = -(2**31)
FIRST_YEAR, LAST_YEAR = 1900, 2100
EARLIEST_DATE = date(FIRST_YEAR, 1, 1)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def bounded_int(value: str) -> int:
    """An integer a database column can hold, or ValueError (so `args.get(name, type=bounded_int)`
    ignores a number out of range as it ignores any other value that is not a number)."""
    number = int(value)
    if not MIN_INT <= number <= MAX_INT:
        raise ValueError(f"{value!r} is out of range")
    return number


def year(value: str) -> int:
    """A year from FIRST_YEAR to LAST_YEAR, or ValueError; used as `args.get("year", type=year)`."""
    number = int(value)
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise ValueError(f"{value!r} is not a plausible year")
    return number


def latest_past_date(today: date | None = None) -> date:
    """The latest date a past event can have: tomorrow, for the time zones ahead of the server."""
    return (today or date.today()) + timedelta(days=1)


def is_plausible_past(day: date, today: date | None = None) -> bool:
    return EARLIEST_DATE <= day <= latest_past_date(today)


class RecordIdConverter(IntegerConverter):
    """`<int:…>` in the app's routes: a number up to MAX_INT. A larger one cannot name a record,
    so the address matches no route (404) instead of reaching the database."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = MAX_INT, signed: bool = False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits, min, max, signed)
