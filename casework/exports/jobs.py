"""The background job that writes a large export to a file, reporting its progress as it goes."""
from __future__ import annotations

import os
from pathlib import Path

from werkzeug.datastructures import MultiDict

from casework.auth.models import User
from casework.core.db import utcnow
from casework.core.jobs import job
from casework.exports.models import Export
from casework.exports.operations import export_folder, write_export
from casework.exports.registry import get_list
from casework.extensions import db


@job
def build_export(export_id: int) -> dict:
    """Write the export's file. Safe to run again: it starts over and replaces the file.

    The rows come from the list's query built for the requesting user as they are now: a user
    whose account was disabled, or who lost a unit since asking, gets no more than they may see.
    """
    export = db.session.get(Export, export_id)
    user = db.session.get(User, export.user_id)
    if user is None or not user.is_active:
        raise PermissionError("the account that asked for this export is no longer active")
    exportable = get_list(export.list_name)
    if exportable is None:
        raise LookupError(f"the list {export.list_name!r} can no longer be exported")
    folder = export_folder()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{export.id}-{os.urandom(8).hex()}.{export.format}"
    partial = final.with_suffix(final.suffix + ".part")
    export.rows_done = 0
    db.session.commit()

    def progress(done: int) -> None:
        export.rows_done = max(done, export.rows_done)
        db.session.commit()

    mode, encoding = ("w", "utf-8") if export.format == "csv" else ("wb", None)
    with open(partial, mode, encoding=encoding, newline="" if encoding else None) as out:
        rows = write_export(exportable, user, MultiDict(export.filters), export.format, out, progress, export)
    partial.replace(final)
    if export.file_path and export.file_path != str(final):
        Path(export.file_path).unlink(missing_ok=True)  # an earlier run's file
    export.rows_total = export.rows_done = rows
    export.file_path, export.finished_at = str(final), utcnow()
    db.session.commit()
    return {"rows": rows}
