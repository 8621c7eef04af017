"""The period the figures cover: a year, or any span of dates, read from the query string."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

FIRST_YEAR = 1980  # the oldest records the Office keeps (WGEID cases transmitted since 1980)


class PeriodError(ValueError):
    """The period asked for cannot be read; the message says why, in the user's words."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def is_year(self) -> bool:
        return self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31)

    @property
    def in_whole_months(self) -> bool:
        """Whether it runs from the first day of a month to the last of a month: the monthly
        tallies (`casework.core.tallies`) then hold its figures."""
        return self.start.day == 1 and (self.end + timedelta(days=1)).day == 1

    @property
    def label(self) -> str:
        return str(self.start.year) if self.is_year else f"{self.start.isoformat()} – {self.end.isoformat()}"

    def args(self) -> dict[str, str]:
        """The period as list filters: every module list reads `from` and `to`."""
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    def months(self) -> list[Period]:
        """The calendar months the period touches, each cut to the period."""
        months, first = [], date(self.start.year, self.start.month, 1)
        while first <= self.end:
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            months.append(Period(max(first, self.start), min(following - timedelta(days=1), self.end)))
            first = following
        return months


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PeriodError(_("“%(value)s” is not a date: give the %(name)s date as YYYY-MM-DD.",
                            value=value, name=name)) from None


def parse_period(args: MultiDict, today: date | None = None) -> Period:
    """`from`/`to` when either is given, otherwise `year` (the current year by default)."""
    today = today or date.today()
    start, end = args.get("from", "").strip(), args.get("to", "").strip()
    if start or end:
        if not (start and end):
            raise PeriodError(_("Give both dates of the period, from and to."))
        period = Period(_date(start, _("start")), _date(end, _("end")))
        if period.end < period.start:
            raise PeriodError(_("The period ends before it starts: the end date must be on or after the start date."))
        if period.start.year < FIRST_YEAR:
            raise PeriodError(_("The period starts before %(year)s, when the oldest records begin.", year=FIRST_YEAR))
        return period
    raw = args.get("year", "").strip()
    if not raw:
        return Period.year(today.year)
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= today.year + 1:
        raise PeriodError(_("“%(value)s” is not a year we hold figures for: choose a year from %(first)s to %(last)s.",
                            value=raw, first=FIRST_YEAR, last=today.year + 1))
    return Period.year(int(raw))


def list_period(args: MultiDict) -> tuple[date | None, date | None]:
    """The `from`/`to` dates a module list is narrowed to; a missing or unreadable one is ignored."""
    def read(name: str) -> date | None:
        try:
            return date.fromisoformat(args.get(name, "").strip())
        except ValueError:
            return None

    return read("from"), read("to")


def between(column, start: date | None, end: date | None):
    """A date column within the bounds given, as a range its index can serve."""
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column <= end)
    return conditions
