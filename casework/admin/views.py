"""Administrator pages: users and their memberships, units, failed background jobs."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casework.admin import operations as ops
from casework.admin.forms import MembershipForm, UnitForm, UserForm
from casework.auth.models import Membership, Role, User
from casework.cases.forms import ConfirmForm
from casework.core import jobs
from casework.core.forms import choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, has_global
from casework.core.units import Unit
from casework.core.writes import Again, again_at, again_on, write
from casework.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_administrator():
    if not has_global(current_user, Permission.MANAGE_USERS):
        abort(403)


def _user_or_404(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.route("/users")
def users():
    page = paginate(
        select(User), sorts={"name": User.name, "email": User.email, "last_login": User.last_login_at},
        default_sort="name",
    )
    return render_template("admin/users.html", page=page)


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    form = UserForm()
    again = again_on("admin/user_form.html", form=form, user=None)
    return write(lambda: ops.save_user(None, form.name.data, form.email.data, form.password.data, form.is_admin.data,
                                       form.is_auditor.data, form.active.data),
                 form=form, field=form.email, again=again,
                 done=lambda user: _("Account created for %(name)s. Add their units below.", name=user.name),
                 to=lambda user: url_for("admin.edit_user", user_id=user.id))


def _membership_form() -> MembershipForm:
    form = MembershipForm()
    form.unit_id.choices = choices(
        (u.id, str(u)) for u in db.session.scalars(select(Unit).order_by(Unit.kind, Unit.code))
    )
    return form


def _on_user_page(user: User, **forms) -> Again:
    """The account page again, the refused form as typed and the others as the account stands."""
    return again_on("admin/user_form.html", user=user, **{
        "form": UserForm(formdata=None, obj=user), "membership_form": _membership_form(),
        "confirm_form": ConfirmForm(), **forms})


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    user = _user_or_404(user_id)
    form = UserForm(obj=user)
    again = _on_user_page(user, form=form)
    return write(lambda: ops.save_user(user, form.name.data, form.email.data, form.password.data, form.is_admin.data,
                                       form.is_auditor.data, form.active.data),
                 form=form, field=form.email, again=again, done=_("Changes saved."),
                 to=url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/memberships", methods=["POST"])
def add_membership(user_id: int):
    user = _user_or_404(user_id)
    form = _membership_form()
    return write(lambda: ops.set_membership(user, db.session.get(Unit, form.unit_id.data), Role(form.role.data)),
                 form=form, again=_on_user_page(user, membership_form=form), done=_("Membership saved."),
                 to=url_for("admin.edit_user", user_id=user.id))


@bp.route("/memberships/<int:membership_id>/remove", methods=["POST"])
def remove_membership(membership_id: int):
    membership = db.session.get(Membership, membership_id) or abort(404)
    return _account_action(membership.user, lambda _user: ops.remove_membership(membership), _("Membership removed."))


def _account_action(user: User, operation: Callable[[User], object], done: str):
    """A button on the account page: confirm (CSRF), do one thing, say so, go back."""
    form = ConfirmForm()
    return write(lambda: operation(user), form=form, again=_on_user_page(user, confirm_form=form), done=done,
                 to=url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
def unlock_user(user_id: int):
    return _account_action(_user_or_404(user_id), ops.unlock, _("Account unlocked."))


@bp.route("/users/<int:user_id>/reset-two-factor", methods=["POST"])
def reset_two_factor(user_id: int):
    return _account_action(_user_or_404(user_id), ops.reset_two_factor, _("Two-factor sign-in reset."))


@bp.route("/units", methods=["GET", "POST"])
def units():
    form = UnitForm()
    all_units = db.session.scalars(select(Unit).order_by(Unit.kind, Unit.code)).all()
    again = again_on("admin/units.html", units=all_units, form=form)
    return write(lambda: ops.create_unit(form.code.data, form.name.data, form.kind.data), form=form,
                 field=form.code, again=again, done=_("Unit created."), to=url_for("admin.units"))


@bp.route("/jobs")
def job_list():
    page = paginate(select(jobs.JobRecord), sorts={"created": jobs.JobRecord.id}, default_sort="created",
                    default_direction="desc")
    return render_template("admin/jobs.html", page=page, confirm_form=ConfirmForm())


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
def retry_job(job_id: int):
    record = db.session.get(jobs.JobRecord, job_id) or abort(404)
    form = ConfirmForm()
    return write(lambda: jobs.retry(record), form=form, again=again_at(url_for("admin.job_list")),
                 done=_("Job queued again."), to=url_for("admin.job_list"))
