"""The reprisals workflow and its operations: what is refused, and why."""
from __future__ import annotations

from datetime import date

import pytest

from casework.core.persons import PersonRole
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.reprisals import operations as ops
from casework.reprisals.letters import draft_raising_letter
from casework.reprisals.models import ActionKind, Annex, ConsentScope, ReprisalStatus, VictimKind
from tests.reprisals.conftest import VICTIM_FAMILY


def test_a_new_case_is_confidential_numbered_and_assigned_to_its_officer_and_the_supervisors(make_reprisal, users):
    case = make_reprisal("received")
    assert case.confidential and case.reference == "REP 1/2026"
    assert {a.user_id for a in case.assignments} == {users["officer"].id, users["supervisor"].id}
    [link] = case.person_links
    assert link.role is PersonRole.ALLEGED_VICTIM and link.person.protected_identity


def test_verification_needs_a_risk_assessment_and_consent(make_reprisal, users):
    case = make_reprisal("received")
    fire(case, "assess", users["officer"])
    with pytest.raises(Refused, match="risk assessment and a consent record"):
        fire(case, "verify", users["officer"])


def test_inclusion_needs_an_action_and_a_supervisor(make_reprisal, users):
    case = make_reprisal("assessed")
    fire(case, "verify", users["officer"])
    fire(case, "verified", users["officer"])
    with pytest.raises(Refused, match="at least one action"):
        fire(case, "consider_inclusion", users["officer"])
    ops.record_action(case, ActionKind.RAISED_WITH_STATE, date(2026, 6, 5), "Raised.", users["officer"])
    fire(case, "consider_inclusion", users["officer"])
    with pytest.raises(Refused, match="Your role"):
        ops.decide_inclusion(case, 2027, Annex.NEW, users["officer"])
    ops.decide_inclusion(case, 2027, Annex.NEW, users["supervisor"])
    assert case.status == ReprisalStatus.FOLLOW_UP


def test_inclusion_is_refused_without_valid_consent(make_reprisal, users):
    case = make_reprisal("inclusion_decision")
    ops.revoke_consent(case.consents[0], date(2026, 7, 1), users["officer"])
    with pytest.raises(Refused, match="no valid consent"):
        ops.decide_inclusion(case, 2027, Annex.NEW, users["supervisor"])


def test_annexes_follow_the_case_history(make_reprisal, users):
    case = make_reprisal("inclusion_decision")
    with pytest.raises(Refused, match="Annex II"):
        ops.decide_inclusion(case, 2027, Annex.FOLLOW_UP, users["supervisor"])
    ops.decide_inclusion(case, 2026, Annex.NEW, users["supervisor"])
    fire(case, "yearly_review", users["officer"])
    with pytest.raises(Refused, match="annex II"):
        ops.decide_inclusion(case, 2027, Annex.NEW, users["supervisor"])


def test_actions_wait_for_verification(make_reprisal, users):
    case = make_reprisal("assessed")
    with pytest.raises(ops.Refused):
        ops.record_action(case, ActionKind.PUBLIC_STATEMENT, date(2026, 6, 5), "", users["officer"])


def test_consent_is_revoked_once_and_not_before_it_was_given(make_reprisal, users):
    case = make_reprisal("assessed")
    consent = case.consents[0]
    with pytest.raises(ops.Refused, match="before it was given"):
        ops.revoke_consent(consent, date(2020, 1, 1), users["officer"])
    ops.revoke_consent(consent, date(2026, 7, 1), users["officer"])
    assert case.valid_consent is None
    with pytest.raises(ops.Refused, match="already revoked"):
        ops.revoke_consent(consent, date(2026, 7, 2), users["officer"])


def test_organisations_and_groups_are_victims_too(make_reprisal, users):
    case = make_reprisal("received")
    ops.add_victim(case, ops.VictimInput(VictimKind.ORGANISATION, name="Defenders' Network"), users["officer"])
    with pytest.raises(ops.Refused, match="name of the organisation"):
        ops.add_victim(case, ops.VictimInput(VictimKind.GROUP), users["officer"])
    assert [v.display_name for v in case.victims][-1] == "Defenders' Network"


@pytest.mark.parametrize("scope, named", [(ConsentScope.MAY_BE_NAMED, True), (ConsentScope.COUNTRY_ONLY, False)])
def test_the_letter_to_the_state_names_the_victim_only_with_consent(make_reprisal, users, scope, named):
    case = make_reprisal("verified", scope=scope)
    letter = draft_raising_letter(case, users["officer"])
    db.session.commit()
    assert letter.confidential and letter.parent_id == case.id
    assert [a.name for a in letter.addressees] == ["Permanent Mission of Egypt to the United Nations Office at Geneva"]
    assert (VICTIM_FAMILY.upper() in letter.body.upper()) is named
    assert "detention (2026-06-03)" in letter.body


def test_a_link_needs_a_case_the_actor_can_reach(make_reprisal, users):
    case = make_reprisal("received")
    with pytest.raises(ops.Refused):
        ops.link_case(case, "UA 999999/2026", "", users["officer"])
    with pytest.raises(ops.Refused):
        ops.link_case(case, case.reference, "", users["officer"])
