"""Making exports: small ones in the request, large ones by a background job writing a file.

Every row comes from the list's own query builder, called with the requesting user at the
moment the rows are read, so an export shows exactly what that user may see then.
"""
from __future__ import annotations

import io

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from casework.core import audit, storage
from casework.core.db import utcnow
from casework.core.jobs import JobStatus, enqueue, retry
from casework.core.queries import query_args
from casework.core.writes import Refused
from casework.exports.formats import column_widths, open_writer
from casework.exports.models import Export
from casework.exports.registry import ExportableList, order_for
from casework.extensions import db

CHUNK = 500  # rows loaded, written and reported at a time
NOT_FILTERS = frozenset({"page", "csrf_token"})


def filters_of(args: Mapping[str, Any]) -> dict[str, list[str]]:
    """The list page's query string, without the pager and the form token, as stored on the export."""
    multi = args if isinstance(args, MultiDict) else MultiDict(args)
    return {k: v for k, v in multi.to_dict(flat=False).items() if k not in NOT_FILTERS}


def threshold() -> int:
    """Above this many rows an export runs as a background job."""
    return int(current_app.config["EXPORT_ROW_THRESHOLD"])


def _keys(exportable: ExportableList, user, args: MultiDict):
    stmt = exportable.query(user, query_args(args))
    return stmt, stmt.with_only_columns(exportable.key, maintain_column_froms=True)


def count_rows(exportable: ExportableList, user, args: MultiDict) -> int:
    """How many records the export would hold: a count over the page's own query."""
    _stmt, keys = _keys(exportable, user, args)
    return db.session.scalar(select(func.count()).select_from(keys.order_by(None).subquery())) or 0


def records(exportable: ExportableList, user, args: MultiDict) -> Iterator[list[Any]]:
    """The records in the page's order, chunk by chunk: ids first, then each chunk loaded whole."""
    stmt, keys = _keys(exportable, user, args)
    ids = db.session.scalars(keys.order_by(*order_for(exportable, args))).all()
    key_name = exportable.key.key
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        loaded = {getattr(r, key_name): r for r in db.session.scalars(stmt.where(exportable.key.in_(chunk))).unique()}
        yield [loaded[i] for i in chunk if i in loaded]


def write_export(exportable: ExportableList, user, args: MultiDict, fmt: str, out,
                 progress: Callable[[int], None] | None = None, export: Export | None = None) -> int:
    """Write the whole list to `out`, headed in the current language; returns the number of rows written."""
    headers = [str(c.header) for c in exportable.columns]
    writer = open_writer(fmt, out, headers, column_widths(headers, (c.width for c in exportable.columns)),
                         str(exportable.title))
    done = 0
    for chunk in records(exportable, user, args):
        for record in chunk:
            writer.write([column.value(record) for column in exportable.columns])
            if exportable.audit_each_row:
                audit.record(audit.AuditAction.DOWNLOAD, obj=record, actor_id=user.id,
                             detail={"export": export.id if export else None, "format": fmt})
        done += len(chunk)
        if progress is not None:
            progress(done)
    writer.close()
    return done


def _new_export(exportable: ExportableList, user, args: MultiDict, fmt: str, total: int) -> Export:
    export = Export(user_id=user.id, list_name=exportable.name, filters=filters_of(args), format=fmt,
                    rows_total=total)
    db.session.add(export)
    db.session.flush()
    return export


def export_now(exportable: ExportableList, user, args: MultiDict, fmt: str, total: int) -> tuple[Export, bytes]:
    """A small export, made in the request: the file's bytes, and the export recorded (and audited)."""
    export = _new_export(exportable, user, args, fmt, total)
    if fmt == "csv":
        text = io.StringIO()
        export.rows_done = write_export(exportable, user, args, fmt, text, export=export)
        content = text.getvalue().encode("utf-8")
    else:
        binary = io.BytesIO()
        export.rows_done = write_export(exportable, user, args, fmt, binary, export=export)
        content = binary.getvalue()
    export.rows_total, export.finished_at = export.rows_done, utcnow()
    return export, content


def request_export(exportable: ExportableList, user, args: MultiDict, fmt: str, total: int) -> Export:
    """A large export: recorded now, written by a background job once the request commits, in the
    language of the page it was asked from (the job has no page to read it from)."""
    from casework.exports.jobs import build_export

    export = _new_export(exportable, user, args, fmt, total)
    export.job = enqueue(build_export, export.id, str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
                         subject=export, requested_by=user)
    return export


def retry_export(export: Export) -> None:
    """Queue a failed export again; it starts over from the first row."""
    if export.status != JobStatus.FAILED.value:
        raise Refused(_("Only a failed export can be tried again."))
    export.rows_done = 0
    retry(export.job)


def remove_old_exports(older_than: timedelta, now: datetime | None = None) -> int:
    """Delete the files of exports made before `now - older_than`; the records stay, for the trail."""
    cutoff = (now or utcnow()) - older_than
    old = db.session.scalars(select(Export).where(Export.created_at < cutoff, Export.file_path.is_not(None))).all()
    for export in old:
        storage.exports().delete(export.stored.key)
        export.file_path = None
    db.session.flush()
    return len(old)


def keep_for() -> timedelta:
    return timedelta(days=int(current_app.config["EXPORT_KEEP_DAYS"]))
