"""The communication workflow, and the co-signature workflow of each mandate on the letter,
declared on the engine.

draft → in co-signature (the invited mandates approve or decline) → approved by the lead mandate
holder → sent (references allocated, signature blocks fixed, one PDF per addressee; reply due in
60 days) → published at sent + 60 days by the daily job, or earlier with a press release →
included in a Human Rights Council report → closed. Replies are recorded at any time after sending
and do not move the state.

Each invited mandate's co-signature is a part of the communication with a workflow of its own:
invited → approved or declined by the mandate's holder while the letter is in co-signature;
invited again when the letter returns to drafting (an approval) or when the drafter invites a
mandate that had declined. Its transitions show in the communication's history.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.deadlines import Period
from casework.core.permissions import Permission
from casework.core.workflow import DeadlineRule, Transition, Workflow
from casework.core.writes import Refused
from casework.special_procedures.models import (
    PUBLICATION_DAYS, CommunicationType, CoSignature, CoSignatureStatus, SpCommunication, SpCommunicationStatus,
)
from casework.special_procedures.permissions import can_decide

S = SpCommunicationStatus
REPLY_DEADLINE = "sp_reply"
REPLY_DUE = DeadlineRule(REPLY_DEADLINE, _l("Reply due"), Period(days=PUBLICATION_DAYS))


def incomplete(comm: SpCommunication, user=None) -> str | None:
    """What the letter still lacks before the mandates can sign it, or None."""
    if not comm.recipients:
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

    reset_approvals(comm, actor)


COMMUNICATION_WORKFLOW = Workflow(
    case_type="sp_communication",
    states=SpCommunicationStatus,
    initial=S.DRAFT,
    labels={S.IN_COSIGNATURE: _l("In co-signature"), S.APPROVED: _l("Approved, ready to send"),
            S.IN_REPORT: _l("Included in a Council report")},
    transitions=(
        Transition("start_cosignature", _l("Send to the co-signing mandates"), frozenset({S.DRAFT}), S.IN_COSIGNATURE,
                   guard=_invitations_out),
        Transition("approve", _l("Approve as lead mandate"), frozenset({S.DRAFT, S.IN_COSIGNATURE}), S.APPROVED,
                   Permission.APPROVE, guard=all_cosigned),
        Transition("return_to_draft", _l("Return to drafting"), frozenset({S.IN_COSIGNATURE, S.APPROVED}), S.DRAFT,
                   after=_after_return),
        # Sent from the sending form (operations.send_communication): references, blocks, PDFs.
        Transition("send", _l("Send"), frozenset({S.APPROVED}), S.SENT, guard=all_cosigned, opens=(REPLY_DUE,),
                   manual=False),
        Transition("publish", _l("Publish (60 days after sending)"), frozenset({S.SENT}), S.PUBLISHED, manual=False),
        Transition("publish_with_press_release", _l("Publish with a press release"), frozenset({S.SENT}), S.PUBLISHED,
                   required=("press_release_on",), manual=False),
        Transition("include_in_report", _l("Include in a Council report"), frozenset({S.PUBLISHED}), S.IN_REPORT,
                   required=("report_session",), manual=False),
        Transition("close", _l("Close"), frozenset({S.IN_REPORT}), S.CLOSED, Permission.APPROVE),
    ),
)


def holder_decides(cosignature: CoSignature, user) -> Refused | None:
    """The holder of the mandate decides (anyone else is refused for who they are, 403), and only
    while the letter is with the co-signing mandates."""
    comm = cosignature.communication
    if not can_decide(user, cosignature):
        return Refused(_("Only the holder of %(mandate)s decides for it.", mandate=cosignature.mandate.name),
                       forbidden=True)
    if comm.status != S.IN_COSIGNATURE:
        return Refused(_("The letter is not with the co-signing mandates now (it is %(state)s).",
                         state=comm.status_label.lower()))
    return None


def _decision_cleared(cosignature: CoSignature, actor) -> None:
    cosignature.decided_by_id, cosignature.decided_at, cosignature.comment = None, None, ""


C = CoSignatureStatus
COSIGNATURE_WORKFLOW = Workflow(
    case_type=CoSignature.workflow_key,
    title=_l("Co-signature"),
    states=CoSignatureStatus,
    initial=C.INVITED,
    labels={C.LEAD: _l("Lead mandate")},
    # Every holder of an invited mandate reads the letter (VIEW) and no more: the guard decides
    # who signs for the mandate.
    transitions=(
        Transition("approve", _l("Approve and co-sign"), frozenset({C.INVITED}), C.APPROVED, Permission.VIEW,
                   guard=holder_decides),
        Transition("decline", _l("Decline"), frozenset({C.INVITED}), C.DECLINED, Permission.VIEW,
                   guard=holder_decides),
        # The drafter's: a mandate that declined is invited again, or the text may change after
        # the letter went back to drafting and every approval is asked for again.
        Transition("invite_again", _l("Invite again"), frozenset({C.APPROVED, C.DECLINED}), C.INVITED,
                   after=_decision_cleared, manual=False),
    ),
)
