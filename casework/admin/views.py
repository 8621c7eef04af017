"""Administrator pages: users and their memberships, units, failed background jobs."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
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
    if form.validate_on_submit():
        try:
            user = ops.save_user(None, form.name.data, form.email.data, form.password.data,
                                 form.is_admin.data, form.is_auditor.data, form.active.data)
        except ops.AdminError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Account created for %(name)s. Add their units below.", name=user.name), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id), 303)
    return render_template("admin/user_form.html", form=form, user=None), 400 if form.errors else 200


def _membership_form() -> MembershipForm:
    form = MembershipForm()
    form.unit_id.choices = choices(
        (u.id, str(u)) for u in db.session.scalars(select(Unit).order_by(Unit.kind, Unit.code))
    )
    return form


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    user = _user_or_404(user_id)
    form = UserForm(obj=user)
    if form.validate_on_submit():
        try:
            ops.save_user(user, form.name.data, form.email.data, form.password.data,
                          form.is_admin.data, form.is_auditor.data, form.active.data)
        except ops.AdminError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id), 303)
    return render_template(
        "admin/user_form.html", form=form, user=user, membership_form=_membership_form(), confirm_form=ConfirmForm()
    ), 400 if form.errors else 200


@bp.route("/users/<int:user_id>/memberships", methods=["POST"])
def add_membership(user_id: int):
    user = _user_or_404(user_id)
    form = _membership_form()
    if form.validate_on_submit():
        ops.set_membership(user, db.session.get(Unit, form.unit_id.data), Role(form.role.data))
        db.session.commit()
        flash(_("Membership saved."), "success")
    else:
        flash(_("Choose a unit and a role."), "danger")
    return redirect(url_for("admin.edit_user", user_id=user.id), 303)


@bp.route("/memberships/<int:membership_id>/remove", methods=["POST"])
def remove_membership(membership_id: int):
    membership = db.session.get(Membership, membership_id) or abort(404)
    user_id = membership.user_id
    if ConfirmForm().validate_on_submit():
        ops.remove_membership(membership)
        db.session.commit()
        flash(_("Membership removed."), "success")
    return redirect(url_for("admin.edit_user", user_id=user_id), 303)


def _account_action(user_id: int, operation, done: str):
    """A button on the account page: confirm (CSRF), do one thing, say so, go back."""
    user = _user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        operation(user)
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("admin.edit_user", user_id=user.id), 303)


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
def unlock_user(user_id: int):
    return _account_action(user_id, ops.unlock, _("Account unlocked."))


@bp.route("/users/<int:user_id>/reset-two-factor", methods=["POST"])
def reset_two_factor(user_id: int):
    return _account_action(user_id, ops.reset_two_factor, _("Two-factor sign-in reset."))


@bp.route("/units", methods=["GET", "POST"])
def units():
    form = UnitForm()
    if form.validate_on_submit():
        try:
            ops.create_unit(form.code.data, form.name.data, form.kind.data)
        except ops.AdminError as error:
            db.session.rollback()
            form.code.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Unit created."), "success")
            return redirect(url_for("admin.units"), 303)
    all_units = db.session.scalars(select(Unit).order_by(Unit.kind, Unit.code)).all()
    return render_template("admin/units.html", units=all_units, form=form), 400 if form.errors else 200


@bp.route("/jobs")
def job_list():
    page = paginate(select(jobs.JobRecord), sorts={"created": jobs.JobRecord.id}, default_sort="created",
                    default_direction="desc")
    return render_template("admin/jobs.html", page=page, confirm_form=ConfirmForm())


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
def retry_job(job_id: int):
    record = db.session.get(jobs.JobRecord, job_id) or abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            jobs.retry(record)
        except ValueError as error:
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("Job queued again."), "success")
    return redirect(url_for("admin.job_list"), 303)
