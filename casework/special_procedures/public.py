"""The public register of communications: what the public communications database shows.

Reachable without signing in, so every query here starts from `public_register()` — published
communications only — and every record goes through `public_record()`: never the source, never a
letter under embargo, redacted victims as initials, only the public version of each letter.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import click

from flask import Response, abort, current_app, render_template, url_for

from casework.core import storage
from casework.core.attachments import send_attachment
from casework.core.storage import Stored
from casework.core.jobs import jobs_inline
from casework.core.pagination import paginate
from casework.extensions import db
from casework.special_procedures.models import SpCommunication
from casework.special_procedures.queries import public_record, public_register, public_register_keys
from casework.special_procedures.views import bp, filter_form
from casework.web import public

CSV_COLUMNS = ("references", "type", "date", "mandates", "addressees", "copied_states", "subject", "summary",
               "alleged_victims", "reply_received", "letters", "replies")


def _published(case_id: int) -> SpCommunication:
    comm = db.session.get(SpCommunication, case_id)
    if comm is None or not comm.is_public:
        abort(404)  # a letter under embargo does not exist for the public
    return comm


def _with_links(record: dict, external: bool = True) -> dict:
    """The record with the addresses of its public letters and replies.

    Exports are read away from the site and get full addresses; the register's own page links by
    path, so its links follow the address the reader used (port, proxy, https)."""
    record = dict(record)
    record["letters"] = [url_for("special_procedures.public_letter", case_id=record["id"], addressee_id=i,
                                 _external=external) for i in record["letters"]]
    record["replies"] = [url_for("special_procedures.public_reply", case_id=record["id"], reply_id=i,
                                 _external=external) for i in record["replies"]]
    return record


@bp.route("/public/")
@public
def register():
    form, filters = filter_form()
    own = SpCommunication.__table__.c  # the register's index: the day sent, then the key
    page = paginate(public_register(filters), sorts={"sent": own.public_sent_on}, default_sort="sent",
                    default_direction="desc", key=own.id, keys=public_register_keys(filters),
                    never_empty=True)  # every one was sent
    return render_template("special_procedures/public.html", form=form, page=page,
                           records=[_with_links(public_record(c), external=False) for c in page.items])


def _records() -> list[dict]:
    _form, filters = filter_form()
    rows = db.session.scalars(public_register(filters).order_by(SpCommunication.sent_on.desc(), SpCommunication.id))
    return [_with_links(public_record(c)) for c in rows]


@bp.route("/public/export.json")
@public
def export_json():
    return Response(json.dumps(_records(), ensure_ascii=False, indent=1), mimetype="application/json")


def _cell(value) -> str:
    """A JSON value as a CSV cell: lists joined with "; ", booleans as yes/no."""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


@bp.route("/public/export.csv")
@public
def export_csv():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in _records():
        writer.writerow([_cell(record[column]) for column in CSV_COLUMNS])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=communications.csv"})


@bp.route("/public/<int:case_id>/letters/<int:addressee_id>.pdf")
@public
def public_letter(case_id: int, addressee_id: int):
    comm = _published(case_id)
    addressee = next((a for a in comm.recipients if a.id == addressee_id and a.public_pdf_sha256), None)
    if addressee is None:
        abort(404)
    return storage.files().send(Stored.by_content(addressee.public_pdf_sha256), mimetype="application/pdf",
                                as_attachment=False, download_name=addressee.file_name)


@bp.route("/public/<int:case_id>/replies/<int:reply_id>")
@public
def public_reply(case_id: int, reply_id: int):
    comm = _published(case_id)
    reply = next((r for r in comm.replies if r.id == reply_id and r.attachment is not None), None)
    if reply is None:
        abort(404)
    return send_attachment(reply.attachment, inline=True)


def _references(comm_ids: list[int]) -> str:
    return "; ".join(db.session.get(SpCommunication, int(i)).reference or f"#{i}" for i in comm_ids)


@bp.cli.command("publish-due")
@click.option("--today", help="Publish as of this ISO date instead of the real one (catching up, testing).")
def publish_due_command(today: str | None) -> None:
    """Publish letters sent 60 days ago or more (run daily, e.g. from cron).

    On Redis the job is queued for the workers. The embedded queue lives in this process and
    would die with the command, so there the job (and the public PDFs it queues) runs here and now.
    """
    from casework.core.jobs import JobRecord, JobStatus, enqueue
    from casework.special_procedures.jobs import publish_due_communications

    if today:
        date.fromisoformat(today)  # refuse a malformed date here rather than in the worker
    if current_app.config["JOB_QUEUE_MODE"] == "redis":
        record = enqueue(publish_due_communications, today)
        db.session.commit()
        click.echo(f"queued job {record.id}")
        return
    with jobs_inline():
        record_id = enqueue(publish_due_communications, today).id
        db.session.commit()
    record = db.session.get(JobRecord, record_id)
    if record.status is not JobStatus.DONE:
        raise click.ClickException(f"job {record.id} failed: {record.error}")
    published, refused = record.result.get("published", []), record.result.get("refused", {})
    if published:
        click.echo(f"{len(published)} letter{'s' if len(published) > 1 else ''} published: {_references(published)}")
    for comm_id, reason in refused.items():
        click.echo(f"not published: {_references([comm_id])} ({reason})")
    if not published and not refused:
        click.echo("No letter was due for publication.")


@bp.cli.command("mandates")
def mandates_command() -> None:
    """Create the mandate records of mandate units that have none (after `flask seed reference`)."""
    from casework.special_procedures.operations import ensure_mandates

    added = ensure_mandates()
    db.session.commit()
    print(f"{added} mandates added")
