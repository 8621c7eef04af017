"""Listings and the published statistics of urgent actions, always through the visibility filter."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select

from casework.core import inputs
from casework.core.cases import Case
from casework.core.deadlines import Deadline
from casework.core.permissions import visibility_clause
from casework.core.persons import CasePerson, Person, PersonRole
from casework.core.queries import where_given
from casework.core.states import State, collation_key, page_language
from casework.core.tallies import counts_seen_by
from casework.extensions import db
from casework.figures.period import between, list_period
from casework.urgent_actions.models import CLOSED, OPEN, Located, Outcome, UrgentAction, UrgentActionStatus
from casework.urgent_actions.workflow import DEFAULT_MAX_REMINDERS, REPLY_DEADLINE
from casework.urgent_actions.tallies import STATISTICS

# Registered, open, closed and suspended count urgent actions; the located figures count persons,
# each disappeared person of an urgent action by the outcome recorded for them.
BUCKETS = {
    "registered": _l("Registered"),
    "located": _l("Persons located"),
    "located_alive": _l("Located alive"),
    "located_deceased": _l("Located deceased"),
    "open": _l("Open"),
    "closed": _l("Closed"),
    "suspended": _l("Suspended"),
}


def bucket_clause(bucket: str):
    """The urgent actions one published figure counts."""
    return {
        "registered": UrgentAction.number.is_not(None),
        "located": UrgentAction.id.in_(located_ids()),
        "located_alive": UrgentAction.id.in_(located_ids(Located.ALIVE_AND_FREE, Located.IN_DETENTION)),
        "located_deceased": UrgentAction.id.in_(located_ids(Located.DECEASED)),
        "open": UrgentAction.status.in_([s.value for s in OPEN]),
        "closed": UrgentAction.status.in_([s.value for s in CLOSED]),
        "suspended": UrgentAction.status == UrgentActionStatus.SUSPENDED.value,
    }[bucket]


ALIVE = frozenset({Located.ALIVE_AND_FREE, Located.IN_DETENTION})  # "located alive", as the Committee publishes


def located_ids(*kinds: Located, start: date | None = None, end: date | None = None) -> Select:
    """The urgent actions with a person located (as one of `kinds`, if given; in the span, if given)."""
    stmt = select(Outcome.case_id)
    if kinds:
        stmt = stmt.where(Outcome.outcome.in_([kind.value for kind in kinds]))
    if start or end:
        stmt = stmt.where(*between(Outcome.located_on, start, end))
    return stmt


def not_located_ids() -> Select:
    """The urgent actions with a disappeared person for whom no outcome is recorded."""
    found = select(Outcome.id).where(Outcome.case_id == CasePerson.case_id, Outcome.person_id == CasePerson.person_id)
    return select(CasePerson.case_id).where(CasePerson.role == PersonRole.DISAPPEARED_PERSON, ~found.exists())


def _open_reply(today: date):
    return select(Deadline.case_id).where(
        Deadline.kind == REPLY_DEADLINE, Deadline.closed_at.is_(None), Deadline.due_on < today)


def due_clause(due: str, today: date | None = None):
    """Overdue replies; of those, the ones a reminder is due for, or a meeting with the rapporteurs."""
    today = today or date.today()
    overdue = _open_reply(today)
    if due == "reminder":
        overdue = overdue.where(Deadline.reminders_sent < DEFAULT_MAX_REMINDERS)
    elif due == "meeting":
        overdue = overdue.where(Deadline.reminders_sent >= DEFAULT_MAX_REMINDERS)
    return UrgentAction.id.in_(overdue)


def urgent_actions_for(user, *, q: str = "", state: int | None = None, status: str = "", year: int | None = None,
                       bucket: str = "", due: str = "", group: int | None = None, start: date | None = None,
                       end: date | None = None, dated: str = "", located: str = "") -> Select:
    """The urgent actions `user` may see, narrowed by the list's filters.

    `start`/`end` narrow to those registered in the span (with `dated="located"`: with a person
    located in it); `located` to those with a person found so ("none": a person not located).
    """
    # Urgent actions never belong to another case, so the policy's cheaper top-level form applies.
    stmt = select(UrgentAction).where(visibility_clause(user, UrgentAction))
    if q:
        pattern = f"%{q.strip()}%"
        # Only the disappeared persons are searched: searching the authors would tell who they are.
        named = select(CasePerson.case_id).join(Person, Person.id == CasePerson.person_id).where(
            CasePerson.role == PersonRole.DISAPPEARED_PERSON,
            or_(Person.family_name.ilike(pattern), Person.given_names.ilike(pattern)))
        stmt = stmt.where(or_(UrgentAction.reference.ilike(pattern), UrgentAction.title.ilike(pattern),
                              UrgentAction.id.in_(named)))
    if state:
        stmt = stmt.where(or_(UrgentAction.state_id == state, UrgentAction.second_state_id == state))
    stmt = where_given(stmt, (UrgentAction.status, status), (UrgentAction.registration_year, year))
    if bucket in BUCKETS:
        stmt = stmt.where(bucket_clause(bucket))
    if due:
        stmt = stmt.where(due_clause(due))
    stmt = where_given(stmt, (UrgentAction.group_id, group))
    kinds = (Located(located),) if located in set(Located) else ()
    if dated == "located" and (start or end):
        stmt = stmt.where(UrgentAction.id.in_(located_ids(*kinds, start=start, end=end)))
    else:
        if start or end:
            stmt = stmt.where(*between(UrgentAction.registered_on, start, end))
        if kinds:
            stmt = stmt.where(UrgentAction.id.in_(located_ids(*kinds)))
    if located == "none":
        stmt = stmt.where(UrgentAction.id.in_(not_located_ids()))
    return stmt


@dataclass
class Statistics:
    """The figures the Committee publishes, per registration year and State."""

    rows: list[dict] = field(default_factory=list)  # year, state_id, state, and one count per bucket
    years: list[dict] = field(default_factory=list)  # per year, with the running total of registrations
    states: list[dict] = field(default_factory=list)  # per State, with its share of all registrations
    total: dict = field(default_factory=dict)

    def year_shown(self, asked: int | None) -> int | None:
        """The year the table by year and State shows: the one asked for if it counts any urgent
        action, else the latest. One year at a time, for every year and State together is a
        line per pair, some 2,500 lines once the years have filled in."""
        counted = [y["year"] for y in self.years]
        return asked if asked in counted else max(counted, default=None)

    def rows_of(self, year: int | None) -> list[dict]:
        return [row for row in self.rows if row["registration_year"] == year]


def statistics(user) -> Statistics:
    """Every figure summed from the urgent actions the reader may see by year, State and stage, and
    their persons located by outcome: counts kept in step with the urgent actions
    (`casework.urgent_actions.tallies`), a few lines per State and year however many there are."""
    cells: dict[tuple[int, int], dict] = {}

    def cell_of(year: int, state_id: int) -> dict:
        return cells.setdefault((year, state_id), {"registration_year": year, "state_id": state_id,
                                                   **{b: 0 for b in BUCKETS}})

    for key, n in counts_seen_by(STATISTICS.name, user, by=("key",)):
        kind, year, state_id, value = key.split("|")
        buckets = _buckets_of(value) if kind == "status" else _person_buckets_of(value)
        for bucket in buckets:
            cell_of(int(year), int(state_id))[bucket] += n
    names = {state.id: state.shown_name for state in db.session.scalars(select(State))}
    language = page_language()
    stats = Statistics()
    for cell in cells.values():
        stats.rows.append({**cell, "state": names.get(cell["state_id"], "?")})
    stats.rows.sort(key=lambda r: (-r["registration_year"], -r["registered"], collation_key(r["state"], language)))
    stats.total = _sum(stats.rows)
    running = 0
    for year in sorted({r["registration_year"] for r in stats.rows}):
        totals = _sum([r for r in stats.rows if r["registration_year"] == year])
        running += totals["registered"]
        stats.years.append({"year": year, **totals, "running_total": running})
    by_state = {}
    for row in stats.rows:
        by_state.setdefault((row["state_id"], row["state"]), []).append(row)
    for (state_id, name), rows in by_state.items():
        totals = _sum(rows)
        share = totals["registered"] / stats.total["registered"] if stats.total["registered"] else 0
        stats.states.append({"state_id": state_id, "state": name, **totals, "share": share})
    stats.states.sort(key=lambda s: (-s["registered"], collation_key(s["state"], language)))
    return stats


def _person_buckets_of(outcome: str) -> list[str]:
    """The published figures one person located counts in (as `bucket_clause` finds their request)."""
    return ["located", "located_alive" if outcome in ALIVE else "located_deceased"]


def _buckets_of(status: str) -> list[str]:
    """The published figures one registered urgent action counts in (as `bucket_clause` says)."""
    found = ["registered"]
    if status in OPEN:
        found.append("open")
    elif status in CLOSED:
        found.append("closed")
    elif status == UrgentActionStatus.SUSPENDED:
        found.append("suspended")
    return found


def _sum(rows: list[dict]) -> dict:
    return {b: sum(int(r[b] or 0) for r in rows) for b in BUCKETS}


# The list's sort keys; numbers run in registration order, so the indexed registration date sorts
# them. Table columns, whose NOT NULL lets a "Next" page start from the last row's key.
_table, _case = UrgentAction.__table__.c, Case.__table__.c
LIST_SORTS = {
    "registered": _table.registered_on, "received": _table.received_on,
    "status": _case.status, "updated": _case.updated_at,
}
KEY = _table.id  # the key the urgent actions' own indexes (by day registered) hold


def urgent_actions_from_args(user, args) -> Select:
    """The list's query from its query string: the page and its exports both call this."""
    start, end = list_period(args)
    return urgent_actions_for(
        user, q=args.get("q") or "", state=args.get("state", type=int) or None, status=args.get("status") or "",
        year=args.get("year", type=inputs.year), bucket=args.get("bucket") or "", due=args.get("due") or "",
        group=args.get("group", type=int), start=start, end=end, dated=args.get("dated", ""),
        located=args.get("located", ""))
