"""Administrator forms."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from casework.auth.models import Role
from casework.core.forms import Form, enum_choices
from casework.core.units import UnitKind



class UserForm(Form):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        _l("Password"),
        description=_l("At least 12 characters. Leave empty to keep the current password."),
        validators=[Optional(), Length(min=12, message=_l("Use at least 12 characters."))],
    )
    is_admin = BooleanField(_l("Administrator (must use two-factor sign-in)"))
    is_auditor = BooleanField(_l("Auditor (read-only everywhere, sees the audit log)"))
    active = BooleanField(_l("Account active"), default=True)


class MembershipForm(Form):
    unit_id = SelectField(_l("Unit"), coerce=int, validators=[DataRequired(_l("Choose a unit."))])
    role = SelectField(_l("Role"), choices=enum_choices(Role), validators=[DataRequired(_l("Choose a role."))])


class UnitForm(Form):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=40), Regexp(r"^[A-Za-z0-9._-]+$", message=_l("Letters, digits, . _ - only."))],
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=enum_choices(UnitKind))
