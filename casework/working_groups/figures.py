"""The working groups' key figures: arbitrary-detention opinions adopted (by outcome), and
disappearance cases transmitted (urgent among them) and clarified. Each counts the list's own
query (`cases_for`), so a figure and its link show the same cases."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import func

from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import Chart, Figure, Section, Series, count, month_labels, per_month
from casework.working_groups.models import (
    WGAD_CODE, WGEID_CODE, DetentionCommunication, DisappearanceCase, Opinion, Outcome, Procedure,
)
from casework.working_groups.queries import cases_for, group_unit_id

OUTCOMES = {Outcome.ARBITRARY: _l("arbitrary"), Outcome.NOT_ARBITRARY: _l("not arbitrary"), Outcome.FILED: _l("filed")}
SLUGS = {WGAD_CODE: "arbitrary-detention", WGEID_CODE: "disappearances"}


def _link(code: str, period: Period, **args) -> str:
    return url_for("working_groups.cases", slug=SLUGS[code], **period.args(), **args)


def _detention(user, unit_id: int, period: Period) -> tuple[list[Figure], list[int]]:
    def of(**filters):
        return cases_for(user, DetentionCommunication, unit_id, start=period.start, end=period.end, **filters)

    opined = of(dated="opinion")
    by_outcome = dict(db.session.execute(
        opined.join(Opinion, Opinion.case_id == DetentionCommunication.id)
        .with_only_columns(Opinion.outcome, func.count()).group_by(Opinion.outcome)).all())
    figures = [
        Figure(_("Regular communications received (arbitrary detention)"), count(of()), _link(WGAD_CODE, period)),
        Figure(_("Opinions adopted"), sum(by_outcome.values()), _link(WGAD_CODE, period, dated="opinion")),
        *[Figure(str(label), by_outcome.get(outcome, 0),
                 _link(WGAD_CODE, period, dated="opinion", outcome=outcome.value), level=1)
          for outcome, label in OUTCOMES.items()],
    ]
    months = per_month(opined.join(Opinion, Opinion.case_id == DetentionCommunication.id), Opinion.adopted_on,
                       period)
    return figures, months


def _disappearances(user, unit_id: int, period: Period) -> tuple[list[Figure], list[int]]:
    def of(**filters):
        return cases_for(user, DisappearanceCase, unit_id, start=period.start, end=period.end, **filters)

    transmitted = of(dated="transmitted")
    figures = [
        Figure(_("Disappearance cases transmitted"), count(transmitted),
               _link(WGEID_CODE, period, dated="transmitted")),
        Figure(_("under the urgent procedure"), count(of(dated="transmitted", procedure=Procedure.URGENT.value)),
               _link(WGEID_CODE, period, dated="transmitted", procedure=Procedure.URGENT.value), level=1),
        Figure(_("Disappearance cases clarified"), count(of(dated="clarified")),
               _link(WGEID_CODE, period, dated="clarified")),
    ]
    return figures, per_month(transmitted, DisappearanceCase.transmitted_on, period)


def key_figures(user, period: Period) -> Section | None:
    """None when neither working group is set up in this installation."""
    detention_unit, disappearance_unit = group_unit_id(WGAD_CODE), group_unit_id(WGEID_CODE)
    if detention_unit is None and disappearance_unit is None:
        return None
    figures, series = [], []
    if detention_unit is not None:
        found, months = _detention(user, detention_unit, period)
        figures += found
        series.append(Series(_("Opinions"), months,
                             [_link(WGAD_CODE, month, dated="opinion") for month in period.months()]))
    if disappearance_unit is not None:
        found, months = _disappearances(user, disappearance_unit, period)
        figures += found
        series.append(Series(_("Cases transmitted"), months,
                             [_link(WGEID_CODE, month, dated="transmitted") for month in period.months()]))
    chart = Chart("working_groups_per_month", _("Opinions adopted and disappearance cases transmitted, per month"),
                  month_labels(period), series, x_title=_("Month"), y_title=_("Cases"),
                  empty_text=_("No opinion adopted and no case transmitted in the period."))
    return Section("working_groups", _("Working groups on arbitrary detention and on disappearances"), figures,
                   [chart])


def status_chart(group, counts: dict[str, int], year: int | None) -> Chart:
    """A group's cases by status (of one year of receipt, or all), each bar linked to its list."""
    states = [s.value for s in group.workflow.states]
    links = [url_for("working_groups.cases", slug=group.slug, status=s, year=year) for s in states]
    return Chart(f"{group.slug}_by_status", _("Cases by status"), [group.workflow.state_label(s) for s in states],
                 [Series(_("Cases"), [counts.get(s, 0) for s in states], links, tone="accent")],
                 y_title=_("Status"), horizontal=True, empty_text=_("No case to count."))
