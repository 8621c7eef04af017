"""E-mail through SMTP, sent by a background job, never inside a request.

Nothing is queued when no SMTP host is configured. A failure (server down, address refused)
fails the job with the reason, so it shows in the jobs list and can be retried; a message
already sent is never sent again.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

import smtplib
from collections.abc import Callable
from email.message import EmailMessage

from flask import current_app, request

from casework.core.db import utcnow
from casework.core.jobs import enqueue, job
from casework.extensions import db
from casework.reminders.models import OutgoingEmail


def smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def page_address(path: Callable[[], str]) -> str | None:
    """The full address of a page for an e-mail, `path` giving it by `url_for`; None without BASE_URL.

    E-mails are written by background jobs, outside any request, so the address users open
    Casework at comes from the setting, and the path is built as a request there would build it.
    """
    base = current_app.config.get("BASE_URL")
    if not base:
        return None
    with current_app.test_request_context(base_url=base):
        return request.host_url.rstrip("/") + path()


def queue_email(user, subject: str, body: str) -> OutgoingEmail | None:
    """Record an e-mail to `user` and queue its sending after the commit; None without SMTP. Flushes."""
    if not smtp_configured() or not user.email:
        return None
    message = OutgoingEmail(user_id=user.id, to_address=user.email, subject=subject, body=body)
    db.session.add(message)
    db.session.flush()
    enqueue(send_email, message.id, subject=message)
    return message


@job(label=_l("Send an e-mail"))
def send_email(email_id: int) -> dict:
    """Send one recorded e-mail through the configured SMTP server."""
    message = db.session.get(OutgoingEmail, email_id)
    if message is None or message.sent_at is not None:
        return {"skipped": "already sent" if message else "no such e-mail"}
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["SMTP_FROM"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"] or "")
        smtp.send_message(email)
    message.sent_at = utcnow()
    db.session.commit()
    return {"sent_to": message.to_address}
