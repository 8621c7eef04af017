"""Demonstration communications: a few hundred cases across the committees, in every stage.

Built through the real operations and workflow, so numbers, deadlines, history and audit trail are
what the secretariat would see. Deterministic (a fixed seed) and loaded once.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from casework.auth.session import find_user
from casework.communications import interim_measures as im, operations as ops
from casework.communications.models import Communication, CommunicationStatus as S, DecisionType, \
    FollowUpOutcome, NotRegisteredReason
from casework.core.audit import acting_as
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import fire
from casework.extensions import db

CASES_PER_COMMITTEE = {"CCPR": 150, "CAT": 50, "CERD": 15, "CEDAW": 25, "CRPD": 20, "CRC": 20, "CESCR": 12, "CED": 8}
STATES = ["AUS", "CAN", "COL", "DNK", "ESP", "FRA", "KAZ", "MEX", "NLD", "RUS", "SWE", "CHE", "UKR", "BLR",
          "KGZ", "ECU", "ARG", "PER", "TJK", "SEN"]
FAMILY = ["Pérez", "Haddad", "Ivanova", "Nguyen", "Kaya", "Diallo", "Martínez", "Öztürk", "Kuznetsov", "Okafor",
          "García", "Sánchez", "Rahimov", "Novak", "Mendoza", "Touré", "Lefèvre", "Abdullaev", "Quispe", "Jansen"]
GIVEN = ["José", "Samir", "Olga", "Minh", "Deniz", "Aminata", "Lucía", "Emre", "Pavel", "Chidi", "Ana", "Farrukh",
         "Marta", "Élodie", "Rustam", "Rosa", "Pieter", "Yusuf", "Zhanar", "Iván"]
SUBJECTS = [
    ("Deportation to a risk of torture", ["CCPR-7", "CCPR-13"]),
    ("Arbitrary detention and unfair trial", ["CCPR-9", "CCPR-14-1"]),
    ("Conscientious objection to military service", ["CCPR-18"]),
    ("Prohibition of a peaceful assembly", ["CCPR-21"]),
    ("Eviction without adequate alternative housing", ["CESCR-11"]),
    ("Denial of reasonable accommodation at work", ["CRPD-27"]),
]
# The stage each demo case is taken to, weighted towards the long middle of the procedure.
TARGETS = [S.RECEIVED, S.CLARIFICATION_REQUESTED, S.NOT_REGISTERED, S.REGISTERED, S.TRANSMITTED, S.TRANSMITTED,
           S.TRANSMITTED, S.OBSERVATIONS_RECEIVED, S.COMMENTS_REQUESTED, S.READY_FOR_DECISION, S.READY_FOR_DECISION,
           S.ADMISSIBLE, S.DECIDED, S.NOTIFIED, S.PUBLISHED, S.FOLLOW_UP, S.FOLLOW_UP, S.CLOSED]
PATH = [  # (stage reached, what takes the case there)
    (S.TRANSMITTED, "transmit"), (S.OBSERVATIONS_RECEIVED, "receive_observations"),
    (S.COMMENTS_REQUESTED, "request_comments"), (S.READY_FOR_DECISION, "receive_comments"),
]


def load_demo() -> None:
    if db.session.scalar(select(Communication.id).limit(1)) is not None:
        return
    rng = random.Random(2026)
    officer, chief = find_user("ccpr.officer@ohchr.example.org"), find_user("chief@ohchr.example.org")
    states = {s.iso3: s for s in db.session.scalars(select(State).where(State.iso3.in_(STATES)))}
    units = {u.code: u for u in db.session.scalars(select(Unit).where(Unit.code.in_(list(CASES_PER_COMMITTEE))))}
    with acting_as(chief.id):
        for code, count in CASES_PER_COMMITTEE.items():
            for index in range(count):
                _demo_case(rng, units[code], states[rng.choice(STATES)], TARGETS[index % len(TARGETS)],
                           officer if code in ("CCPR", "CAT") else chief, chief)
    db.session.flush()


def _demo_case(rng: random.Random, committee: Unit, state: State, target: str, officer, chief) -> None:
    received = date.today() - timedelta(days=rng.randrange(5, 2700))
    subject, articles = rng.choice(SUBJECTS)
    case = ops.receive_communication(committee, ops.Intake(
        state_id=state.id, received_on=received, submitted_on=received - timedelta(days=rng.randrange(3, 40)),
        authors=[ops.NameInput(rng.choice(FAMILY), rng.choice(GIVEN))], subject_matter=subject,
        articles_invoked=[f"{committee.code}-{article.split('-', 1)[1]}" for article in articles],
        submission_language=rng.choice(["en", "en", "en", "fr", "ru", "es"]),
    ), officer)
    if target == S.RECEIVED:
        return
    if target == S.CLARIFICATION_REQUESTED:
        fire(case, "request_clarification", officer, on=received + timedelta(days=10))
        return
    if target == S.NOT_REGISTERED:
        ops.decline_registration(case, rng.choice(list(NotRegisteredReason)), "Advised of the criteria.", chief)
        return
    registered = min(received + timedelta(days=rng.randrange(20, 200)), date.today())
    ops.register_communication(case, chief, registered)
    if rng.random() < 0.15:
        measure = im.request_interim_measures(case, "not to deport the author while the case is examined",
                                              registered, officer)
        im.decide_interim_measures(measure, rng.choice(["grant", "grant", "refuse"]), chief, registered)
    _examine(rng, case, target, registered, officer, chief)


def _examine(rng: random.Random, case: Communication, target: str, registered: date, officer, chief) -> None:
    """Take a registered case along the procedure to `target`, with dates that keep some clocks overdue."""
    if target == S.REGISTERED:
        return
    day = registered + timedelta(days=rng.randrange(10, 60))
    for stage, event in PATH:
        fire(case, event, chief if event == "transmit" else officer, on=_past(day))
        if stage == target:
            return
        day += timedelta(days=rng.randrange(60, 240))
        if stage == S.TRANSMITTED and target == S.ADMISSIBLE:
            _decide(case, DecisionType.ADMISSIBLE, day, officer)
            return
    violation = target in (S.FOLLOW_UP, S.CLOSED) or rng.random() < 0.5
    decision_type = DecisionType.VIEWS_VIOLATION if violation else rng.choice(
        [DecisionType.VIEWS_NO_VIOLATION, DecisionType.INADMISSIBLE, DecisionType.DISCONTINUED])
    _decide(case, decision_type, day, officer)
    for stage, event in ((S.NOTIFIED, "notify_parties"), (S.PUBLISHED, "publish")):
        if case.status == target:
            return
        fire(case, event, officer, on=_past(day))
    if target == S.PUBLISHED:
        return
    fire(case, "open_follow_up", officer, on=_past(day))
    for _round in range(rng.randrange(1, 3)):
        ops.record_follow_up_round(case, officer, state_reply_on=_past(day + timedelta(days=170)), author_comments_on=None,
                                   grade=rng.choice("ABCDE"), summary="Information on compensation and review.")
    if target == S.CLOSED:
        ops.close_follow_up(case, rng.choice(list(FollowUpOutcome)), chief)


def _decide(case: Communication, decision_type: DecisionType, day: date, officer) -> None:
    session = 120 + (day.year - 2017) * 3 + day.month // 5
    articles = case.articles_invoked[:1] if decision_type is DecisionType.VIEWS_VIOLATION else []
    ops.record_decision(case, ops.DecisionInput(decision_type, _past(day), session,
                                                articles_violated=articles), officer)


def _past(day: date) -> date:
    """Demo dates stay in the past, whatever the random steps added up to."""
    return min(day, date.today())
