"""The two workflows as declared: who fires what, and that every state can be reached and left."""
from __future__ import annotations

import pytest

from casework.core.permissions import Permission
from casework.working_groups.workflow import DATED_STEPS, DETENTION_WORKFLOW, DISAPPEARANCE_WORKFLOW

FINAL = {"closed", "filed", "clarified", "discontinued"}


@pytest.mark.parametrize("workflow, supervisors_only", [
    (DETENTION_WORKFLOW, {"adopt_opinion", "close", "file"}),
    (DISAPPEARANCE_WORKFLOW, {"transmit_urgent", "discontinue"}),
])
def test_supervisor_only_transitions(workflow, supervisors_only):
    assert {t.event for t in workflow.transitions if t.permission is Permission.APPROVE} == supervisors_only


@pytest.mark.parametrize("workflow", [DETENTION_WORKFLOW, DISAPPEARANCE_WORKFLOW])
def test_every_state_is_reached_from_the_start_and_only_final_states_are_dead_ends(workflow):
    reached, frontier = {workflow.initial}, [workflow.initial]
    while frontier:
        state = frontier.pop()
        for t in workflow.transitions:
            if state in t.sources and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == {s.value for s in workflow.states}
    leaving = {s for t in workflow.transitions for s in t.sources if t.target != s}
    assert {s.value for s in workflow.states} - leaving == FINAL & {s.value for s in workflow.states}


def test_dated_steps_are_not_buttons():
    for workflow in (DETENTION_WORKFLOW, DISAPPEARANCE_WORKFLOW):
        for t in workflow.transitions:
            assert (t.event in DATED_STEPS) == (not t.manual) or t.event == "adopt_opinion", t.event
