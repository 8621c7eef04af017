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
from sqlalchemy import ColumnElement, Select, String, and_, case, exists, func, literal, select

from casework.communications.models import GRADE_LABELS, Communication, CommunicationStatus as S, FollowUpRound, Grade
from casework.core.cases import Case
from casework.core.deadlines import Deadline, add_months
from casework.core.tallies import NO_DAY, Tally, Watch, register, visible_counts
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
    overdue = _overdue(user, committee_id, today)
    return Backlog(_by_stage(user, committee_id, today), overdue.get("state_observations", 0),
                   overdue.get("author_comments", 0), _by_grade(user, committee_id))


def stage_count(user, committee_id: int, status: str | None, age: str | None, today: date) -> int:
    """How many of the committee's communications `user` sees in `status` and received within the
    age bucket `age` (either None: any); what the list with only these filters counts."""
    counts = visible_counts(STAGES.name, user, committee_id)
    stmt = select(func.coalesce(func.sum(counts.c.n), 0))
    if status:
        stmt = stmt.where(counts.c.key == status)
    if age:
        after, until = _age_bounds(today)[age]
        stmt = stmt.where(*([counts.c.day > after] if after else []), *([counts.c.day <= until] if until else []))
    return int(db.session.scalar(stmt))


def _by_stage(user, committee_id: int, today: date) -> dict[str, dict[str, int]]:
    """Each pending stage's count beside its cumulative counts received after each age bound."""
    bounds = _age_bounds(today)
    counts = visible_counts(STAGES.name, user, committee_id)
    younger = ("under_1", "1_2", "2_4")  # each bound older than the last: the sums are cumulative
    rows = db.session.execute(
        select(counts.c.key, func.sum(counts.c.n), *(func.sum(case((counts.c.day > bounds[bucket][0], counts.c.n),
                                                                   else_=0)) for bucket in younger))
        .where(counts.c.key.in_([stage.value for stage in PENDING])).group_by(counts.c.key)
    )
    by_stage: dict[str, dict[str, int]] = {}
    for status, total, *within in rows:  # sums, which PostgreSQL gives as decimals
        total, within = int(total), [int(n) for n in within]
        counted = zip((*younger, "over_4"), (*within, total), (0, *within))
        if total:
            by_stage[status] = {bucket: upto - below for bucket, upto, below in counted if upto - below}
    return by_stage


def _by_grade(user, committee_id: int) -> dict[str, int]:
    counts = visible_counts(GRADES.name, user, committee_id)
    return {grade: int(n) for grade, n in db.session.execute(
        select(counts.c.key, func.sum(counts.c.n)).group_by(counts.c.key)) if n}


def _overdue(user, committee_id: int, today: date) -> dict[str, int]:
    counts = visible_counts(OPEN_REPLIES.name, user, committee_id)
    return {kind: int(n) for kind, n in db.session.execute(
        select(counts.c.key, func.sum(counts.c.n)).where(counts.c.day < today).group_by(counts.c.key)) if n}


# ---------------------------------------------------------------------------
# The tallies the figures read (casework.core.tallies), each declared as the query that counts
# its cases; the lists behind the figures ask the same questions of the cases themselves.
# ---------------------------------------------------------------------------

def communication_rows(*columns) -> Select:
    """(unit_id, confidential, *columns) of each communication: the start of its tallies."""
    return select(Case.unit_id, Case.confidential, *columns).select_from(Case).join(
        Communication.__table__, Communication.__table__.c.id == Case.id)


def _stages_received(condition: ColumnElement[bool]) -> Select:
    """Communications by stage and day received."""
    received = Communication.__table__.c.received_on
    return (communication_rows(Case.status.label("key"), received.label("day"), func.count().label("n"))
            .where(condition).group_by(Case.unit_id, Case.confidential, Case.status, received))


def _open_replies(condition: ColumnElement[bool]) -> Select:
    """Pending communications by the kind of reply they await, on the day its first open deadline
    falls due: so those overdue on a day are the ones counted before it."""
    first = (communication_rows(Deadline.kind.label("key"), func.min(Deadline.due_on).label("day"))
             .join(Deadline, Deadline.case_id == Case.id)
             .where(condition, Case.status.in_(PENDING), Deadline.kind.in_(OVERDUE_KINDS), Deadline.closed_at.is_(None))
             .group_by(Case.id, Case.unit_id, Case.confidential, Deadline.kind).subquery())
    return (select(first.c.unit_id, first.c.confidential, first.c.key, first.c.day, func.count().label("n"))
            .group_by(first.c.unit_id, first.c.confidential, first.c.key, first.c.day))


def _grades(condition: ColumnElement[bool]) -> Select:
    """Communications under follow-up, by their latest grade."""
    grade = _latest_grade()
    return (communication_rows(grade.label("key"), literal(NO_DAY).label("day"), func.count().label("n"))
            .where(condition, Case.status == S.FOLLOW_UP).group_by(Case.unit_id, Case.confidential, grade))


def _deadline_case(deadline: Deadline) -> int | None:
    return deadline.case_id if deadline.case_id is not None else getattr(deadline.case, "id", None)


def _round_case(follow_up: FollowUpRound) -> int | None:
    if follow_up.communication_id is not None:
        return follow_up.communication_id
    return getattr(follow_up.communication, "id", None)


# A case moves in these tallies when its stage, its unit, its confidentiality or the day it was
# received changes; or when a reply clock of the kinds counted, or a follow-up round, does.
_CASE = ("status", "unit_id", "confidential")
STAGES = register(Tally("communication_stages", _stages_received, {
    Communication: Watch(lambda c: c.id, (*_CASE, "received_on"))}))
OPEN_REPLIES = register(Tally("communication_open_replies", _open_replies, {
    Communication: Watch(lambda c: c.id, _CASE),
    Deadline: Watch(_deadline_case, ("case_id", "closed_at", "due_on", "kind"), lambda d: d.kind in OVERDUE_KINDS)}))
GRADES = register(Tally("communication_grades", _grades, {
    Communication: Watch(lambda c: c.id, _CASE),
    FollowUpRound: Watch(_round_case, ("communication_id", "number", "grade"))}))


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
