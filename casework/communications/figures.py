"""The petitions' key figures: communications registered and decided, by committee and month;
interim measures; cases under follow-up. Each counts `communications_list`, the committee list's
own query, so every figure and its link show the same cases."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import extract, func, select

from casework.communications.backlog import S
from casework.communications.committees import COMMITTEES
from casework.communications.models import Communication, Decision, DecisionType
from casework.communications.queries import communications_list, dated_condition
from casework.core.cases import Case
from casework.core.units import Unit
from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import (
    Chart, Figure, Section, Series, count, month_labels, per_month, starting_from,
)

DECISION_LABELS = {
    DecisionType.VIEWS_VIOLATION: "Views – violation", DecisionType.VIEWS_NO_VIOLATION: "Views – no violation",
    DecisionType.INADMISSIBLE: "Inadmissible", DecisionType.DISCONTINUED: "Discontinued",
    DecisionType.ADMISSIBLE: "Admissible (merits to follow)", DecisionType.FRIENDLY_SETTLEMENT: "Friendly settlement",
}


def _ids(user, period: Period, dated: str = "registered", **filters):
    ids = communications_list(user, committee_id=None, status=None, state_id=None, q=None, dated=dated,
                              start=period.start, end=period.end, **filters)[1]
    return starting_from(ids, select(Communication.id).where(dated_condition(dated, period.start, period.end)))


def _link(period: Period, **args) -> str:
    return url_for("communications.index", **period.args(), **{k: v for k, v in args.items() if v})


def key_figures(user, period: Period) -> Section:
    registered, decided = _ids(user, period), _ids(user, period, "decided")
    per_month_chart = _per_month(user, period, registered, decided)
    by_type = dict(db.session.execute(
        select(Decision.decision_type, func.count(func.distinct(Decision.communication_id)))
        .where(Decision.communication_id.in_(decided), Decision.adopted_on.between(period.start, period.end))
        .group_by(Decision.decision_type)).all())
    figures = [
        # The months cover the period exactly: their sum is the count, without counting again.
        Figure(_("Communications registered"), int(sum(per_month_chart.series[0].values)), _link(period)),
        Figure(_("Communications decided"), count(decided), _link(period, dated="decided"),
               note=_("with a decision adopted in the period")),
        *[Figure(_(label), by_type[kind], _link(period, dated="decided", decision=kind.value), level=1)
          for kind, label in DECISION_LABELS.items() if by_type.get(kind)],
        Figure(_("Interim measures requested"), count(_ids(user, period, "interim_measures")),
               _link(period, dated="interim_measures"), note=_("communications with a request in the period")),
        Figure(_("Under follow-up today"), count(communications_list(
            user, committee_id=None, status=S.FOLLOW_UP.value, state_id=None, q=None)[1].where(
                Case.unit_id.in_(_committee_ids()))),
            url_for("communications.index", status=S.FOLLOW_UP.value), note=_("whatever the period")),
    ]
    return Section("communications", _("Treaty-body communications"), figures,
                   [per_month_chart, _per_committee(user, period, registered, decided)])


def _committee_ids() -> list[int]:
    """Every communication is a committee's: naming the units (as values, not a sub-query) lets the
    database read the (unit, status) index instead of every case."""
    return list(db.session.scalars(select(Unit.id).where(Unit.code.in_(list(COMMITTEES)))))


def _per_month(user, period: Period, registered, decided) -> Chart:
    months = period.months()
    adopted = Decision.adopted_on
    year, month = extract("year", adopted), extract("month", adopted)
    rows = db.session.execute(
        select(year, month, func.count(func.distinct(Decision.communication_id)))
        .where(Decision.communication_id.in_(decided), adopted.between(period.start, period.end))
        .group_by(year, month))
    by_month = {(int(y), int(m)): n for y, m, n in rows}
    return Chart("communications_per_month", _("Communications registered and decided per month"),
                 month_labels(period), [
                     Series(_("Registered"), per_month(registered, Communication.registered_on, period),
                            [_link(m) for m in months]),
                     Series(_("Decided"), [by_month.get((m.start.year, m.start.month), 0) for m in months],
                            [_link(m, dated="decided") for m in months]),
                 ], x_title=_("Month"), y_title=_("Communications"))


def _per_committee(user, period: Period, registered, decided) -> Chart:
    def grouped(ids) -> dict[int, int]:
        return dict(db.session.execute(ids.with_only_columns(Communication.committee_id, func.count(),
                                                             maintain_column_froms=True)
                                       .group_by(Communication.committee_id)).all())

    done, taken = grouped(registered), grouped(decided)
    units = db.session.scalars(select(Unit).where(Unit.code.in_(list(COMMITTEES)),
                                                  Unit.id.in_(set(done) | set(taken))).order_by(Unit.code)).all()
    return Chart("communications_per_committee", _("Communications registered and decided per committee"),
                 [u.code for u in units], [
                     Series(_("Registered"), [done.get(u.id, 0) for u in units],
                            [_link(period, committee=u.id) for u in units]),
                     Series(_("Decided"), [taken.get(u.id, 0) for u in units],
                            [_link(period, committee=u.id, dated="decided") for u in units]),
                 ], x_title=_("Committee"), y_title=_("Communications"), empty_text=_("No registration or decision."))
