"""A small case type used only by the tests of the shared machinery.

It lives in the `cases` table (single-table subclass), so it adds nothing to the schema.
"""
from __future__ import annotations

import enum

from casework.core.cases import Case
from casework.core.deadlines import Period
from casework.core.permissions import Permission
from casework.core.workflow import DeadlineRule, Transition, Workflow, register_workflow


class SampleStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SENT = "sent"
    REPLIED = "replied"
    CLOSED = "closed"


class SampleCase(Case):
    __mapper_args__ = {"polymorphic_identity": "sample_case"}

    @property
    def type_label(self) -> str:
        return "Sample case"


REPLY_DUE = DeadlineRule("reply", "Reply due", Period(months=6))

SAMPLE_WORKFLOW = register_workflow(Workflow(
    case_type="sample_case",
    states=SampleStatus,
    initial=SampleStatus.DRAFT,
    transitions=(
        Transition("submit", "Submit for approval", frozenset({"draft"}), "submitted", Permission.EDIT,
                   required=("reference",)),
        Transition("approve_and_send", "Approve and send", frozenset({"submitted"}), "sent", Permission.APPROVE,
                   opens=(REPLY_DUE,)),
        Transition("return_to_draft", "Return to drafter", frozenset({"submitted"}), "draft", Permission.APPROVE),
        Transition("record_reply", "Record reply", frozenset({"sent"}), "replied", Permission.EDIT,
                   closes=("reply",)),
        Transition("close", "Close", frozenset({"replied"}), "closed", Permission.APPROVE,
                   guard=lambda case, user: None if case.title else "A case needs a title to be closed."),
    ),
))
