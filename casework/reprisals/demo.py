"""Demonstration reprisals cases, across States, at every step, with consent and risk recorded.

All are assigned to the demo team officer (who opens them) and to the team's demo supervisor, who
takes the decisions that need a supervisor's approval (the inclusions in the annual report).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role
from casework.auth.session import find_user
from casework.core.audit import acting_as
from casework.core.cases import Case
from casework.core.persons import Sex
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import fire
from casework.extensions import db
from casework.reprisals import operations as ops
from casework.reprisals.models import (
    ActCategory, ActionKind, Annex, ConsentScope, ReprisalCase, RiskLevel, UNBody, VictimKind,
)

MARKER = "Lawyer detained after briefing the Committee against Torture"
SUPERVISOR = ("reprisals.supervisor@ohchr.example.org", "Amara Diallo",
              "reprisals team supervisor (decides inclusion in the annual report)")

# title, State, body engaged, engagement, victim, acts, consent scope (None: none yet), risk,
# how far the case goes, inclusions (year, annex)
CASES = [
    (MARKER, "EGY", UNBody.TREATY_BODY, "Committee against Torture", "briefed the Committee in a private meeting",
     ops.VictimInput(VictimKind.INDIVIDUAL, family_name="Mansour", given_names="Karim", sex=Sex.MALE,
                     description="human rights lawyer"),
     [(ActCategory.DETENTION, date(2026, 6, 3), "Arrested at Cairo airport on his return from Geneva."),
      (ActCategory.TRAVEL_BAN, date(2026, 6, 3), "")],
     ConsentScope.MAY_BE_NAMED, RiskLevel.HIGH, "included", [(2027, Annex.NEW)]),
    ("Defender threatened after the universal periodic review", "VEN", UNBody.UPR, "", "submitted a stakeholder report",
     ops.VictimInput(VictimKind.INDIVIDUAL, family_name="Rojas", given_names="Daniela", sex=Sex.FEMALE,
                     description="woman human rights defender"),
     [(ActCategory.THREATS, date(2026, 7, 14), "Threatening messages naming her UPR submission."),
      (ActCategory.SURVEILLANCE, date(2026, 8, 1), "")],
     ConsentScope.COUNTRY_ONLY, RiskLevel.MEDIUM, "included", [(2027, Annex.NEW)]),
    ("NGO deregistered after cooperating with a special rapporteur", "BLR", UNBody.SPECIAL_PROCEDURE,
     "Special Rapporteur on the situation of human rights in Belarus", "provided information",
     ops.VictimInput(VictimKind.ORGANISATION, name="Viasna Legal Aid Centre"),
     [(ActCategory.NGO_DEREGISTRATION, date(2026, 9, 2), "")],
     ConsentScope.NO_DETAILS, RiskLevel.HIGH, "included", [(2027, Annex.NEW)]),
    ("Relatives of a witness before the Council harassed", "NIC", UNBody.HUMAN_RIGHTS_COUNCIL,
     "Group of Human Rights Experts on Nicaragua", "testified",
     ops.VictimInput(VictimKind.GROUP, name="Family of a witness", minor=True),
     [(ActCategory.THREATS_TO_RELATIVES, date(2026, 5, 20), "")],
     ConsentScope.MAY_BE_NAMED, RiskLevel.HIGH, "revoked", [(2027, Annex.NEW)]),
    ("Mother of a disappeared student arrested on her way to Geneva", "MEX", UNBody.TREATY_BODY,
     "Committee on Enforced Disappearances", "urgent action request",
     ops.VictimInput(VictimKind.INDIVIDUAL, family_name="Ruiz Soto", given_names="Guadalupe", sex=Sex.FEMALE,
                     description="mother of a disappeared person"),
     [(ActCategory.DETENTION, date(2025, 3, 10), "Held for two days."),
      (ActCategory.SMEAR_CAMPAIGN, date(2026, 10, 5), "Local officials called her a liar on the radio.")],
     ConsentScope.MAY_BE_NAMED, RiskLevel.MEDIUM, "included", [(2025, Annex.NEW), (2027, Annex.FOLLOW_UP)]),
    ("Journalist's accreditation to the Council session denied", "BHR", UNBody.HUMAN_RIGHTS_COUNCIL, "",
     "sought accreditation",
     ops.VictimInput(VictimKind.INDIVIDUAL, family_name="Al-Sayed", given_names="Huda", sex=Sex.FEMALE,
                     foreign_national=True),
     [(ActCategory.DENIAL_OF_ACCREDITATION, date(2026, 9, 30), "")],
     None, RiskLevel.LOW, "assessing", []),
]


def load_demo() -> list[tuple[str, str]]:
    """Add the team's demo supervisor and the demo cases; returns the account to print."""
    unit = db.session.scalar(select(Unit).where(Unit.code == "REPRISALS"))
    if unit is None:
        return []
    supervisor = _supervisor(unit)
    accounts = [(SUPERVISOR[0], SUPERVISOR[2])]
    if db.session.scalar(select(ReprisalCase.id).where(ReprisalCase.title == MARKER)):
        return accounts
    officer = find_user("reprisals.officer@ohchr.example.org")
    if officer is None:
        return accounts
    states = {s.iso3: s for s in db.session.scalars(select(State).where(
        State.iso3.in_([row[1] for row in CASES])))}
    with acting_as(officer.id):
        for row in CASES:
            if row[1] in states:
                _case(unit, officer, supervisor, states[row[1]], *row)
    db.session.flush()
    return accounts


def _supervisor(unit: Unit):
    """The team's supervisor, made a member before any case is opened, so each case is assigned to her."""
    from casework.demo import DEMO_PASSWORD

    email, name, _description = SUPERVISOR
    user = find_user(email) or save_user(None, name, email, DEMO_PASSWORD, False, False, True)
    if not any(m.unit_id == unit.id for m in user.memberships):
        set_membership(user, unit, Role.SUPERVISOR)
    db.session.flush()
    return user


def _case(unit, officer, supervisor, state, title, _iso3, body, body_name, engagement, victim, acts, scope,
          risk, stage, inclusions) -> None:
    received = min(day for _c, day, _d in acts)
    case = ops.create_case(ops.Allegation(
        title=title, state_id=state.id, received_on=received, engaged_body=body, engaged_body_name=body_name,
        engagement_type=engagement, trigger=f"Cooperation with the United Nations: {engagement}.",
        summary=f"{title}. Information received from a civil society partner and confirmed with those concerned."),
        [victim], unit, officer)
    for category, day, description in acts:
        ops.add_act(case, category, day, description, officer)
    fire(case, "assess", officer, on=received)
    ops.assess_risk(case, risk, received, "Contact kept through the field presence; weekly check-in.", officer)
    if scope is not None:
        ops.record_consent(case, informed=True, scope=scope, given_by="The victim", given_on=received, actor=officer)
    if stage == "assessing":
        return
    fire(case, "verify", officer, on=received)
    fire(case, "verified", officer, on=received)
    ops.record_action(case, ActionKind.RAISED_WITH_STATE, received, "The Mission acknowledged receipt.", officer)
    ops.record_action(case, ActionKind.JOINT_LETTER, received, "Joint communication sent by mandate holders.", officer)
    latest = max(day for _c, day, _d in acts)
    for year, annex in inclusions:
        decided = date(year, 5, 15) if year < 2027 else latest  # this year's decision, on what is known now
        fire(case, "consider_inclusion" if case.status == "action" else "yearly_review", officer, on=decided)
        ops.decide_inclusion(case, year, annex, supervisor, on=decided)
    if stage == "revoked":
        ops.revoke_consent(case.consents[-1], date(2026, 11, 2), officer)
    if state.iso3 == "MEX":
        _link_urgent_action(case, officer)


def _link_urgent_action(case: ReprisalCase, officer) -> None:
    """The mother's son is the subject of a demo urgent action, if that module's demo is there:
    linked by the team officer, by its reference, as the team links a case of another procedure."""
    reference = db.session.scalar(select(Case.reference).where(Case.case_type == "urgent_action",
                                                               Case.reference.is_not(None)).order_by(Case.id).limit(1))
    if reference:
        ops.link_case(case, reference, "Her son's disappearance (CED urgent action)", officer)
