"""The committee's backlog and workload: what is pending, for how long, and what is overdue.

Every figure is a count over the visible communications, and every figure has a list behind it:
`list_filters()` gives the same condition to the committee list, so a number and its list never
disagree.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, String, and_, case, exists, func, select

from casework.communications.models import GRADE_LABELS, Communication, CommunicationStatus as S, FollowUpRound, Grade
from casework.core.cases import Case
from casework.core.deadlines import Deadline, add_months
from casework.core.permissions import visible_in_unit
from casework.extensions import db
from casework.figures.sections import Chart, Series

PENDING = (S.RECEIVED, S.CLARIFICATION_REQUESTED, S.REGISTERED, S.TRANSMITTED, S.OBSERVATIONS_RECEIVED,
           S.COMMENTS_REQUESTED, S.READY_FOR_DECISION, S.ADMISSIBLE)
AGES = {"under_1": _l("under 1 year"), "1_2": _l("1–2 years"), "2_4": _l("2–4 years"), "over_4": _l("over 4 years")}
UNGRADED = "none"
OVERDUE_KINDS = ("state_observations", "author_comments")
# How a State's implementation of the Views reads: satisfactory in green, partly so or not in amber,
# no cooperation or measures against the Views in a sombre red; not yet graded in grey.
GRADE_TONES = {Grade.A: "good", Grade.B: "held", Grade.C: "held", Grade.D: "grave", Grade.E: "grave"}


def _age_bounds(today: date) -> dict[str, tuple[date | None, date | None]]:
    """Age bucket → (received after, received on or before), counted from receipt."""
    one, two, four = (add_months(today, -12 * years) for years in (1, 2, 4))
    return {"under_1": (one, None), "1_2": (two, one), "2_4": (four, two), "over_4": (None, four)}


def age_condition(bucket: str, today: date) -> ColumnElement[bool]:
    after, until = _age_bounds(today)[bucket]
    conditions = []
    if after is not None:
        conditions.append(Communication.received_on > after)
    if until is not None:
        conditions.append(Communication.received_on <= until)
    return and_(*conditions)


def overdue_condition(kind: str, today: date) -> ColumnElement[bool]:
    return exists().where(Deadline.case_id == Communication.id, Deadline.kind == kind,
                          Deadline.closed_at.is_(None), Deadline.due_on < today)


def _latest_grade() -> ColumnElement[str]:
    """The grade of a case's latest follow-up round ("none" before any grade), per case record."""
    latest = (select(FollowUpRound.grade).where(FollowUpRound.communication_id == Case.id)
              .order_by(FollowUpRound.number.desc()).limit(1).correlate(Case).scalar_subquery())
    return func.coalesce(latest, UNGRADED, type_=String)


def grade_condition(grade: str) -> ColumnElement[bool]:
    """On the case record (its status) and its follow-up rounds."""
    return and_(Case.status == S.FOLLOW_UP, _latest_grade() == grade)


@dataclass
class Backlog:
    by_stage: dict[str, dict[str, int]]  # status → age bucket → count
    overdue_observations: int
    overdue_comments: int
    follow_up_by_grade: dict[str, int]

    def stage_total(self, status: str) -> int:
        return sum(self.by_stage.get(status, {}).values())


def backlog(user, committee_id: int, today: date | None = None) -> Backlog:
    today = today or date.today()
    # Every count starts from the committee's case records, so the (unit, status) index serves it.
    visible = and_(Case.unit_id == committee_id, visible_in_unit(user, committee_id, Case.id))
    overdue = _overdue(visible, today)
    return Backlog(_by_stage(visible, committee_id, today), overdue.get("state_observations", 0),
                   overdue.get("author_comments", 0), _by_grade(visible))


def _by_stage(visible: ColumnElement[bool], committee_id: int, today: date) -> dict[str, dict[str, int]]:
    """Grouped by stage alone, in the order the (unit, status) index gives, each age bucket summed
    beside the count: grouping by stage and age would sort every pending case first."""
    bounds = _age_bounds(today)
    received = Communication.__table__.c.received_on
    younger = ("under_1", "1_2", "2_4")  # each bound older than the last: the sums are cumulative
    rows = db.session.execute(
        select(Case.status, func.count(), *(func.sum(case((received > bounds[bucket][0], 1), else_=0))
                                            for bucket in younger))
        .select_from(Case).join(Communication.__table__, Communication.__table__.c.id == Case.id)
        .where(visible, Communication.committee_id == committee_id, Case.status.in_(PENDING))
        .group_by(Case.status)
    )
    by_stage: dict[str, dict[str, int]] = {}
    for status, total, *within in rows:
        counts = zip((*younger, "over_4"), (*within, total), (0, *within))
        by_stage[status] = {bucket: upto - below for bucket, upto, below in counts if upto - below}
    return by_stage


def _by_grade(visible: ColumnElement[bool]) -> dict[str, int]:
    grade = _latest_grade()
    return dict(db.session.execute(
        select(grade, func.count()).select_from(Case).where(visible, Case.status == S.FOLLOW_UP).group_by(grade)
    ).all())


def _overdue(visible: ColumnElement[bool], today: date) -> dict[str, int]:
    """Driven from the open deadlines (indexed by kind) rather than from every case."""
    return dict(db.session.execute(
        select(Deadline.kind, func.count(func.distinct(Deadline.case_id))).select_from(Deadline)
        .join(Case, Case.id == Deadline.case_id)
        .where(visible, Case.status.in_(PENDING), Deadline.kind.in_(OVERDUE_KINDS), Deadline.closed_at.is_(None),
               Deadline.due_on < today)
        .group_by(Deadline.kind)
    ).all())


def charts(figures: Backlog, committee_id: int, stage_label: Callable[[str], str]) -> tuple[Chart, Chart]:
    """The backlog drawn: each stage's pending cases as one bar, its segments darkening with the time
    since receipt; and the cases under follow-up by their latest grade. Each bar links to the list
    `list_filters()` reads with the same condition."""
    stages = [stage.value for stage in PENDING]
    by_age = Chart("backlog_by_age", _("Pending cases by stage and time since receipt"),
                   [stage_label(stage) for stage in stages], [
                       Series(str(label), [figures.by_stage.get(stage, {}).get(age, 0) for stage in stages],
                              [_list(committee_id, status=stage, age=age) for stage in stages], tone=f"age-{n}")
                       for n, (age, label) in enumerate(AGES.items(), start=1)
                   ], y_title=_("Stage"), horizontal=True, stacked=True, empty_text=_("No pending case."))
    grades = [*Grade, UNGRADED]
    by_grade = Chart("follow_up_by_grade", _("Under follow-up, by latest grade"),
                     [str(GRADE_LABELS[g]) if g in GRADE_LABELS else _("not graded") for g in grades], [
                         Series(_("Cases"), [figures.follow_up_by_grade.get(g, 0) for g in grades],
                                [_list(committee_id, grade=g) for g in grades], tone="accent",
                                tones=[GRADE_TONES.get(g, "pending") for g in grades]),
                     ], y_title=_("Latest grade"), horizontal=True, empty_text=_("No case under follow-up."))
    return by_age, by_grade


def _list(committee_id: int, **args: str) -> str:
    return url_for("communications.index", committee=committee_id, **args)
