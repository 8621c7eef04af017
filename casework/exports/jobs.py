"""The background job that writes a large export to a file, reporting its progress as it goes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

import io
import os
import tempfile
from typing import BinaryIO

from flask import current_app
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict

from casework.auth.models import User
from casework.core import storage
from casework.core.db import utcnow
from casework.core.jobs import job
from casework.exports.models import Export
from casework.exports.operations import write_export
from casework.exports.registry import get_list
from casework.extensions import db


@job(label=_l("Write an export file"))
def build_export(export_id: int, language: str | None = None) -> dict:
    """Write the export's file, headed in `language` (the page's that asked for it). Safe to run
    again: it starts over and replaces the file.

    The rows come from the list's query built for the requesting user as they are now: a user
    whose account was disabled, or who lost a unit since asking, gets no more than they may see.
    """
    export = db.session.get(Export, export_id)
    user = db.session.get(User, export.user_id)
    if user is None or not user.is_active:
        raise PermissionError("the account that asked for this export is no longer active")
    with force_locale(_known(language) or _known(user.locale) or current_app.config["BABEL_DEFAULT_LOCALE"]):
        return _build(export, user)


def _known(language: str | None) -> str | None:
    """`language` if Casework speaks it (a job queued before a language was dropped may name it)."""
    return language if language in current_app.config["LANGUAGES"] else None


def _build(export: Export, user: User) -> dict:
    exportable = get_list(export.list_name)
    if exportable is None:
        raise LookupError(f"the list {export.list_name!r} can no longer be exported")
    export.rows_done = 0
    db.session.commit()

    def progress(done: int) -> None:
        export.rows_done = max(done, export.rows_done)
        db.session.commit()

    with tempfile.TemporaryFile() as written:
        rows = _write(exportable, user, export, written, progress)
        written.seek(0)
        stored = storage.exports().save(written, key=f"{export.id}-{os.urandom(8).hex()}.{export.format}")
    if export.file_path:
        storage.exports().delete(export.stored.key)  # an earlier run's file
    export.rows_total = export.rows_done = rows
    export.file_path, export.sha256, export.size, export.finished_at = stored.key, stored.sha256, stored.size, utcnow()
    db.session.commit()
    return {"rows": rows}


def _write(exportable, user: User, export: Export, written: BinaryIO, progress) -> int:
    """Write the rows into the temporary file: CSV as UTF-8 text, the other formats as bytes."""
    if export.format != "csv":
        return write_export(exportable, user, MultiDict(export.filters), export.format, written, progress, export)
    text = io.TextIOWrapper(written, "utf-8", newline="")
    try:
        return write_export(exportable, user, MultiDict(export.filters), export.format, text, progress, export)
    finally:
        text.flush()
        text.detach()  # the temporary file stays open for the store
