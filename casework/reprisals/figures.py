"""Reprisals key figures: cases received and the countries concerned.

Only for the people who work on reprisals (the team and administrators); for everyone else the
section does not exist, so not even a zero tells them whether there are cases. Within it, counts
are of the cases the reader is assigned to, as everywhere (`reprisal_cases_for`)."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import distinct, func, select

from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import Chart, Figure, Section, Series, by_count_then_name, count
from casework.reprisals.access import is_team_member
from casework.reprisals.models import ReprisalCase
from casework.reprisals.queries import reprisal_cases_for


def _link(period: Period, **args) -> str:
    return url_for("reprisals.index", **period.args(), **args)


def key_figures(user, period: Period) -> Section | None:
    if not is_team_member(user):
        return None
    received = reprisal_cases_for(user, start=period.start, end=period.end)
    countries = db.session.scalar(received.with_only_columns(func.count(distinct(ReprisalCase.state_id)))) or 0
    cases = received.with_only_columns(ReprisalCase.state_id.label("state_id")).subquery()
    counted = dict(db.session.execute(select(cases.c.state_id, func.count()).group_by(cases.c.state_id)).all())
    per_country = by_count_then_name(counted)
    figures = [
        Figure(_("New reprisals cases"), count(received), _link(period)),
        Figure(_("Countries concerned"), countries, _link(period), note=_("by the cases received in the period")),
    ]
    chart = Chart("reprisals_by_country", _("Reprisals cases received, by country"),
                  [name for _id, name in per_country], [
        Series(_("Cases"), [counted[state_id] for state_id, _name in per_country],
               [_link(period, state=state_id) for state_id, _name in per_country]),
    ], x_title=_("Cases"), y_title=_("Country"), horizontal=True, empty_text=_("No case received in the period."))
    return Section("reprisals", _("Reprisals"), figures, [chart],
                   note=_("Strictly confidential: shown only to the reprisals team, counting the cases you may "
                          "see."))
