"""The communication workflow, declared on the engine.

draft → in co-signature (the invited mandates approve or decline) → approved by the lead mandate
holder → sent (references allocated, signature blocks fixed, one PDF per addressee; reply due in
60 days) → published at sent + 60 days by the daily job, or earlier with a press release →
included in a Human Rights Council report → closed. Replies are recorded at any time after sending
and do not move the state.
"""
from __future__ import annotations

from flask_babel import gettext as _

from casework.core.deadlines import Period
from casework.core.permissions import Permission
from casework.core.workflow import DeadlineRule, Transition, Workflow
from casework.special_procedures.models import (
    PUBLICATION_DAYS, SpCommunication, SpCommunicationStatus, CommunicationType,
)

S = SpCommunicationStatus
REPLY_DEADLINE = "sp_reply"
REPLY_DUE = DeadlineRule(REPLY_DEADLINE, "Reply due", Period(days=PUBLICATION_DAYS))


def incomplete(comm: SpCommunication, user=None) -> str | None:
    """What the letter still lacks before the mandates can sign it, or None."""
    if not comm.addressees:
        return _("Add at least one addressee.")
    if not comm.summary.strip():
        return _("Write the information received.")
    if not comm.question_list:
        return _("Write at least one question to the addressee.")
    if comm.comm_type is CommunicationType.OL and not comm.legislation.strip():
        return _("An other letter names the legislation, policy or practice concerned.")
    if not comm.lead_mandate.holder_name:
        return _("The lead mandate has no holder to sign the letter.")
    return None


def _invitations_out(comm: SpCommunication, user) -> str | None:
    if not comm.pending:
        return _("Invite at least one mandate to co-sign, or approve the letter as the lead mandate alone.")
    return incomplete(comm, user)


def all_cosigned(comm: SpCommunication, user=None) -> str | None:
    """The letter can be approved and sent only when every remaining co-signer has approved."""
    waiting = comm.pending
    if waiting:
        return _("Waiting for %(n)s co-signing mandate(s) to approve: %(names)s.", n=len(waiting),
                 names="; ".join(c.mandate.name for c in waiting))
    return incomplete(comm, user)


def _after_return(comm: SpCommunication, actor) -> None:
    from casework.special_procedures.operations import reset_approvals

    reset_approvals(comm)


COMMUNICATION_WORKFLOW = Workflow(
    case_type="sp_communication",
    states=SpCommunicationStatus,
    initial=S.DRAFT,
    labels={S.IN_COSIGNATURE: "In co-signature", S.APPROVED: "Approved, ready to send",
            S.IN_REPORT: "Included in a Council report"},
    transitions=(
        Transition("start_cosignature", "Send to the co-signing mandates", frozenset({S.DRAFT}), S.IN_COSIGNATURE,
                   guard=_invitations_out),
        Transition("approve", "Approve as lead mandate", frozenset({S.DRAFT, S.IN_COSIGNATURE}), S.APPROVED,
                   Permission.APPROVE, guard=all_cosigned),
        Transition("return_to_draft", "Return to drafting", frozenset({S.IN_COSIGNATURE, S.APPROVED}), S.DRAFT,
                   after=_after_return),
        # Sent from the sending form (operations.send_communication): references, blocks, PDFs.
        Transition("send", "Send", frozenset({S.APPROVED}), S.SENT, guard=all_cosigned, opens=(REPLY_DUE,),
                   manual=False),
        Transition("publish", "Publish (60 days after sending)", frozenset({S.SENT}), S.PUBLISHED, manual=False),
        Transition("publish_with_press_release", "Publish with a press release", frozenset({S.SENT}), S.PUBLISHED,
                   required=("press_release_on",), manual=False),
        Transition("include_in_report", "Include in a Council report", frozenset({S.PUBLISHED}), S.IN_REPORT,
                   required=("report_session",), manual=False),
        Transition("close", "Close", frozenset({S.IN_REPORT}), S.CLOSED, Permission.APPROVE),
    ),
)
