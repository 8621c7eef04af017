"""Import of legacy communications from CSV, validated row by row before anything is written.

Columns (header row required, UTF-8, comma-separated; optional columns may be left out):

    committee            CCPR, CAT, CERD, CEDAW, CESCR, CRC, CRPD or CED            required
    number               n/yyyy, e.g. 2751/2016 (empty: not registered yet)
    state                ISO 3166 alpha-3 code of the State party, e.g. MEX           required
    received_on          YYYY-MM-DD                                                   required
    registered_on        YYYY-MM-DD, required with a number
    status               a stage of the workflow, e.g. transmitted (default: registered or received)
    author_family_name                                                                required
    author_given_names
    victim_family_name   empty: the author is the victim
    victim_given_names
    articles_invoked     codes separated by semicolons, e.g. CCPR-7;CCPR-14-1
    subject_matter
    submission_language  en, fr, ru or es (default en)
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from casework.communications.committees import COMMITTEES
from casework.communications.models import CASE_TYPE, SUBMISSION_LANGUAGES, Communication, CommunicationStatus
from casework.communications.operations import Intake, NameInput, receive_communication
from casework.core.counters import take_at_least
from casework.core.permissions import Permission, unit_permissions
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import enter
from casework.extensions import db

REQUIRED = ("committee", "state", "received_on", "author_family_name")
NUMBER = re.compile(r"^(\d{1,6})/(\d{4})$")


@dataclass
class ImportRow:
    line: int
    committee: Unit
    intake: Intake
    status: str
    number: int | None = None
    year: int | None = None
    registered_on: date | None = None


@dataclass
class ImportCheck:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def _date(text: str, column: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{column} “{text}” is not a date like 2016-05-31") from None


class _Lookup:
    """Committees, States and numbers already taken, loaded once for the whole file."""

    def __init__(self, user):
        units = db.session.scalars(select(Unit).where(Unit.code.in_(list(COMMITTEES)))).all()
        self.committees = {u.code: u for u in units if Permission.CREATE in unit_permissions(user, u.id)}
        self.states = {s.iso3: s for s in db.session.scalars(select(State))}
        self.taken = set(db.session.scalars(select(Communication.reference).where(Communication.reference.is_not(None))))


def _row(line: int, values: dict[str, str], lookup: _Lookup) -> ImportRow:
    missing = [column for column in REQUIRED if not values.get(column)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    committee = lookup.committees.get(values["committee"].upper())
    if committee is None:
        raise ValueError(f"committee “{values['committee']}” is not one you may add cases to")
    state = lookup.states.get(values["state"].upper())
    if state is None:
        raise ValueError(f"state “{values['state']}” is not an ISO alpha-3 code of a State")
    language = values.get("submission_language") or "en"
    if language not in SUBMISSION_LANGUAGES:
        raise ValueError(f"submission_language “{language}” is not one of {', '.join(SUBMISSION_LANGUAGES)}")
    victims = [NameInput(values["victim_family_name"], values.get("victim_given_names", ""))] \
        if values.get("victim_family_name") else []
    row = ImportRow(line, committee, Intake(
        state_id=state.id, received_on=_date(values["received_on"], "received_on"),
        authors=[NameInput(values["author_family_name"], values.get("author_given_names", ""))], victims=victims,
        submission_language=language, subject_matter=values.get("subject_matter", ""),
        articles_invoked=[a.strip().upper() for a in values.get("articles_invoked", "").split(";") if a.strip()],
    ), status=values.get("status") or "")
    _number(row, values, lookup)
    return row


def _number(row: ImportRow, values: dict[str, str], lookup: _Lookup) -> None:
    number = values.get("number", "")
    if not number:
        row.status = row.status or CommunicationStatus.RECEIVED
        if row.status not in (CommunicationStatus.RECEIVED, CommunicationStatus.CLARIFICATION_REQUESTED,
                              CommunicationStatus.NOT_REGISTERED):
            raise ValueError(f"status “{row.status}” needs a number")
        return
    match = NUMBER.match(number)
    if not match:
        raise ValueError(f"number “{number}” is not like 2751/2016")
    if not values.get("registered_on"):
        raise ValueError("registered_on is required with a number")
    row.number, row.year = int(match.group(1)), int(match.group(2))
    row.registered_on = _date(values["registered_on"], "registered_on")
    if row.registered_on.year != row.year:
        raise ValueError(f"number {number} does not match the year of registration {row.registered_on.year}")
    reference = f"{row.committee.code} {number}"
    if reference in lookup.taken:
        raise ValueError(f"{reference} is already on file")
    lookup.taken.add(reference)
    row.status = row.status or CommunicationStatus.REGISTERED
    if row.status not in {s.value for s in CommunicationStatus}:
        raise ValueError(f"status “{row.status}” is not a stage of the workflow")


def check_file(data: bytes, user) -> ImportCheck:
    """Validate every row; nothing is written."""
    check = ImportCheck()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        check.errors.append((1, "the file is not UTF-8 text"))
        return check
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        check.errors.append((1, f"the header row lacks {', '.join(missing)}"))
        return check
    lookup = _Lookup(user)
    for values in reader:
        line = reader.line_num
        try:
            check.rows.append(_row(line, {k: (v or "").strip() for k, v in values.items() if k}, lookup))
        except ValueError as error:
            check.errors.append((line, str(error)))
    if not check.rows and not check.errors:
        check.errors.append((1, "the file has no rows"))
    return check


def import_rows(rows: list[ImportRow], actor) -> list[Communication]:
    """Write the checked rows. Flushes; the caller commits (all or nothing)."""
    imported = []
    for row in rows:
        communication = receive_communication(row.committee, row.intake, actor)
        if row.number:
            communication.number, communication.year, communication.registered_on = row.number, row.year, \
                row.registered_on
            communication.reference = f"{row.committee.code} {row.number}/{row.year}"
            take_at_least(f"{CASE_TYPE}:{row.committee.code}:{row.year}", row.number)
        enter(communication, row.status, actor, comment=f"Imported from line {row.line} of a CSV file.")
        imported.append(communication)
    db.session.flush()
    return imported
