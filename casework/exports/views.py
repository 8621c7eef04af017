"""Export pages: start an export of a list, follow a large one, download it, retry it.

An export belongs to the user who asked: anyone else gets 404 for its page, status and file.
"""
from __future__ import annotations

import io
from collections.abc import Mapping

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from casework.cases.access import load_own
from casework.core import audit, storage
from casework.core.jobs import JobStatus
from casework.core.writes import write
from casework.extensions import db
from casework.exports.formats import FORMATS
from casework.exports.models import Export
from casework.exports.operations import (
    count_rows, export_now, keep_for, remove_old_exports, request_export, retry_export, threshold,
)
from casework.exports.registry import get_list

bp = Blueprint("exports", __name__, url_prefix="/exports", cli_group="exports")


def export_response(name: str, fmt: str, args: Mapping[str, str]) -> Response:
    """The list as a file now, or, above the threshold, a background export and its page."""
    exportable = get_list(name)
    if exportable is None or fmt not in FORMATS:
        abort(404)
    args = MultiDict(args)
    total = count_rows(exportable, current_user, args)
    if total <= threshold():
        export, content = export_now(exportable, current_user, args, fmt, total)
        db.session.commit()
        return send_file(io.BytesIO(content), mimetype=FORMATS[fmt], as_attachment=True,
                         download_name=export.filename, max_age=0)
    remove_old_exports(keep_for())
    export = request_export(exportable, current_user, args, fmt, total)
    db.session.commit()
    return redirect(url_for("exports.detail", export_id=export.id), 303)


@bp.route("/<name>/<fmt>", methods=["POST"])
def start(name: str, fmt: str):
    """The export buttons post the list's current filters and sort (with the form token, checked for every POST)."""
    return export_response(name, fmt, request.form)


@bp.route("/")
def index():
    """The user's own recent exports."""
    exports = db.session.scalars(select(Export).where(Export.user_id == current_user.id, Export.job_id.is_not(None))
                                 .order_by(Export.id.desc()).limit(50)).all()
    return render_template("exports/index.html", exports=exports, lists=_titles(exports))


def _titles(exports: list[Export]) -> dict[str, str]:
    return {e.list_name: (get_list(e.list_name).title if get_list(e.list_name) else e.list_name) for e in exports}


@bp.route("/<int:export_id>")
def detail(export_id: int):
    return _detail_page(load_own(Export, export_id))


def _detail_page(export: Export, reason: str | None = None) -> str:
    if reason:
        flash(reason, "danger")
    return render_template("exports/detail.html", export=export, lists=_titles([export]), retry_form=FlaskForm(),
                           back=_back_url(export))


def _back_url(export: Export) -> str | None:
    """The list as it was exported: same filters, same order."""
    exportable = get_list(export.list_name)
    return url_for(exportable.endpoint, **exportable.endpoint_args, **export.filters) if exportable else None


@bp.route("/<int:export_id>/status")
def status(export_id: int):
    """For the progress bar: how far the export is, and where to download it once done."""
    export = load_own(Export, export_id)
    done = export.status == JobStatus.DONE.value
    return jsonify(status=export.status, rows_done=export.rows_done, rows_total=export.rows_total,
                   percent=export.percent, error=export.error,
                   download=url_for("exports.download", export_id=export.id) if done else None)


@bp.route("/<int:export_id>/download")
def download(export_id: int):
    export = load_own(Export, export_id)
    if export.status != JobStatus.DONE.value or not export.file_path:
        abort(404)
    audit.record(audit.AuditAction.DOWNLOAD, obj=export, detail={"list": export.list_name, "rows": export.rows_done})
    db.session.commit()
    return storage.exports().send(export.stored, mimetype=FORMATS[export.format], download_name=export.filename)


@bp.route("/<int:export_id>/retry", methods=["POST"])
def retry(export_id: int):
    export = load_own(Export, export_id)
    return write(lambda: retry_export(export), again=lambda status, reason: (_detail_page(export, reason), status),
                 done=_("The export is queued again."), to=url_for("exports.detail", export_id=export.id))


@bp.cli.command("cleanup")
def cleanup_command() -> None:
    """Delete export files older than EXPORT_KEEP_DAYS (7 by default); the records stay for the trail."""
    removed = remove_old_exports(keep_for())
    db.session.commit()
    print(f"{removed} export files removed")
