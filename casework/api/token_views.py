"""Pages where people manage their API tokens, and where administrators revoke anyone's."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from casework.api.tokens import (
    AccessToken, TokenRefused, all_tokens, create_token, may_revoke, revoke_token, tokens_of,
)
from casework.cases.forms import ConfirmForm
from casework.core.db import utcnow
from casework.core.forms import Form
from casework.core.permissions import Permission, has_global
from casework.core.writes import again_at, write
from casework.extensions import db

bp = Blueprint("tokens", __name__)


class TokenForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Say what will use the token.")), Length(max=100)],
                       description=_l("What will use it, e.g. “Monthly statistics script”."))
    expires_on = DateField(_l("Expires on"), validators=[Optional()],
                           description=_l("Leave empty for a token that lasts until you revoke it."))

    def validate_expires_on(self, field) -> None:
        if field.data and field.data <= utcnow().date():
            raise ValidationError(_l("The expiry date must be in the future."))


@bp.route("/account/tokens", methods=["GET", "POST"])
def account_tokens():
    """The user's tokens; creating one shows its secret on this answer only.

    Not through `write()`: its redirect would have to carry the secret to the next page (in the
    session cookie), and the secret must exist in one answer only.
    """
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            token, secret = create_token(current_user, form.name.data, form.expires_on.data, current_user)
            db.session.commit()
            form = TokenForm(formdata=None)
        except TokenRefused as refusal:
            db.session.rollback()
            form.name.errors = [*form.name.errors, str(refusal)]
    status = 400 if form.errors else (201 if secret else 200)
    return render_template("api/tokens.html", form=form, secret=secret, tokens=tokens_of(current_user),
                           confirm=ConfirmForm()), status


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke(token_id: int):
    token = db.session.get(AccessToken, token_id)
    if token is None or not may_revoke(current_user, token):
        abort(404)
    back = url_for("tokens.admin_tokens" if request.args.get("from") == "admin" and current_user.is_admin
                   else "tokens.account_tokens")
    return write(lambda: revoke_token(token, current_user), form=ConfirmForm(), again=again_at(back),
                 done=_("Token “%(name)s” revoked: programs using it are refused from now on.", name=token.name),
                 to=back)


@bp.route("/admin/tokens")
def admin_tokens():
    if not has_global(current_user, Permission.MANAGE_USERS):
        abort(403)
    return render_template("api/admin_tokens.html", tokens=all_tokens(), confirm=ConfirmForm())
