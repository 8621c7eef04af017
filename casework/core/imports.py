"""Import of past records from CSV, the same way in every procedure.

A field office or a secretariat moving to Casework brings thousands of cases recorded elsewhere.
Each procedure declares its `Importer` in its own `imports.py`: the columns (a table in that file's
docstring, shown on the page), how one row is read (raising `ValueError` with the reason) and how
a valid row becomes a case through the module's own operations. This module does the rest, once:

- the file is read as UTF-8 (with or without a byte-order mark), its header row checked;
- every row is read and checked before anything is written, and every bad row is listed with
  its line and reason (`check_file`);
- a file with bad rows writes nothing unless the user then chooses "Import the N valid rows
  only" on the page that lists them; the checked file is kept under the user's own key for that
  choice, so it need not be chosen again;
- the rows are written in one transaction, each case placed at the stage it had reached on the
  day it reached it (`enter_stages`), and imported numbers kept, the module's counter continuing
  after the highest (`keep_number`, `numbered_as`).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import abort, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf.file import FileField
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.validators import Optional

from casework.core.counters import Counter, take_at_least
from casework.core.forms import Form
from casework.core.i18n import Label
from casework.core.inputs import EARLIEST_DATE, has_control_characters, latest_past_date
from casework.core.permissions import Permission, units_where
from casework.core.states import State
from casework.core.storage import FileMissing, files
from casework.core.units import Unit
from casework.core.workflow import enter
from casework.core.writes import Refused, again_on, write
from casework.extensions import db

NUMBER = re.compile(r"^([0-9]{1,6})/([0-9]{4})$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
YES, NO = ("yes", "y", "true", "1", "x"), ("no", "n", "false", "0", "")


class Values:
    """One row's cells by column, read as the columns say: each reader raises ValueError with the
    reason in the user's words, naming the column and what it holds."""

    def __init__(self, cells: dict[str, str]):
        self.cells = cells

    def __contains__(self, column: str) -> bool:
        return bool(self.cells.get(column))

    def text(self, column: str, *, required: bool = False, limit: int = 4000) -> str:
        value = self.cells.get(column, "")
        if required and not value:
            raise ValueError(_("%(column)s is empty", column=column))
        if len(value) > limit:
            raise ValueError(_("%(column)s is longer than %(limit)s characters", column=column, limit=limit))
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(_("%(column)s “%(value)s” is not a date like 2016-05-31", column=column,
                               value=value)) from None
        if not EARLIEST_DATE <= day <= latest_past_date():
            raise ValueError(_("%(column)s %(value)s is not a past date", column=column, value=value))
        return day

    def choice(self, column: str, options: Iterable[str], default: str = "") -> str:
        value = self.text(column).lower() or default
        options = list(options)
        if value not in options:
            raise ValueError(_("%(column)s “%(value)s” is not one of %(options)s", column=column, value=value,
                               options=", ".join(options)))
        return value

    def flag(self, column: str) -> bool:
        value = self.text(column).lower()
        if value not in YES + NO:
            raise ValueError(_("%(column)s “%(value)s” is not yes or no", column=column, value=value))
        return value in YES

    def integer(self, column: str, low: int, high: int) -> int | None:
        value = self.text(column)
        if not value:
            return None
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            raise ValueError(_("%(column)s “%(value)s” is not a number from %(low)s to %(high)s", column=column,
                               value=value, low=low, high=high))
        return int(value)

    def number(self, column: str) -> tuple[int, int] | None:
        """A running number of its year, "n/yyyy": (n, yyyy), or None if the cell is empty."""
        value = self.text(column)
        if not value:
            return None
        match = NUMBER.match(value)
        if not match or int(match.group(1)) == 0:
            raise ValueError(_("%(column)s “%(value)s” is not like 12/2016", column=column, value=value))
        return int(match.group(1)), int(match.group(2))


@dataclass
class Context:
    """What every row of one file is checked against, loaded once: the unit imported into (or the
    units a column may name), the States, and what the module keeps here (references on file…)."""

    user: Any
    unit: Unit | None
    units: dict[str, Unit]
    states: dict[str, State]
    kept: dict[str, Any] = field(default_factory=dict)

    def state(self, values: Values, column: str, *, required: bool = True) -> State | None:
        code = values.text(column, required=required).upper()
        if not code:
            return None
        state = self.states.get(code)
        if state is None:
            raise ValueError(_("%(column)s “%(value)s” is not the ISO alpha-3 code of a State", column=column,
                               value=code))
        return state

    def once(self, key: str, load: Callable[[], Any]) -> Any:
        """What the module loads once per file (e.g. the references already on file)."""
        if key not in self.kept:
            self.kept[key] = load()
        return self.kept[key]

    def claim(self, reference: str, on_file: Callable[[], Iterable[str]]) -> None:
        """Refuse a reference already on file, or already given by an earlier row of the file."""
        taken = self.once("references", lambda: set(on_file()))
        if reference in taken:
            raise ValueError(_("%(reference)s is already on file", reference=reference))
        taken.add(reference)


@dataclass(frozen=True)
class Importer:
    """One procedure's import: its columns, who imports into which units, how a row is read and
    written. `read` raises ValueError(reason); `write` flushes and returns the case."""

    title: Label  # the page's title, e.g. "Import urgent actions"
    columns: str  # the table of columns, as the module's docstring gives it
    required: tuple[str, ...]  # the columns the header row must have
    works_in: Callable[[Unit], bool]  # the units of this procedure
    read: Callable[[int, Values, Context], Any]  # (line, values, context) → a row to write
    write: Callable[[Any, Any], Any]  # (row, actor) → the imported case
    index: str  # the endpoint of the procedure's list, where the user goes once done
    sample: str  # the sample file's name in static/imports/
    unit_column: str | None = None  # a column naming each row's unit; else the page asks for one
    # Where the procedure has its own rule for who opens its cases (the reprisals team's), that rule.
    opens_in: Callable[[Any], list[Unit]] | None = None

    def column_rows(self) -> list[tuple[str, str, bool]]:
        """The columns table as (name, what it holds, required), for the page."""
        rows: list[list] = []
        for line in self.columns.splitlines():
            if line.startswith("     ") and rows:  # a description carried on to the next line
                rows[-1][1] = f"{rows[-1][1]} {line.strip()}"
            elif line.strip():
                name, _gap, holds = line.strip().partition(" ")
                rows.append([name, re.sub(r"\s{2,}required$", "", holds.strip()), name in self.required])
        return [(name, " ".join(holds.split()), required) for name, holds, required in rows]

    def units(self, user) -> list[Unit]:
        """The units `user` may import into: those of the procedure where they may open cases."""
        units = self.opens_in(user) if self.opens_in is not None else units_where(user, Permission.CREATE)
        return [unit for unit in units if self.works_in(unit)]


@dataclass
class Check:
    rows: list[Any] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def check_file(importer: Importer, data: bytes, user, unit: Unit | None) -> Check:
    """Read and check every row; nothing is written."""
    check = Check()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        check.errors.append((1, _("the file is not UTF-8 text: save it as “CSV UTF-8” and try again")))
        return check
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in importer.required if column not in header]
    unknown = [column for column in header if column not in {name for name, _h, _r in importer.column_rows()}]
    if missing or unknown:
        if missing:
            check.errors.append((1, _("the header row lacks %(columns)s", columns=", ".join(missing))))
        if unknown:  # a misspelt column would otherwise be left out of every row without a word
            check.errors.append((1, _("the header row has columns this import does not know: %(columns)s",
                                      columns=", ".join(unknown))))
        return check
    reader.fieldnames = header
    context = Context(user, unit, {u.code: u for u in importer.units(user)},
                      {s.iso3: s for s in db.session.scalars(select(State))})
    for cells in _rows(reader, check):
        try:
            check.rows.append(importer.read(reader.line_num, Values(cells), context))
        except ValueError as error:
            check.errors.append((reader.line_num, str(error)))
    if not check.rows and not check.errors:
        check.errors.append((1, _("the file has no rows")))
    return check


def _rows(reader: csv.DictReader, check: Check) -> Iterator[dict[str, str]]:
    """Each row's cells, stripped; a row the CSV reader cannot read ends the file with its reason."""
    try:
        for cells in reader:
            row = {k: (v or "").strip() for k, v in cells.items() if isinstance(k, str) and isinstance(v, str)}
            if not any(row.values()):
                continue
            if any(has_control_characters(v) for v in row.values()):
                check.errors.append((reader.line_num, _("a cell holds an invisible control character")))
                continue
            yield row
    except csv.Error as error:
        check.errors.append((reader.line_num, _("the file cannot be read from here on: %(error)s", error=error)))


def enter_stages(case, stages: list[tuple[str, date]], actor, line: int) -> None:
    """Place an imported case at each stage it reached, on the day it reached it, in order, so its
    history says when each step happened (and that it came from this line of a file)."""
    comment = _("Imported from line %(line)s of a CSV file.", line=line)
    for state, on in stages:
        if state != case.status:
            enter(case, state, actor, comment=comment, on=on)


def stages_in_order(stages: list[tuple[str, date | None]], received_on: date) -> list[tuple[str, date]]:
    """The stages a row gives, each dated (a stage without a date: the day of the one before),
    refused if a stage is dated before receipt or before the stage it follows."""
    dated, previous = [], received_on
    for state, on in stages:
        on = on or previous
        if on < previous:
            raise ValueError(_("the %(state)s date %(on)s is before the step it follows (%(previous)s)",
                               state=state.replace("_", " "), on=on.isoformat(), previous=previous.isoformat()))
        dated.append((state, on))
        previous = on
    return dated


def registration_stages(values: Values, number: tuple[int, int] | None, status: str, received_on: date,
                        before_registration: Collection[str], registered: str) -> list[tuple[str, date]]:
    """The dated stages of a row of a procedure that registers under a number: a numbered row was
    registered on its `registered_on`, in the number's year; a row without one never got that far."""
    status_on = values.date("status_on")
    if number is None:
        if status not in before_registration:
            raise ValueError(_("status “%(value)s” needs a number", value=status))
        return stages_in_order([(status, status_on)], received_on)
    registered_on = values.date("registered_on")
    if registered_on is None:
        raise ValueError(_("registered_on is required with a number"))
    if registered_on.year != number[1]:
        raise ValueError(_("number %(number)s does not match the year of registration %(year)s",
                           number=values.text("number"), year=registered_on.year))
    if status in before_registration:
        raise ValueError(_("status “%(value)s” is before registration: leave the number out", value=status))
    return stages_in_order([(registered, registered_on), (status, status_on)], received_on)


def number_of_receipt_year(values: Values, received_on: date) -> int | None:
    """The row's number in a series numbered by the year of receipt (n/yyyy, yyyy that year)."""
    number = values.number("number")
    if number is None:
        return None
    if number[1] != received_on.year:
        raise ValueError(_("number %(number)s is not of the year of receipt %(year)s",
                           number=values.text("number"), year=received_on.year))
    return number[0]


def keep_number(scope: str, number: int) -> None:
    """An imported number is taken: the counter of its scope continues after it."""
    take_at_least(scope, number)


@contextmanager
def numbered_as(scope: str, number: int) -> Iterator[None]:
    """Let a module's operation that takes the next number of `scope` take `number`, an imported
    one; the counter is then left at the highest number given. The counter's row is held by this
    transaction from the first update to the commit, so no registration takes a number between."""
    take_at_least(scope, 0)  # makes the row and holds it
    table = Counter.__table__
    before = db.session.scalar(select(table.c.last_value).where(table.c.scope == scope))
    db.session.execute(update(table).where(table.c.scope == scope).values(last_value=number - 1))
    yield
    db.session.execute(update(table).where(table.c.scope == scope).values(last_value=max(before, number)))


def import_rows(importer: Importer, rows: list[Any], actor) -> list[Any]:
    """Write the checked rows, those that keep a number first (so that a row given the next number
    never takes one a later row keeps). Flushes; the caller commits, all or nothing."""
    imported = []
    try:
        for row in sorted(rows, key=lambda row: getattr(row, "reference", None) is None):
            try:
                imported.append(importer.write(row, actor))
            except Refused as refusal:
                raise Refused(_("Nothing was imported. Line %(line)s: %(reason)s", line=row.line, reason=refusal),
                              status=refusal.status) from None
        db.session.flush()
    except IntegrityError:  # a reference of the file recorded by someone else since it was checked
        raise Refused(_("Nothing was imported: some of these records were recorded by someone else in the "
                        "meantime. Check the file again."), status=409) from None
    return imported


class ImportForm(Form):
    file = FileField(_l("CSV file"))
    unit_id = SelectField(_l("Import into"), coerce=int, validators=[Optional()])
    checked = HiddenField()  # the file already checked, for "import the valid rows only"
    valid_rows_only = BooleanField(_l("Import the valid rows and leave out the rows with errors"))


def _upload_key(user, sha256: str) -> str:
    return f"imports/{user.id}/{sha256}.csv"


def _file_of(form: ImportForm, user) -> bytes | None:
    """The file chosen, kept under the user's own key; or the one they checked before."""
    if form.file.data:
        data = form.file.data.read()
        sha = hashlib.sha256(data).hexdigest()
        files().save_bytes(data, _upload_key(user, sha))
        form.checked.data = sha
        return data
    if form.checked.data and SHA256.match(form.checked.data):
        try:
            return files().read(_upload_key(user, form.checked.data))
        except FileMissing:
            return None
    return None


def import_page(importer: Importer) -> Any:
    """The import page of a procedure: choose a file, see every bad row, import (GET and POST)."""
    units = importer.units(current_user)
    if not units:
        abort(403)
    form = ImportForm()
    form.unit_id.choices = [(unit.id, unit.name) for unit in units]
    check = None
    if form.validate_on_submit():
        unit = next((u for u in units if u.id == form.unit_id.data), units[0] if len(units) == 1 else None)
        data = _file_of(form, current_user)
        if data is None:
            form.file.errors = [*form.file.errors, _("Choose the CSV file to import.")]
        elif unit is None and importer.unit_column is None:
            form.unit_id.errors = [*form.unit_id.errors, _("Choose the unit to import into.")]
        else:
            check = check_file(importer, data, current_user, unit)
    again = again_on("imports/import.html", form=form, check=check, importer=importer,
                     sample=url_for("static", filename=f"imports/{importer.sample}"))
    if check is None:
        return again(400 if form.errors else 200, None)
    if not check.rows or (check.errors and not form.valid_rows_only.data):
        return again(422, None)  # the page lists each row's reason
    response = write(lambda: import_rows(importer, check.rows, current_user), again=again,
                     done=lambda imported: _imported(len(imported), len(check.errors)), to=url_for(importer.index))
    if getattr(response, "status_code", None) == 303:  # imported: the checked file is no longer needed
        files().delete(_upload_key(current_user, form.checked.data))
    return response


def _imported(count: int, left_out: int) -> str:
    done = ngettext("%(num)d record imported.", "%(num)d records imported.", count)
    if not left_out:
        return done
    return done + " " + ngettext("%(num)d row with an error was left out.", "%(num)d rows with errors were left out.",
                                 left_out)
