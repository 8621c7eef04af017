"""An export a user asked for: which list, with which filters, in which format, and how far it got."""
from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from sqlalchemy import JSON, BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import Audited
from casework.core.db import utcnow
from casework.core.jobs import JobRecord, JobStatus
from casework.core.storage import Stored
from casework.extensions import db


class Export(Audited, db.Model):
    """One export. Its creation is the audit record of who exported what; the status is its job's."""

    __tablename__ = "exports"
    # Progress is written every few hundred rows: the trail keeps the request, not each step.
    __audit_ignored__ = frozenset({"rows_done", "rows_total", "file_path", "sha256", "size", "finished_at",
                                   "job_id"})
    # What the list was filtered on (a name searched for) is for the one who exported it alone.
    __audit_private__ = frozenset({"filters"})

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    list_name: Mapped[str] = mapped_column(String(60))
    filters: Mapped[dict] = mapped_column(JSON, default=dict)  # the list page's query string, as sent
    format: Mapped[str] = mapped_column(String(8))
    rows_done: Mapped[int] = mapped_column(default=0)
    rows_total: Mapped[int] = mapped_column(default=0)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))
    # The file's key in the export store (`casework.core.storage.exports()`); None once removed.
    # (Exports written before the store kept an absolute path there, and no SHA-256.)
    file_path: Mapped[str | None] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]

    job: Mapped[JobRecord | None] = relationship()

    @property
    def status(self) -> str:
        """queued, running, done or failed (the job's); expired once the file is cleaned up."""
        if self.job is None:
            return JobStatus.DONE.value  # small exports are streamed in the request that asked
        if self.job.status is JobStatus.DONE and self.file_path is None:
            return "expired"
        return self.job.status.value

    @property
    def error(self) -> str | None:
        return self.job.error.splitlines()[0] if self.job is not None and self.job.error else None

    @property
    def filename(self) -> str:
        return f"{self.list_name.replace('_', '-')}-{self.created_at:%Y-%m-%d}-{self.id}.{self.format}"

    @property
    def stored(self) -> Stored:
        return Stored(PurePath(self.file_path).name, self.sha256, self.size)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE.value:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
