"""Circulars: one copy per Permanent Mission, rendered by workers and downloaded as one zip."""
from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from casework.core import jobs
from casework.core.attachments import storage_path
from casework.core.workflow import TransitionRefused
from casework.extensions import db
from casework.letters.models import AddresseeKind, Letter, LetterBatch, LetterBatchItem, LetterStatus


def start_batch(letter: Letter, actor) -> LetterBatch:
    """One rendering job per Mission the final circular is addressed to. Flushes; the view commits."""
    from casework.letters.jobs import render_batch_copy

    if letter.status != LetterStatus.FINAL:
        raise TransitionRefused("Copies per Mission are made from the final, approved circular.")
    states = [a.state_id for a in letter.recipients if a.kind is AddresseeKind.STATE]
    if len(states) < 2:
        raise TransitionRefused("Copies per Mission are for a circular addressed to several Missions.")
    batch = LetterBatch(letter_id=letter.id, created_by_id=actor.id,
                        items=[LetterBatchItem(state_id=state_id) for state_id in states])
    db.session.add(batch)
    db.session.flush()
    for item in batch.items:
        item.job_id = jobs.enqueue(render_batch_copy, item.id, subject=item, requested_by=actor).id
    return batch


def progress(batch: LetterBatch) -> dict[str, int]:
    """How many copies are done, failed and still to come."""
    statuses = [item.job.status if item.job else jobs.JobStatus.QUEUED for item in batch.items]
    done = sum(1 for item in batch.items if item.pdf_sha256)
    failed = sum(1 for s in statuses if s is jobs.JobStatus.FAILED)
    total = len(batch.items)
    return {"total": total, "done": done, "failed": failed, "pending": total - done - failed,
            "percent": round(100 * done / total) if total else 100}


def retry_failed(batch: LetterBatch) -> int:
    """Queue the failed copies again; returns how many."""
    failed = [item.job for item in batch.items if item.job and item.job.status is jobs.JobStatus.FAILED]
    for record in failed:
        jobs.retry(record)
    return len(failed)


def zip_of(batch: LetterBatch) -> bytes:
    """All copies, one PDF per Mission named by its ISO code; only when every copy is done."""
    buffer = io.BytesIO()
    reference = (batch.letter.reference or f"letter-{batch.letter_id}").replace("/", "-").replace(" ", "_")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for item in batch.items:
            archive.write(storage_path(item.pdf_sha256), f"{reference}_{item.state.iso3}.pdf")
    return buffer.getvalue()


def batches_of(letter: Letter) -> list[LetterBatch]:
    return list(db.session.scalars(
        select(LetterBatch).where(LetterBatch.letter_id == letter.id).order_by(LetterBatch.id.desc())))
