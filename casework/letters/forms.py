"""Forms for drafting, sending and filing replies to letters."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, choices, version_field
from casework.letters.phrases import LANGUAGES

CHANNELS = choices([("email", _l("E-mail")), ("hand", _l("Delivered by hand")), ("pouch", _l("Diplomatic pouch")),
                    ("post", _l("Post")), ("fax", _l("Fax"))])


def _pairs(text: str) -> list[tuple[str, str]]:
    """Lines of "first part | second part"."""
    rows = []
    for line in (text or "").splitlines():
        first, _sep, second = line.partition("|")
        if first.strip():
            rows.append((first.strip(), second.strip()))
    return rows


class NewLetterForm(SubmittedOnce, Form):
    letter_type = SelectField(_l("Type"), validators=[DataRequired()])
    language = SelectField(_l("Language"), choices=choices(LANGUAGES.items()), default="en")
    unit_id = SelectField(_l("Sent on behalf of"), coerce=int, validators=[Optional()])


class LetterForm(Form):
    version = version_field()
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=300)])
    reference = StringField(_l("Reference"), validators=[
        Optional(), Length(max=60),
        Regexp(r"^[\w ./()-]+$", message=_l("Use letters, digits, spaces and . / ( ) - only."))])
    letter_date = DateField(_l("Date"), validators=[Optional()],
                            description=_l("Leave empty to date the letter when the final PDF is produced."))
    language = SelectField(_l("Language"), choices=choices(LANGUAGES.items()))
    all_missions = BooleanField(_l("All Permanent Missions (circular)"))
    addressee_states = SelectMultipleField(_l("To the Permanent Mission of"), coerce=int, validators=[Optional()])
    other_addressees = TextAreaField(
        _l("Other addressees"), validators=[Optional(), Length(max=4000)],
        description=_l("Companies, authors or counsel: one per line, “Name | address”."))
    copy_states = SelectMultipleField(_l("Copy to the Permanent Mission of"), coerce=int, validators=[Optional()])
    signatories = TextAreaField(
        _l("Signatories"), validators=[Optional(), Length(max=4000)],
        description=_l("One per line, “Name | Title”, e.g. “Amara Okonjo-Lind | Special Rapporteur on the situation "
                       "of human rights defenders”."))
    body = TextAreaField(_l("Text"), validators=[DataRequired()], render_kw={"rows": 16},
                         description=_l("Separate paragraphs with an empty line."))
    annex_title = StringField(_l("Annex title"), validators=[Optional(), Length(max=300)])
    annex_body = TextAreaField(_l("Annex text"), validators=[Optional()], render_kw={"rows": 6})

    def validate_signatories(self, field) -> None:
        for name, title in _pairs(field.data):
            if not title:
                raise ValidationError(_l("Give each signatory a title after “|”: %(name)s", name=name))

    def other_addressee_pairs(self) -> list[tuple[str, str]]:
        return _pairs(self.other_addressees.data)

    def signatory_pairs(self) -> list[tuple[str, str]]:
        return _pairs(self.signatories.data)


class SentForm(Form):
    version = IntegerField(validators=[DataRequired()])
    sent_on = DateField(_l("Sent on"), validators=[DataRequired()])
    channel = SelectField(_l("How"), choices=CHANNELS)


class ReplyForm(Form):
    version = IntegerField(validators=[DataRequired()])
    received_on = DateField(_l("Reply received on"), validators=[DataRequired()])
    file = FileField(_l("Reply document"), validators=[FileRequired(_l("Attach the reply."))])
