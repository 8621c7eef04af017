"""The notifications page, the bell's count, and the digest preference.

The routes hang on the main blueprint (the home page's), so they need no registration of
their own; `casework.main.views` imports this module.
"""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import BooleanField

from casework.cases.access import load_own
from casework.core.forms import Form
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can
from casework.core.writes import Again, again_at, write
from casework.main.views import bp
from casework.reminders.models import Notification
from casework.reminders.notify import mark_all_read, mark_read, set_email_digest, unread_count
from casework.reminders.schedule import start_in_process_scheduler


class DigestPreferenceForm(Form):
    email_digest = BooleanField()


@bp.app_context_processor
def _bell() -> dict:
    return {"unread_notification_count": lambda: unread_count(current_user)}


bp.before_app_request(start_in_process_scheduler)


@bp.route("/notifications")
def notifications():
    page = paginate(
        select(Notification).where(Notification.user_id == current_user.id),
        sorts={"created": Notification.created_at}, default_sort="created", default_direction="desc",
        key=Notification.id,
    )
    form = DigestPreferenceForm(email_digest=current_user.email_digest)
    return render_template("main/notifications.html", page=page, form=form, unread=unread_count(current_user))


def _on_notifications() -> Again:
    return again_at(url_for("main.notifications"))


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
def read_notification(notification_id: int):
    """Mark one notification read; with `open`, go on to its case."""
    notification = load_own(Notification, notification_id)
    return write(lambda: mark_read(notification), again=_on_notifications(), done=None, to=_after_reading(notification))


def _after_reading(notification: Notification) -> str:
    """With `open`, on to the notification's case (or My work if it can no longer be seen)."""
    case = notification.case
    if request.form.get("open") and case is not None and can(current_user, Permission.VIEW, case):
        return case.url
    return url_for("main.my_work") if request.form.get("open") else url_for("main.notifications")


@bp.route("/notifications/read-all", methods=["POST"])
def read_all_notifications():
    return write(lambda: mark_all_read(current_user._get_current_object()), again=_on_notifications(),
                 done=lambda count: _("%(count)s notification(s) marked as read.", count=count),
                 to=url_for("main.notifications"))


@bp.route("/notifications/preferences", methods=["POST"])
def notification_preferences():
    form = DigestPreferenceForm()
    return write(lambda: set_email_digest(current_user._get_current_object(), form.email_digest.data), form=form,
                 again=_on_notifications(),
                 done=lambda _none: _("Daily digest by e-mail turned on.") if form.email_digest.data
                 else _("Daily digest by e-mail turned off."), to=url_for("main.notifications"))
