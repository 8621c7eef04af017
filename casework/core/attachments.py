"""Files attached to cases: kept in the file store (`casework.core.storage`), named by their SHA-256."""
from __future__ import annotations

import mimetypes
import unicodedata
from datetime import datetime
from typing import BinaryIO

from flask import Response, current_app
from flask_babel import gettext as _
from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core import storage
from casework.core.audit import Audited
from casework.core.db import utcnow
from casework.core.permissions import may_know_identities
from casework.core.storage import Stored
from casework.core.writes import Refused
from casework.extensions import db

# Files whose first bytes must match their extension; others are checked by extension only.
MAGIC_NUMBERS = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
}


class Attachment(Audited, db.Model):
    """A file attached to a case."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    uploaded_by = relationship("User")
    case = relationship("Case", backref=db.backref("attachments", cascade="all, delete-orphan"))

    @property
    def stored(self) -> Stored:
        return Stored.by_content(self.sha256, self.size)


def may_read_files(user, case) -> bool:
    """May `user` list and download the files of `case`?

    Whoever reads the case, except on a case that guards identities (an urgent action's authors, a
    working group's source): there only those who may know them. What a file holds cannot be told
    from its name, and the authors' own submission is typically one, so the rule is for every file
    of such a case, and for the records of them in the audit trail (their names).
    """
    return may_know_identities(user, case)


def readable_attachments(case, user) -> list[Attachment]:
    """The files of `case` that `user` may see listed: all of them, or none."""
    return list(case.attachments) if may_read_files(user, case) else []


def display_name(filename: str) -> str:
    """The uploaded name as people wrote it, in any script, without path or control characters.

    Files are stored under their SHA-256, so the name never touches the file system; it is only
    shown and offered back on download.
    """
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[-200:] or "attachment"


def check_upload(filename: str, head: bytes) -> str:
    """The name to record, or Refused saying what is wrong with the file."""
    name = display_name(filename)
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    allowed = current_app.config["ALLOWED_UPLOAD_EXTENSIONS"]
    if extension not in allowed:
        raise Refused(status=400, reason=_(
            "Files of type “.%(extension)s” are not accepted. Accepted: %(allowed)s.",
            extension=extension or "?", allowed=", ".join(sorted(allowed)),
        ))
    if not head:  # before storing: an empty upload must leave nothing behind
        raise Refused(status=400, reason=_("The file is empty."))
    signatures = MAGIC_NUMBERS.get(extension)
    if signatures and not head.startswith(signatures):
        raise Refused(status=400, reason=_("“%(name)s” does not look like a .%(extension)s file.",
                                           name=name, extension=extension))
    return name


def store_file(stream: BinaryIO) -> tuple[str, int]:
    """Copy the upload to storage while hashing it; returns (sha256, size)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    try:
        stored = storage.files().save(stream, limit=limit or None)
    except storage.TooLarge:
        raise Refused(status=400, reason=_("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024))) from None
    return stored.sha256, stored.size


def send_attachment(attachment: Attachment, *, inline: bool = False) -> Response:
    """The file as a download, streamed from storage and checked against its SHA-256."""
    return storage.files().send(attachment.stored, mimetype=attachment.content_type, as_attachment=not inline,
                                download_name=attachment.filename)


def attach_file(case, file_storage, uploader, description: str = "") -> Attachment:
    """Check, store and record an uploaded file on a case. Flushes; the caller commits."""
    head = file_storage.stream.read(16)
    file_storage.stream.seek(0)
    filename = check_upload(file_storage.filename or "", head)
    sha, size = store_file(file_storage.stream)
    attachment = Attachment(
        case_id=case.id, filename=filename, size=size, sha256=sha, description=description,
        content_type=mimetypes.guess_type(filename)[0] or "application/octet-stream", uploaded_by_id=uploader.id,
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment
