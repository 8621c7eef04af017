"""The letter workflow: draft → submitted → approved → final PDF → sent → reply received."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.permissions import Permission
from casework.core.workflow import Transition, Workflow
from casework.letters.document import LetterKind
from casework.letters.models import AddresseeKind, Letter, LetterStatus

S = LetterStatus


def ready_to_submit(letter: Letter, user) -> str | None:
    if not letter.recipients:
        return _("Add at least one addressee.")
    if letter.kind is LetterKind.NOTE_VERBALE and any(r.kind is not AddresseeKind.STATE for r in letter.recipients):
        return _("A note verbale goes to Permanent Missions only; write a letter to anyone else.")
    if letter.kind is not LetterKind.NOTE_VERBALE and not letter.signatories:
        return _("A letter needs at least one signatory.")
    return None


def may_approve(letter: Letter, user) -> str | None:
    """Four eyes: neither who drafted nor who submitted the text approves it, and it is complete."""
    if user.id in (letter.drafted_by_id, letter.submitted_by_id):
        return _("A letter must be approved by a supervisor other than its drafter.")
    return ready_to_submit(letter, user)


def has_final_pdf(letter: Letter, user) -> str | None:
    return None if letter.final_pdf_sha256 else _("The final PDF has not been produced yet.")


def _after_submission(letter: Letter, actor) -> None:
    letter.submitted_by_id = actor.id


def _after_approval(letter: Letter, actor) -> None:
    from casework.letters.operations import record_approval

    record_approval(letter, actor)


def _after_reopening(letter: Letter, actor) -> None:
    from casework.letters.operations import clear_approval

    clear_approval(letter)


LETTER_WORKFLOW = Workflow(
    case_type="letter",
    states=LetterStatus,
    initial=S.DRAFT,
    labels={S.FINAL: _l("Final PDF ready"), S.REPLIED: _l("Reply received")},
    transitions=(
        Transition("submit", _l("Submit for approval"), frozenset({S.DRAFT}), S.SUBMITTED, Permission.EDIT,
                   required=("title", "body"), guard=ready_to_submit, after=_after_submission),
        Transition("approve", _l("Approve"), frozenset({S.SUBMITTED}), S.APPROVED, Permission.APPROVE,
                   guard=may_approve, after=_after_approval),
        Transition("return_to_draft", _l("Return to drafter"), frozenset({S.SUBMITTED}), S.DRAFT, Permission.APPROVE),
        Transition("withdraw", _l("Withdraw for changes"), frozenset({S.SUBMITTED}), S.DRAFT, Permission.EDIT),
        Transition("finalise", _l("Final PDF produced"), frozenset({S.APPROVED}), S.FINAL, Permission.APPROVE,
                   guard=has_final_pdf, manual=False),
        Transition("reopen", _l("Reopen for editing"), frozenset({S.APPROVED, S.FINAL}), S.DRAFT, Permission.EDIT,
                   after=_after_reopening),
        Transition("mark_sent", _l("Mark as sent"), frozenset({S.FINAL}), S.SENT, Permission.EDIT,
                   required=("sent_on", "sent_channel"), guard=has_final_pdf, manual=False,
                   dated_by=lambda letter: letter.sent_on, after_undated_steps=True),
        Transition("record_reply", _l("Record the reply"), frozenset({S.SENT}), S.REPLIED, Permission.EDIT,
                   required=("reply_received_on",), manual=False, dated_by=lambda letter: letter.reply_received_on),
    ),
)
