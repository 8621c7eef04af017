"""Batches: PDFs made together and downloaded as one zip.

Two kinds: the copies of a final circular, one per Permanent Mission; and the final letters of
many cases, chosen in the register (a supervisor may approve them all in the same step).
"""
from __future__ import annotations

import io
import zipfile

from flask_babel import gettext as _
from sqlalchemy import select

from casework.core import jobs
from casework.core import storage
from casework.core.storage import content_key
from casework.core.permissions import Permission, can
from casework.core.workflow import fire, refusal_reason, workflow_for
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters.models import AddresseeKind, Letter, LetterBatch, LetterBatchItem, LetterStatus
from casework.letters.operations import file_stem, latest_job

READY = (LetterStatus.FINAL, LetterStatus.SENT, LetterStatus.REPLIED)


def start_batch(letter: Letter, actor) -> LetterBatch:
    """One rendering job per Mission the final circular is addressed to. Flushes; the view commits."""
    from casework.letters.jobs import render_batch_copy

    if letter.status != LetterStatus.FINAL:
        raise Refused(_("Copies per Mission are made from the final, approved circular."))
    states = [a.state_id for a in letter.recipients if a.kind is AddresseeKind.STATE]
    if len(states) < 2:
        raise Refused(_("Copies per Mission are for a circular addressed to several Missions."))
    batch = LetterBatch(letter_id=letter.id, created_by_id=actor.id, source_sha256=letter.final_pdf_sha256,
                        items=[LetterBatchItem(state_id=state_id) for state_id in states])
    db.session.add(batch)
    db.session.flush()
    for item in batch.items:
        item.job_id = jobs.enqueue(render_batch_copy, item.id, subject=item, requested_by=actor).id
    return batch


def start_letters_batch(chosen: list[tuple[Letter, int | None]], actor, approve: bool) -> tuple[LetterBatch, list[str]]:
    """A batch of case letters; with `approve`, each submitted letter the actor may approve, and
    that has not changed since they saw it (its version), is approved now and then rendered.
    Returns the batch and the refusals."""
    if not chosen:
        raise Refused(_("Choose at least one letter."))
    refusals = []
    for letter, seen_version in chosen if approve else ():
        if letter.status != LetterStatus.SUBMITTED:
            continue
        reason = refusal_reason(letter, workflow_for(letter).transition("approve"), actor)
        if reason is None and seen_version != letter.version:
            reason = _("it changed since the list was loaded; open it and check before approving.")
        if reason:
            refusals.append(f"{letter.reference or '#' + str(letter.id)}: {reason}")
        else:
            fire(letter, "approve", actor, expected_version=seen_version)
    batch = LetterBatch(created_by_id=actor.id, items=[LetterBatchItem(letter_id=letter.id) for letter, _ in chosen])
    db.session.add(batch)
    db.session.flush()
    return batch, refusals


def item_state(item: LetterBatchItem) -> str:
    """done, failed, rendering or waiting (for approval) — what the batch page shows per PDF."""
    if item.sha256:
        return "done"
    record = item.job if item.letter_id is None else latest_job(item.letter, final_only=True)
    if record is not None and record.status is jobs.JobStatus.FAILED:
        return "failed"
    if item.letter_id is not None and item.letter.status not in (LetterStatus.APPROVED, *READY):
        return "waiting"
    return "rendering"


def progress(batch: LetterBatch) -> dict[str, int]:
    """How many PDFs are done, failed, rendering, or waiting for an approval."""
    states = [item_state(item) for item in batch.items]
    total, done = len(states), states.count("done")
    return {"total": total, "done": done, "failed": states.count("failed"),
            "rendering": states.count("rendering"), "waiting": states.count("waiting"),
            "percent": round(100 * done / total) if total else 100}


def retry_failed(batch: LetterBatch) -> int:
    """Queue the failed renders again; returns how many."""
    records = [item.job if item.letter_id is None else latest_job(item.letter, final_only=True)
               for item in batch.items if item_state(item) == "failed"]
    for record in records:
        jobs.retry(record)
    return len(records)


def may_view(batch: LetterBatch, user) -> bool:
    """A batch is visible to those who may see every letter in it."""
    letters = [batch.letter] if batch.letter is not None else [item.letter for item in batch.items]
    return all(can(user, Permission.VIEW, letter) for letter in letters)


def zip_of(batch: LetterBatch) -> bytes:
    """Every PDF of the batch in one zip; only when all are done."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for item in batch.items:
            with archive.open(_file_name(batch, item), "w") as member:
                for chunk in storage.files().chunks(content_key(item.sha256)):
                    member.write(chunk)
    return buffer.getvalue()


def _file_name(batch: LetterBatch, item: LetterBatchItem) -> str:
    letter = batch.letter or item.letter
    stem = file_stem(letter)
    return f"{stem}_{item.state.iso3}.pdf" if item.state is not None else f"{stem}_{letter.id}.pdf"


def batches_of(letter: Letter) -> list[LetterBatch]:
    return list(db.session.scalars(
        select(LetterBatch).where(LetterBatch.letter_id == letter.id).order_by(LetterBatch.id.desc())))
