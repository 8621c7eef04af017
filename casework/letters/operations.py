"""Operations on letters: the only code that changes them. They flush; the view commits."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from casework.core import jobs
from casework.core.attachments import attach_file, store_file
from casework.core.cases import Case
from casework.core.db import utcnow
from casework.core.deadlines import Deadline
from casework.core.persons import CasePerson
from casework.core.states import UN_LANGUAGES, State, state_name
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters.models import AddresseeKind, Letter, LetterAddressee, LetterAnnex, LetterSignatory, LetterStatus
from casework.letters.document import LetterKind
from casework.letters.types import LetterContext, letter_type

EDITABLE = {LetterStatus.DRAFT, LetterStatus.SUBMITTED, LetterStatus.APPROVED, LetterStatus.FINAL}


@dataclass
class LetterContent:
    """What the drafting form edits."""

    subject: str
    body: str
    language: str
    reference: str
    letter_date: date | None
    addressee_state_ids: list[int]
    other_addressees: list[tuple[str, str]]  # (name, address) of companies, authors, counsel
    copy_state_ids: list[int]
    signatories: list[tuple[str, str]]  # (name, title)
    annex_title: str = ""
    annex_body: str = ""
    all_missions: bool = False  # a circular to every Permanent Mission, whatever States exist then


def file_stem(letter: Letter) -> str:
    """A safe file name for the letter's PDFs: "AL MEX 3/2026" → "AL_MEX_3-2026"."""
    reference = (letter.reference or f"letter-{letter.id}").replace("/", "-")
    return re.sub(r"[^\w.-]+", "_", reference, flags=re.ASCII).strip("._") or f"letter-{letter.id}"


def case_context(case: Case | None) -> LetterContext:
    """The case data a letter template may use, as plain values."""
    if case is None:
        return LetterContext()
    # Roles the case keeps out of its letters (the authors of an urgent action) are left out here too.
    withheld = getattr(case, "roles_withheld_from_letters", frozenset())
    persons = [link for link in db.session.scalars(select(CasePerson).where(CasePerson.case_id == case.id))
               if link.role not in withheld]
    deadlines = db.session.scalars(
        select(Deadline).where(Deadline.case_id == case.id, Deadline.closed_at.is_(None)).order_by(Deadline.due_on)
    ).all()
    extra = case.letter_context() if hasattr(case, "letter_context") else {}
    return LetterContext(
        reference=case.reference or f"#{case.id}", title=case.title, unit_name=case.unit.name,
        persons=tuple(p.person.public_name for p in persons),
        deadlines=tuple((d.label, d.due_on.isoformat()) for d in deadlines), extra=extra,
        state_names=state_names_of(getattr(case, "state", None)),
    )


def state_names_of(state: State | None) -> dict[str, str]:
    """The State's short name in each language a letter may be in; {} when the case has no State."""
    return {language: state_name(state, language) for language in UN_LANGUAGES} if isinstance(state, State) else {}


def draft_letter(type_key: str, language: str, actor, *, parent: Case | None = None, unit_id: int | None = None) -> Letter:
    """A new draft of the given type, filled in from its case."""
    if parent is not None and parent.parent_id is not None:
        raise ValueError("a letter belongs to a case, not to another letter")
    if parent is None and unit_id is None:
        raise Refused(_("Choose the unit the letter is sent on behalf of."))
    kind = letter_type(type_key)
    context = case_context(parent)
    letter = Letter(
        letter_type=kind.key, kind=kind.kind, language=language, status=LetterStatus.DRAFT,
        title=kind.subject(context, language) or kind.label, body=kind.body(context, language),
        parent_id=parent.id if parent else None, unit_id=parent.unit_id if parent else unit_id,
        confidential=parent.confidential if parent else False,
        reference=parent.reference if parent else None,
        officer_id=actor.id, drafted_by_id=actor.id,
    )
    if kind.kind is LetterKind.NOTE_VERBALE and hasattr(parent, "letter_states"):
        letter.addressees = [LetterAddressee(kind=AddresseeKind.STATE, state_id=s.id, name=s.mission_name, position=i)
                             for i, s in enumerate(parent.letter_states())]
    db.session.add(letter)
    db.session.flush()
    return letter


def update_letter(letter: Letter, content: LetterContent, actor) -> None:
    """Save the drafter's changes; a change after approval sends the letter back to draft."""
    if letter.status not in EDITABLE:
        raise Refused(_("A letter that has been sent can no longer be changed."))
    if letter.status in (LetterStatus.APPROVED, LetterStatus.FINAL):
        fire(letter, "reopen", actor, comment="Edited after approval")
    elif letter.status == LetterStatus.SUBMITTED:
        fire(letter, "withdraw", actor, comment="Edited while awaiting approval")
    letter.title, letter.body, letter.language = content.subject, content.body, content.language
    letter.reference, letter.letter_date = content.reference or None, content.letter_date
    _replace_addressees(letter, content)
    letter.signatories = [LetterSignatory(name=n, title=t, position=i) for i, (n, t) in enumerate(content.signatories)]
    letter.annexes = ([LetterAnnex(title=content.annex_title, body=content.annex_body)]
                      if content.annex_title.strip() else [])
    db.session.flush()


def _replace_addressees(letter: Letter, content: LetterContent) -> None:
    to_ids = (list(db.session.scalars(select(State.id).order_by(State.name))) if content.all_missions
              else content.addressee_state_ids)
    states = {s.id: s for s in db.session.scalars(select(State).where(State.id.in_(to_ids + content.copy_state_ids)))}
    rows = [LetterAddressee(kind=AddresseeKind.STATE, state_id=i, name=states[i].mission_name) for i in
            to_ids if i in states]
    rows += [LetterAddressee(kind=AddresseeKind.NON_STATE, name=n, address=a) for n, a in content.other_addressees]
    rows += [LetterAddressee(kind=AddresseeKind.STATE, state_id=i, name=states[i].mission_name, is_copy=True)
             for i in content.copy_state_ids if i in states]
    for position, row in enumerate(rows):
        row.position = position
    letter.addressees = rows


def record_approval(letter: Letter, approver) -> None:
    """Called by the workflow on approval: remember who approved and produce the final PDF."""
    from casework.letters.jobs import render_final_letter

    letter.approved_by_id, letter.approved_at = approver.id, utcnow()
    jobs.enqueue(render_final_letter, letter.id, subject=letter, requested_by=approver)


def clear_approval(letter: Letter) -> None:
    """Called by the workflow on reopening: the approval and the final PDF no longer apply."""
    letter.approved_by_id = letter.approved_at = None
    letter.final_pdf_sha256 = letter.final_pdf_size = letter.final_rendered_at = None


def request_preview(letter: Letter, actor) -> jobs.JobRecord:
    """Queue a watermarked preview of the letter as it stands."""
    from casework.letters.jobs import render_letter_preview

    return jobs.enqueue(render_letter_preview, letter.id, subject=letter, requested_by=actor)


def store_pdf(pdf: bytes) -> tuple[str, int]:
    """Keep a rendered PDF in the file store, named by its SHA-256 (identical files once)."""
    return store_file(io.BytesIO(pdf))


def mark_sent(letter: Letter, sent_on: date, channel: str, actor) -> None:
    """Record that the final PDF went out, when and how."""
    letter.sent_on, letter.sent_channel = sent_on, channel
    fire(letter, "mark_sent", actor)


def record_reply(letter: Letter, received_on: date, reply_file, actor) -> None:
    """Attach the reply document and close the correspondence."""
    attachment = attach_file(letter, reply_file, actor, description="Reply")
    letter.reply_received_on, letter.reply_attachment_id = received_on, attachment.id
    fire(letter, "record_reply", actor)


def _jobs_of(letter: Letter):
    return jobs.jobs_about(letter).limit(1)


def latest_job(letter: Letter, final_only: bool = False) -> jobs.JobRecord | None:
    """The letter's most recent rendering job (or final rendering job), whatever its state."""
    stmt = _jobs_of(letter)
    if final_only:
        from casework.letters.jobs import render_final_letter

        stmt = stmt.where(jobs.JobRecord.kind == f"{render_final_letter.__module__}.{render_final_letter.__name__}")
    return db.session.scalar(stmt)


def latest_preview_sha(letter: Letter) -> str | None:
    """The newest finished preview of the letter, if any."""
    from casework.letters.jobs import render_letter_preview

    kind = f"{render_letter_preview.__module__}.{render_letter_preview.__name__}"
    record = db.session.scalar(_jobs_of(letter).where(
        jobs.JobRecord.kind == kind, jobs.JobRecord.status == jobs.JobStatus.DONE))
    return (record.result or {}).get("sha256") if record else None
