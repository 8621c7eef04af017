"""The daily publication at sent + 60 days, as a background job. The letters' PDFs are made by
the letters pipeline (`casework.letters.jobs.render_copies`).

It takes an ISO date, owns its transaction and is safe to run twice.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from datetime import date, timedelta

from sqlalchemy import select

from casework.auth.models import User
from casework.core.audit import acting_as
from casework.core.jobs import job
from casework.core.workflow import refusal_reason
from casework.extensions import db
from casework.special_procedures.models import PUBLICATION_DAYS, SpCommunicationStatus, SpCommunication
from casework.special_procedures.workflow import COMMUNICATION_WORKFLOW


@job(label=_l("Publish the letters due for publication"))
def publish_due_communications(today: str | None = None) -> dict:
    """Publish every letter sent at least 60 days before `today` (ISO date; the real date if None).

    Run daily (`flask special-procedures publish-due`, from cron or the worker host's timer); a
    day missed is caught up the next day, and a letter already published is left alone.
    """
    from casework.special_procedures.operations import publish

    day = date.fromisoformat(today) if today else date.today()
    cutoff = day - timedelta(days=PUBLICATION_DAYS)
    due = db.session.scalars(select(SpCommunication).where(
        SpCommunication.status == SpCommunicationStatus.SENT, SpCommunication.sent_on <= cutoff
    ).order_by(SpCommunication.id)).all()
    published, refused = [], {}
    for comm in due:
        sender = db.session.get(User, comm.sent_by_id or comm.officer_id)
        # Asked first rather than tried in a savepoint: publishing queues the public PDFs, which
        # must not be sent to the queue from a savepoint that could still be rolled back.
        reason = refusal_reason(comm, COMMUNICATION_WORKFLOW.transition("publish"), sender)
        if reason:  # e.g. the sender has left the desk: the others still go out
            refused[comm.id] = reason
            continue
        with acting_as(sender.id):
            # Dated on its due day, as if published then; never later than today (a run for a day
            # still to come, e.g. `publish-due --today`, publishes today).
            publish(comm, min(comm.publication_due_on, date.today()), sender)
        published.append(comm.id)
    db.session.commit()
    return {"published": published, **({"refused": refused} if refused else {})}
