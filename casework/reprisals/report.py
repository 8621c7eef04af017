"""The draft annexes of the Secretary-General's annual report on reprisals.

For one reporting period (1 May – 30 April by default; the end is the unit's
`reprisals_period_end` setting, "MM-DD"), annex I holds the cases decided for that year's report as
new and annex II the follow-up on cases of earlier reports, each grouped by State. A case is written
only to the extent its consent allows, read at the moment the draft is built (so revoking consent
takes it out at once); a case without valid consent is left out and listed for the team instead.
Only cases the reader may see are considered: the draft never shows anyone a case they could not open.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_date, gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casework.core.i18n import enum_label
from casework.core.permissions import visibility_clause
from casework.core.units import Unit
from casework.extensions import db
from casework.reprisals.models import (
    UN_BODY_LABELS, ActionKind, Annex, ConsentScope, Inclusion, ReprisalCase, VictimKind,
)

DEFAULT_PERIOD_END = "04-30"
# Only what was done in public, or by the mechanisms themselves, is told; private démarches and
# protection measures stay in the file.
REPORTED_ACTIONS = frozenset({ActionKind.JOINT_LETTER, ActionKind.RAPPORTEUR_LETTER, ActionKind.PUBLIC_STATEMENT})


@dataclass(frozen=True)
class ReportingPeriod:
    year: int  # the year the period ends, which names the report
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_end(unit: Unit) -> tuple[int, int]:
    """(month, day) the unit's reporting period ends each year."""
    text = str((unit.settings or {}).get("reprisals_period_end") or DEFAULT_PERIOD_END)
    month, _sep, day = text.partition("-")
    return int(month), int(day)


def reporting_period(unit: Unit, year: int) -> ReportingPeriod:
    month, day = period_end(unit)
    end = date(year, month, day)
    start = date(year - 1, month, day) + timedelta(days=1)
    return ReportingPeriod(year, start, end)


def current_report_year(unit: Unit, today: date | None = None) -> int:
    """The report whose period includes today."""
    today = today or date.today()
    month, day = period_end(unit)
    return today.year if today <= date(today.year, month, day) else today.year + 1


# What the annexes tell of a case besides its victims, acts and actions (see `_entry`).
REPORTED_DETAILS = ("state_id", "engaged_body", "engaged_body_name", "engagement_type", "engaged_from",
                    "engaged_to", "summary")


def published_report_year(case: ReprisalCase, today: date | None = None) -> int | None:
    """The latest report the case was included in whose reporting period has ended, if any.

    There is no publication record: a report is taken as published once its period is over, when
    its text goes to the Secretary-General. Its annexes are rebuilt from the case, so from then on
    the details they tell must stay as they were or the file would no longer match the report.
    """
    today = today or date.today()
    ended = [i.report_year for i in case.inclusions if reporting_period(case.unit, i.report_year).end < today]
    return max(ended, default=None)


@dataclass
class Entry:
    """One case as the annex may tell it."""

    case: ReprisalCase
    scope: ConsentScope
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class StateSection:
    state: str
    entries: list[Entry] = field(default_factory=list)
    undescribed: int = 0  # cases whose consent allows no details: counted, not told


@dataclass
class Draft:
    period: ReportingPeriod
    unit: Unit
    annexes: dict[Annex, list[StateSection]]
    excluded: list[tuple[ReprisalCase, str]]  # for the team only, never in the document

    @property
    def is_empty(self) -> bool:
        return not any(self.annexes.values())


def build_draft(user, unit: Unit, year: int) -> Draft:
    period = reporting_period(unit, year)
    cases = db.session.scalars(
        select(ReprisalCase).join(Inclusion, Inclusion.case_id == ReprisalCase.id)
        .where(ReprisalCase.unit_id == unit.id, Inclusion.report_year == year,
               visibility_clause(user, ReprisalCase))
        .options(selectinload(ReprisalCase.consents), selectinload(ReprisalCase.victims),
                 selectinload(ReprisalCase.acts), selectinload(ReprisalCase.actions),
                 selectinload(ReprisalCase.inclusions))
        .order_by(ReprisalCase.reference)
    ).unique().all()
    sections: dict[Annex, dict[str, StateSection]] = {Annex.NEW: {}, Annex.FOLLOW_UP: {}}
    excluded = []
    for case in cases:
        consent = case.valid_consent
        if consent is None:
            excluded.append((case, _why_excluded(case)))
            continue
        annex = next(i.annex for i in case.inclusions if i.report_year == year)
        section = sections[annex].setdefault(case.state.name, StateSection(case.state.name))
        if consent.scope is ConsentScope.NO_DETAILS:
            section.undescribed += 1
        else:
            section.entries.append(_entry(case, consent.scope, annex, period))
    return Draft(period, unit, {a: [s[k] for k in sorted(s)] for a, s in sections.items()}, excluded)


def _why_excluded(case: ReprisalCase) -> str:
    if not case.consents:
        return _("No consent recorded.")
    latest = case.consents[-1]
    if latest.revoked_on is not None:
        return _("Consent revoked on %(d)s.", d=format_date(latest.revoked_on))
    return _("Consent not informed.")


def _entry(case: ReprisalCase, scope: ConsentScope, annex: Annex, period: ReportingPeriod) -> Entry:
    acts = case.acts if annex is Annex.NEW else [a for a in case.acts if a.occurred_on in period]
    actions = [a for a in case.actions if a.kind in REPORTED_ACTIONS and (annex is Annex.NEW or a.taken_on in period)]
    if scope is ConsentScope.MAY_BE_NAMED:
        return Entry(case, scope, _named_heading(case), _named_paragraphs(case, acts, actions))
    return Entry(case, scope, _("Case without names"), [_anonymous_paragraph(case, acts)])


def _named_heading(case: ReprisalCase) -> str:
    return "; ".join(v.display_name + (f" ({v.description})" if v.description else "") for v in case.victims)


def _engagement(case: ReprisalCase) -> str:
    body = case.engaged_body_name or UN_BODY_LABELS[case.engaged_body]
    when = ", ".join(d.isoformat() for d in (case.engaged_from, case.engaged_to) if d)
    what = f"{case.engagement_type} — " if case.engagement_type else ""
    return f"{what}{body}" + (f" ({when})" if when else "")


def _named_paragraphs(case: ReprisalCase, acts, actions) -> list[str]:
    paragraphs = [_("Cooperation with the United Nations: %(e)s.", e=_engagement(case))]
    if case.summary:
        paragraphs.append(case.summary)
    for act in acts:
        paragraphs.append(f"{act.occurred_on.isoformat()}: {_category(act.category)}"
                          + (f". {act.description}" if act.description else "."))
    for action in actions:
        paragraphs.append(f"{action.taken_on.isoformat()}: {action.label}"
                          + (f". {action.outcome}" if action.outcome else "."))
    return paragraphs


def _category(category) -> str:
    return str(enum_label(category))


def _anonymous_paragraph(case: ReprisalCase, acts) -> str:
    """The State, the kind of victim, the UN body and the kinds of act: nothing that names anyone."""
    who = {VictimKind.INDIVIDUAL: _("an individual"), VictimKind.ORGANISATION: _("an organisation"),
           VictimKind.GROUP: _("a group")}
    kinds = sorted({who[v.kind] for v in case.victims}) or [_("a person")]
    minor = _(", including a minor,") if any(v.minor for v in case.victims) else ""
    categories = _listed(sorted({_category(a.category).lower() for a in acts})) or _("intimidation")
    when = _(" in %(m)s", m=_months(sorted(a.occurred_on for a in acts))) if acts else ""
    return _("In %(state)s, %(who)s%(minor)s who cooperated with the United Nations (%(body)s) reportedly "
             "suffered %(acts)s%(when)s.", state=case.state.name, who=_(" and ").join(kinds), minor=minor,
             body=UN_BODY_LABELS[case.engaged_body].lower(), acts=categories, when=when)


def _listed(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s", items=", ".join(items[:-1]), last=items[-1])


def _months(days: list[date]) -> str:
    """The months of these days in order, the year written once after its last month:
    "June, August and September 2026", "December 2026 and January 2027"."""
    years: dict[int, list[str]] = {}
    for day in days:
        months = years.setdefault(day.year, [])
        if format_date(day, "MMMM") not in months:
            months.append(format_date(day, "MMMM"))
    return _listed([f"{_listed(months)} {year}" for year, months in years.items()])
