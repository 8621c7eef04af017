"""The petitions' key figures: communications registered and decided, by committee and month;
interim measures; cases under follow-up. Each counts `communications_list`, the committee list's
own query, so every figure and its link show the same cases."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select

from casework.communications.backlog import GRADES, S
from casework.communications.committees import COMMITTEES
from casework.communications.models import Communication, Decision, DecisionType
from casework.communications.queries import communications_list, dated_condition
from casework.communications.tallies import ANY, DECIDED, INTERIM_MEASURES, REGISTERED
from casework.core.tallies import Tally, counts_seen_by, first_in
from casework.core.units import Unit
from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import (
    Chart, Figure, Section, Series, among, count, counts_by, ids_where, month_labels, month_of, monthly, rows_of,
    starting_from, tally,
)

DECISION_LABELS = {
    DecisionType.VIEWS_VIOLATION: _l("Views – violation"), DecisionType.VIEWS_NO_VIOLATION: _l("Views – no violation"),
    DecisionType.INADMISSIBLE: _l("Inadmissible"), DecisionType.DISCONTINUED: _l("Discontinued"),
    DecisionType.ADMISSIBLE: _l("Admissible (merits to follow)"), DecisionType.FRIENDLY_SETTLEMENT: _l("Friendly settlement"),
}


def _ids(user, period: Period, dated: str = "registered", **filters):
    ids = communications_list(user, committee_id=None, status=None, state_id=None, q=None, dated=dated,
                              start=period.start, end=period.end, **filters)[1]
    return starting_from(ids, ids_where(Communication, dated_condition(dated, period.start, period.end)))


def _link(period: Period, **args) -> str:
    return url_for("communications.index", **period.args(), **{k: v for k, v in args.items() if v})


@dataclass
class Counts:
    """What the section shows, counted: registrations per (committee, year, month), communications
    decided per committee, per decision type and per (year, month) of adoption, and those with
    interim measures requested."""

    registered: dict[tuple, int]
    decided: dict[int, int]
    by_type: dict[DecisionType, int]
    decided_per_month: dict[tuple, int]
    interim_measures: int


def key_figures(user, period: Period) -> Section:
    counts = _tallied(user, period) if period.in_whole_months else _counted(user, period)
    decided = sum(counts.decided.values())
    figures = [
        Figure(_("Communications registered"), sum(counts.registered.values()), _link(period)),
        Figure(_("Communications decided"), decided, _link(period, dated="decided"),
               note=_("with a decision adopted in the period")),
        *[Figure(_(label), counts.by_type[kind], _link(period, dated="decided", decision=kind.value), level=1)
          for kind, label in DECISION_LABELS.items() if counts.by_type.get(kind)],
        Figure(_("Interim measures requested"), counts.interim_measures,
               _link(period, dated="interim_measures"), note=_("communications with a request in the period")),
        Figure(_("Under follow-up today"), _under_follow_up(user),
               url_for("communications.index", status=S.FOLLOW_UP.value), note=_("whatever the period")),
    ]
    return Section("communications", _("Treaty-body communications"), figures,
                   [_per_month(period, counts.registered, counts.decided_per_month),
                    _per_committee(period, counts.registered, counts.decided)])


def _tallied(user, period: Period) -> Counts:
    """The counts kept in step with the cases (`casework.communications.tallies`): a few rows per
    committee and month, however many communications there are."""
    registered = {(unit, day.year, day.month): n for unit, _key, day, n in _seen(REGISTERED, user, period)}
    decided: Counter = Counter()
    by_type: Counter = Counter()
    per_month: Counter = Counter()
    for unit, key, day, n in _seen(DECIDED, user, period):
        kind, previous = key.split("|")
        if kind == ANY and first_in(previous, day):
            per_month[day.year, day.month] += n
        if first_in(previous, period.start):
            if kind == ANY:
                decided[unit] += n
            else:
                by_type[DecisionType(kind)] += n
    requested = sum(n for _unit, key, _day, n in _seen(INTERIM_MEASURES, user, period)
                    if first_in(key.split("|")[1], period.start))
    return Counts(registered, dict(decided), dict(by_type), dict(per_month), requested)


def _under_follow_up(user) -> int:
    """The communications under follow-up that `user` sees, as the list counts them: the grades'
    tally holds each of them once, under its latest grade, however many there are."""
    return sum(n for _unit, n in counts_seen_by(GRADES.name, user, by=("unit_id",)))


def _seen(tally: Tally, user, period: Period) -> list[tuple]:
    return counts_seen_by(tally.name, user, period.start, period.end)


def _counted(user, period: Period) -> Counts:
    """The counts taken from the communications themselves, for a period that is not made of whole
    months: registrations counted per committee and month by the database; the decided
    communications' rows read once, unpacked rather than read by name (several times faster over
    thousands)."""
    registered = counts_by(_ids(user, period), Communication.committee_id, *month_of(Communication.registered_on))
    decided = rows_of(_ids(user, period, "decided"), Communication.id, Communication.committee_id)
    by_type, per_month = _decisions(period, [case_id for case_id, _committee in decided])
    return Counts(registered, tally(committee for _case_id, committee in decided), by_type, per_month,
                  count(_ids(user, period, "interim_measures")))


def _decisions(period: Period, decided: list[int]) -> tuple[dict, dict[tuple, int]]:
    """How many of the communications decided in the period had a decision of each type, and in each
    month, adopted in it: a communication decided twice counts once, as the list shows it once."""
    adopted = (among(Decision.communication_id, decided), Decision.adopted_on.between(period.start, period.end))
    communications = func.count(distinct(Decision.communication_id))
    by_type = dict(db.session.execute(select(Decision.decision_type, communications).where(*adopted)
                                      .group_by(Decision.decision_type)).all())
    month = month_of(Decision.adopted_on)
    per_month = db.session.execute(select(*month, communications).where(*adopted).group_by(*month))
    return by_type, {(int(year), int(number)): n for year, number, n in per_month}


def _per_month(period: Period, registered: dict[tuple, int], decided: dict[tuple, int]) -> Chart:
    months = period.months()
    return Chart("communications_per_month", _("Communications registered and decided per month"),
                 month_labels(period), [
                     Series(_("Registered"), monthly(registered, period),
                            [_link(m) for m in months]),
                     Series(_("Decided"), monthly(decided, period),
                            [_link(m, dated="decided") for m in months]),
                 ], x_title=_("Month"), y_title=_("Communications"))


def _per_committee(period: Period, registered: dict[tuple, int], taken: dict[int, int]) -> Chart:
    done: Counter = Counter()
    for (committee, _year, _month), n in registered.items():
        done[committee] += n
    units = db.session.scalars(select(Unit).where(Unit.code.in_(list(COMMITTEES)),
                                                  Unit.id.in_(set(done) | set(taken))).order_by(Unit.code)).all()
    return Chart("communications_per_committee", _("Communications registered and decided per committee"),
                 [u.code for u in units], [
                     Series(_("Registered"), [done.get(u.id, 0) for u in units],
                            [_link(period, committee=u.id) for u in units]),
                     Series(_("Decided"), [taken.get(u.id, 0) for u in units],
                            [_link(period, committee=u.id, dated="decided") for u in units]),
                 ], x_title=_("Committee"), y_title=_("Communications"), empty_text=_("No registration or decision."))
