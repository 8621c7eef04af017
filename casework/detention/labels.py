"""The words for detention values, for templates (available there as `detention`)."""
from __future__ import annotations

from casework.detention.forms import (
    CONSENT_LABELS, POPULATION_LABELS, STATUS_LABELS as RECOMMENDATION_STATUSES, flat_errors as errors_of,
)
from casework.detention.models import (
    Access, Assessment, CONDITION_LABELS as CONDITIONS, FACILITY_TYPE_LABELS as FACILITY_TYPES, POPULATION_FIELDS,
    VisitKind,
)
from casework.detention.release_models import (
    CATEGORY_LABELS as CATEGORIES, ISSUE_LABELS as ISSUES, OUTCOME_LABELS as OUTCOMES, RELEASE_OUTCOMES,
    SOURCE_LABELS as SOURCES,
)

ACCESS = {Access.GRANTED: "Granted", Access.RESTRICTED: "Restricted", Access.REFUSED: "Refused"}
ASSESSMENTS = {Assessment.NOT_ASSESSED: "Not assessed", Assessment.ADEQUATE: "Adequate", Assessment.CONCERN: "Concern",
               Assessment.SERIOUS: "Serious"}
KINDS = {VisitKind.FIRST: "First visit", VisitKind.FOLLOW_UP: "Follow-up visit"}
CONSENT = CONSENT_LABELS
POPULATION = POPULATION_LABELS


def visit_statuses() -> list[tuple[str, str]]:
    """(value, label) of every state of a visit, in workflow order, for filters."""
    from casework.detention.workflow import VISIT_WORKFLOW

    return [(s.value, VISIT_WORKFLOW.state_label(s)) for s in VISIT_WORKFLOW.states]


def case_statuses() -> list[tuple[str, str]]:
    """(value, label) of every state of an individual case, for filters."""
    from casework.detention.workflow import CASE_WORKFLOW

    return [(s.value, CASE_WORKFLOW.state_label(s)) for s in CASE_WORKFLOW.states]

__all__ = ["ACCESS", "ASSESSMENTS", "CATEGORIES", "CONDITIONS", "CONSENT", "FACILITY_TYPES", "ISSUES", "KINDS",
           "case_statuses", "errors_of", "visit_statuses",
           "OUTCOMES", "POPULATION", "POPULATION_FIELDS", "RECOMMENDATION_STATUSES", "RELEASE_OUTCOMES", "SOURCES"]
