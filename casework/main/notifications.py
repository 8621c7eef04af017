"""The notifications page, the bell's count, and the digest preference.

The routes hang on the main blueprint (the home page's), so they need no registration of
their own; `casework.main.views` imports this module.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField

from casework.core.pagination import paginate
from casework.core.permissions import Permission, can
from casework.extensions import db
from casework.main.views import bp
from casework.reminders.models import Notification
from casework.reminders.notify import mark_all_read, mark_read, set_email_digest, unread_count
from casework.reminders.schedule import start_in_process_scheduler


class DigestPreferenceForm(FlaskForm):
    email_digest = BooleanField()


@bp.app_context_processor
def _bell() -> dict:
    return {"unread_notification_count": lambda: unread_count(current_user)}


bp.before_app_request(start_in_process_scheduler)


def _own(notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    return notification


@bp.route("/notifications")
def notifications():
    page = paginate(
        select(Notification).where(Notification.user_id == current_user.id),
        sorts={"created": Notification.created_at}, default_sort="created", default_direction="desc",
        key=Notification.id,
    )
    form = DigestPreferenceForm(email_digest=current_user.email_digest)
    return render_template("main/notifications.html", page=page, form=form,
                           unread=unread_count(current_user))


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
def read_notification(notification_id: int):
    """Mark one notification read; with `open`, go on to its case."""
    notification = _own(notification_id)
    mark_read(notification)
    db.session.commit()
    case = notification.case
    if request.form.get("open") and case is not None and can(current_user, Permission.VIEW, case):
        return redirect(case.url, 303)
    if request.form.get("open"):
        return redirect(url_for("main.my_work"), 303)
    return redirect(url_for("main.notifications"), 303)


@bp.route("/notifications/read-all", methods=["POST"])
def read_all_notifications():
    count = mark_all_read(current_user._get_current_object())
    db.session.commit()
    flash(_("%(count)s notification(s) marked as read.", count=count), "success")
    return redirect(url_for("main.notifications"), 303)


@bp.route("/notifications/preferences", methods=["POST"])
def notification_preferences():
    form = DigestPreferenceForm()
    if not form.validate_on_submit():
        abort(400)
    set_email_digest(current_user._get_current_object(), form.email_digest.data)
    db.session.commit()
    flash(_("Daily digest by e-mail turned on.") if form.email_digest.data
          else _("Daily digest by e-mail turned off."), "success")
    return redirect(url_for("main.notifications"), 303)
