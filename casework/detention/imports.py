"""Import of a field office's past individual cases from CSV (the machinery: `casework.core.imports`).

What a field office brings from its spreadsheets is its list of detained persons whose cases it
raised with the authorities, and what came of them: each row opens the case at its place of
detention (already recorded in the office's places), raises it and records its outcome on the
days they happened, through the same steps as the case page.

Columns (header row required, UTF-8, comma-separated; optional columns may be left out):

    reference       the office's number, e.g. FO-COL/IC/2024/007 (empty: the next of the year)
    facility        the name of the place of detention, as recorded in the office's places  required
    opened_on       YYYY-MM-DD                                                            required
    family_name     the person's identity is protected, as for every detained person       required
    given_names
    sex             female, male, other or unknown (default unknown)
    date_of_birth   YYYY-MM-DD
    issue           no_legal_basis, excessive_pretrial, ill_treatment, medical_need,     required
                    child_with_adults, no_access_to_lawyer, incommunicado or other
    details
    confidential    yes or no (default no): seen only by whoever imports it and those assigned
    raised_on       YYYY-MM-DD, the day the case was raised with the authorities
    raised_with     the authority, required with raised_on
    outcome         released, transferred, charges_dropped, expedited, medical_care or
                    alternative_to_detention; needs raised_on
    outcome_on      YYYY-MM-DD, required with an outcome
    category        woman, man or child, for a release (default: from sex and date of birth)
    closed_on       YYYY-MM-DD, for a case closed
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.core.cases import Case
from casework.core.imports import Context, Importer, Values, import_page, numbered_as
from casework.core.persons import Sex
from casework.core.units import UnitKind
from casework.core.workflow import fire
from casework.detention.cases.models import RELEASE_OUTCOMES, CaseIssue, CaseOutcome, DetentionCase, ReleaseCategory
from casework.detention.cases.operations import open_case, raise_case, record_outcome
from casework.detention.operations import Detainee
from casework.detention.places.models import Facility
from casework.detention.views import bp
from casework.extensions import db


@dataclass
class Row:
    line: int
    facility: Facility
    detainee: Detainee
    issue: CaseIssue
    details: str
    confidential: bool
    opened_on: date
    raised: tuple[date, str] | None = None
    outcome: tuple[CaseOutcome, date, ReleaseCategory | None] | None = None
    closed_on: date | None = None
    reference: str | None = None
    number: int | None = None


def _facility(values: Values, context: Context) -> Facility:
    name = values.text("facility", required=True)
    facilities = context.once("facilities", lambda: {
        f.name.casefold(): f for f in db.session.scalars(select(Facility).where(Facility.unit_id == context.unit.id))})
    facility = facilities.get(name.casefold())
    if facility is None:
        raise ValueError(_("facility “%(value)s” is not one of the office's places of detention", value=name))
    return facility


def _reference(row: Row, values: Values, context: Context) -> None:
    reference = values.text("reference")
    if not reference:
        return
    match = re.fullmatch(rf"{re.escape(context.unit.code)}/IC/([0-9]{{4}})/([0-9]{{1,6}})", reference)
    if not match or int(match.group(1)) != row.opened_on.year or int(match.group(2)) == 0:
        raise ValueError(_("reference “%(value)s” is not like %(example)s, of the year the case was opened",
                           value=reference, example=f"{context.unit.code}/IC/{row.opened_on.year}/007"))
    context.claim(reference, lambda: db.session.scalars(
        select(Case.reference).where(Case.reference.startswith(f"{context.unit.code}/IC/", autoescape=True))))
    row.reference, row.number = reference, int(match.group(2))


def _steps(row: Row, values: Values) -> None:
    raised_on, outcome_on, closed_on = values.date("raised_on"), values.date("outcome_on"), values.date("closed_on")
    if raised_on is not None:
        if raised_on < row.opened_on:
            raise ValueError(_("raised_on is before opened_on"))
        row.raised = (raised_on, values.text("raised_with", required=True, limit=300))
    if "outcome" in values:
        outcome = CaseOutcome(values.choice("outcome", [o.value for o in CaseOutcome]))
        if raised_on is None or outcome_on is None or outcome_on < raised_on:
            raise ValueError(_("an outcome needs raised_on and, not before it, outcome_on"))
        category = ReleaseCategory(values.choice("category", [c.value for c in ReleaseCategory])) \
            if "category" in values else None
        if outcome in RELEASE_OUTCOMES and category is None and row.detainee.sex not in (Sex.FEMALE, Sex.MALE) \
                and row.detainee.date_of_birth is None:
            raise ValueError(_("a release needs its category: woman, man or child"))
        row.outcome = (outcome, outcome_on, category)
    last = max(d for d in (row.opened_on, raised_on, outcome_on) if d is not None)
    if closed_on is not None and closed_on < last:
        raise ValueError(_("closed_on is before the step it follows (%(date)s)", date=last.isoformat()))
    row.closed_on = closed_on


def read(line: int, values: Values, context: Context) -> Row:
    detainee = Detainee(values.text("family_name", required=True, limit=120), values.text("given_names", limit=120),
                        Sex(values.choice("sex", [s.value for s in Sex], Sex.UNKNOWN)), values.date("date_of_birth"))
    row = Row(line, _facility(values, context), detainee,
              CaseIssue(values.choice("issue", [i.value for i in CaseIssue])), values.text("details"),
              values.flag("confidential"), values.date("opened_on", required=True))
    _reference(row, values, context)
    _steps(row, values)
    return row


def write(row: Row, actor) -> DetentionCase:
    """Opened on its day, under its own number, then raised, its outcome and its closing each on theirs."""
    def open_it() -> DetentionCase:
        return open_case(row.facility, row.detainee, row.issue, row.details, actor, confidential=row.confidential,
                         on=row.opened_on)

    if row.number:
        with numbered_as(f"detention:{row.reference.rsplit('/', 1)[0]}/", row.number):
            case = open_it()
    else:
        case = open_it()
    note = _("Imported from line %(line)s of a CSV file.", line=row.line)
    if row.raised:
        raise_case(case, *row.raised, note, actor)
    if row.outcome:
        record_outcome(case, *row.outcome, note, actor)
    if row.closed_on:
        fire(case, "close", actor, on=row.closed_on, comment=note)
    return case


IMPORTER = Importer(
    title=_l("Import individual detention cases from CSV"), columns=__doc__.split("\n\n", 3)[3],
    required=("facility", "opened_on", "family_name", "issue"),
    works_in=lambda unit: unit.kind is UnitKind.FIELD_OFFICE, read=read, write=write, index="detention.cases_list",
    sample="detention.csv",
)


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    return import_page(IMPORTER)
