"""Forms for signing in and managing one's own account."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from casework.core.forms import Form


class LoginForm(Form):
    # No format check at sign-in: accounts are validated when created, and a stricter rule
    # here could lock out an existing user.
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class TotpForm(Form):
    code = StringField(
        _l("Six-digit code from your authenticator app"),
        validators=[DataRequired(), Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("Enter the six digits."))],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class EnrolTotpForm(TotpForm):
    """Setting up an authenticator; replacing an existing one also needs the password."""

    current_password = PasswordField(_l("Current password"), validators=[Optional()])


class PasswordChangeForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=12, message=_l("Use at least 12 characters."))],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
    )


class LanguageForm(Form):
    """The language of the pages, in the account menu of every page."""

    locale = SelectField(_l("Language"), choices=[])
    next = HiddenField()  # the page the menu was opened on, to go back to
