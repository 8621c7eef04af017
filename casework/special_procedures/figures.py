"""Special-procedures key figures: the module's figures of the year (`figures_between`) for any
period, and letters and reply rate per State. A letter counts for a State it is addressed to or
copied to, as the list's State filter reads it."""
from __future__ import annotations

from collections import Counter

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import case, distinct, func, select

from casework.core.permissions import visible_cases
from casework.core.tallies import counts_seen_by
from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import Chart, Figure, Section, Series, among, by_count_then_name
from casework.letters.models import LetterAddressee
from casework.special_procedures.models import TYPE_LABELS, Reply, SpCommunication
from casework.special_procedures.queries import YearFigures, figures_between, letters_sent_between
from casework.special_procedures.tallies import ACTOR, LETTERS, REPLIES, STATE, TO, TYPE

TOP_STATES = 20


def _link(period: Period, **args) -> str:
    return url_for("special_procedures.index", **period.args(), **{k: v for k, v in args.items() if v})


def key_figures(user, period: Period) -> Section:
    year, per_state = _tallied(user, period) if period.in_whole_months else _counted(user, period)
    figures = [
        Figure(_("Letters sent"), year.letters_sent, _link(period)),
        *[Figure(_(label), year.by_type[kind.value], _link(period, comm_type=kind.value), level=1)
          for kind, label in TYPE_LABELS.items() if year.by_type.get(kind.value)],
        Figure(_("States addressed"), year.states_addressed, _link(period),
               note=_("by the letters sent in the period")),
        Figure(_("Non-State actors addressed"), year.non_state_actors_addressed, _link(period),
               note=_("companies, financial institutions, armed groups")),
        Figure(_("Replies received"), year.replies_received, _link(period, replied="1"),
               note=_("in the period, whenever the letter was sent; the list shows the letters answered")),
    ]
    return Section("special_procedures", _("Special-procedures communications"), figures,
                   [_per_state(per_state, period)])


PerState = dict[int, tuple[int, int]]  # State → letters sent to it (addressed or copied), of which answered


def _tallied(user, period: Period) -> tuple[YearFigures, PerState]:
    """The counts kept in step with the letters (`casework.special_procedures.tallies`): a few rows
    per type, State and month, however many letters there are."""
    letters = dict(counts_seen_by(LETTERS.name, user, period.start, period.end, by=("key",)))
    by_type = {key.removeprefix(TYPE): n for key, n in letters.items() if key.startswith(TYPE) and n}
    sent: Counter = Counter()
    answered: Counter = Counter()
    for key, n in letters.items():
        if key.startswith(STATE):
            state, replied = key.removeprefix(STATE).split("|")
            sent[int(state)] += n
            answered[int(state)] += n if replied == "1" else 0
    replies = sum(n for _key, n in counts_seen_by(REPLIES.name, user, period.start, period.end, by=("key",)))
    year = YearFigures(period.start.year, sum(by_type.values()), _named(letters, TO), _named(letters, ACTOR),
                       replies, by_type)
    return year, {state: (n, answered[state]) for state, n in sent.items() if n}


def _named(letters: dict[str, int], kind: str) -> int:
    """How many States (actors) the letters counted went to."""
    return sum(1 for key, n in letters.items() if key.startswith(kind) and n)


def _counted(user, period: Period) -> tuple[YearFigures, PerState]:
    """The counts taken from the letters themselves, for a period that is not made of whole months:
    the letters the reader may see that were sent in the period, read once for every figure."""
    sent = letters_sent_between(period.start, period.end, visible_cases(user, SpCommunication))
    year = figures_between(period.start, period.end, visible_cases(user, SpCommunication), sent)
    return year, _letters_per_state([letter_id for letter_id, _kind in sent])


def _letters_per_state(sent: list[int]) -> PerState:
    """Letters sent and answered per State addressed or copied."""
    # The States addressed and the States copied are rows of the same table.
    pairs = select(LetterAddressee.letter_id.label("communication_id"), LetterAddressee.state_id) \
        .where(among(LetterAddressee.letter_id, sent), LetterAddressee.state_id.is_not(None)).subquery()
    replied = case((pairs.c.communication_id.in_(select(Reply.communication_id)), pairs.c.communication_id))
    letters = func.count(distinct(pairs.c.communication_id))
    return {state_id: (sent_to, answered) for state_id, sent_to, answered in db.session.execute(
        select(pairs.c.state_id, letters, func.count(distinct(replied))).group_by(pairs.c.state_id))}


def _per_state(counted: PerState, period: Period) -> Chart:
    """Letters sent and answered per State addressed or copied, the twenty with the most letters."""
    rows = [(state_id, name, *counted[state_id]) for state_id, name in
            by_count_then_name({state_id: n for state_id, (n, _answered) in counted.items()}, TOP_STATES)]
    return Chart("letters_per_state", _("Letters sent and answered per State"), [r[1] for r in rows], [
        Series(_("Letters sent"), [r[2] for r in rows], [_link(period, state=r[0]) for r in rows], tone="accent"),
        Series(_("Letters answered"), [r[3] for r in rows], tone="good"),
        Series(_("Reply rate"), [r[3] / r[2] if r[2] else 0 for r in rows], percent=True, charted=False),
    ], x_title=_("Letters"), y_title=_("State"), horizontal=True,
        empty_text=_("No letter sent in the period."))


def letters_by_type(section: Section) -> Chart:
    """The letters sent by type, drawn from the section's own figures (and their links)."""
    kinds = [f for f in section.figures if f.level == 1]
    return Chart("letters_by_type", _("Letters sent, by type"), [f.label for f in kinds], [
        Series(_("Letters sent"), [f.value for f in kinds], [f.url for f in kinds], tone="accent"),
    ], y_title=_("Type"), horizontal=True, empty_text=_("No letter sent in the period."))
