"""Forms for drafting, co-signing, sending and following up communications."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, URL, ValidationError

from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, YearField, choices, enum_choices, version_field
from casework.core.persons import Sex
from casework.letters.phrases import LANGUAGES
from casework.special_procedures import operations as ops
from casework.special_procedures.models import TYPE_LABELS, CommunicationType

TYPE_CHOICES = choices((t.value, f"{t.value} — {label}") for t, label in TYPE_LABELS.items())


def parse_non_state(text: str, state_ids_by_iso3: dict[str, int]) -> list[ops.AddresseeInput]:
    """One non-State actor per line: "Name | Dear … | ISO-3 codes of the States copied"."""
    actors = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        name, contact = parts[0], parts[1] if len(parts) > 1 else ""
        codes = [c.strip().upper() for c in (parts[2] if len(parts) > 2 else "").replace(";", ",").split(",")
                 if c.strip()]
        unknown = [c for c in codes if c not in state_ids_by_iso3]
        if unknown:
            raise ValidationError(_l("Line %(n)s: write “Name | Dear … | ISO-3 codes copied” (unknown: %(codes)s).",
                                     n=number, codes=", ".join(unknown)))
        if not name:
            raise ValidationError(_l("Line %(n)s: write “Name | Dear … | ISO-3 codes copied”.", n=number))
        actors.append(ops.AddresseeInput(name=name, contact_name=contact,
                                         copy_state_ids=[state_ids_by_iso3[c] for c in codes]))
    return actors


class CommunicationForm(Form):
    """The draft's content. `iso3_ids` reads the ISO-3 codes of the States a non-State actor copies."""

    comm_type = SelectField(_l("Type"), choices=TYPE_CHOICES, validators=[DataRequired()])
    title = StringField(_l("Subject"), validators=[DataRequired(), Length(max=300)],
                        description=_l("What the information received concerns, e.g. “the arrest of three human "
                                       "rights defenders”."))
    language = SelectField(_l("Language"), choices=choices(LANGUAGES.items()), default="en")
    state_ids = SelectMultipleField(_l("States addressed"), coerce=int, validators=[Optional()])
    non_state = TextAreaField(_l("Non-State actors addressed"), validators=[Optional(), Length(max=4000)],
                              description=_l("One per line: Name | Dear … | ISO-3 codes of the States copied, e.g. "
                                             "“Acme Mining Ltd. | Mr. Smith | CAN, PER”."))
    summary = TextAreaField(_l("Information received"), validators=[Optional(), Length(max=40000)],
                            description=_l("Paragraphs separated by a blank line."))
    questions = TextAreaField(_l("Questions"), validators=[Optional(), Length(max=10000)],
                              description=_l("One question per line; they are numbered in the letter."))
    themes = StringField(_l("Themes"), validators=[Optional(), Length(max=300)])
    legislation = TextAreaField(_l("Legislation concerned (other letters)"), validators=[Optional(), Length(max=4000)])
    source = TextAreaField(_l("Source (strictly confidential)"), validators=[Optional(), Length(max=4000)],
                           description=_l("Known only to the lead desk; never in a letter, list or export."))

    def __init__(self, *args, iso3_ids: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.iso3_ids = iso3_ids or {}

    def validate_non_state(self, field) -> None:
        parse_non_state(field.data, self.iso3_ids)

    def content(self) -> ops.CommunicationContent:
        addressees = [ops.AddresseeInput(state_id=i) for i in self.state_ids.data or []]
        addressees += parse_non_state(self.non_state.data, self.iso3_ids)
        return ops.CommunicationContent(
            comm_type=CommunicationType(self.comm_type.data), title=self.title.data.strip(),
            language=self.language.data, summary=self.summary.data or "", questions=self.questions.data or "",
            themes=self.themes.data or "", legislation=self.legislation.data or "", source=self.source.data or "",
            addressees=addressees)


class NewCommunicationForm(SubmittedOnce, CommunicationForm):
    lead_mandate_id = SelectField(_l("Lead mandate"), coerce=int,
                                  validators=[InputRequired(message=_l("Choose the lead mandate."))])


class DraftForm(CommunicationForm):
    """The draft as saved again: the version the page was drawn from comes back with it."""

    version = version_field()


class VictimForm(Form):
    family_name = StringField(_l("Family name"), validators=[DataRequired(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=enum_choices(Sex), default=Sex.UNKNOWN.value)
    profession = StringField(_l("Profession"), validators=[Optional(), Length(max=200)])
    defender = BooleanField(_l("Human rights defender"))
    redact = BooleanField(_l("Initials only in public"), default=True)

    def victim(self) -> ops.VictimInput:
        return ops.VictimInput(self.family_name.data, self.given_names.data or "", Sex(self.sex.data),
                               self.profession.data or "", self.defender.data, self.redact.data)


class InviteForm(Form):
    mandate_ids = SelectMultipleField(_l("Invite mandates to co-sign"), coerce=int, validators=[DataRequired()])


class DecisionForm(Form):
    decision = SelectField(_l("Decision"), choices=choices([("approve", _l("Approve and co-sign")),
                                                           ("decline", _l("Decline"))]))
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class SendForm(Form):
    version = version_field()
    sent_on = DateField(_l("Sent on"), validators=[DataRequired()])


REPLY_LANGUAGES = {"en": _l("English"), "fr": _l("French"), "es": _l("Spanish"), "ar": _l("Arabic"),
                   "ru": _l("Russian"), "zh": _l("Chinese")}


class ReplyForm(Form):
    received_on = DateField(_l("Received on"), validators=[DataRequired()])
    language = SelectField(_l("Language"), choices=choices(REPLY_LANGUAGES.items()))
    addressee_id = SelectField(_l("From"), coerce=int, validators=[Optional()])
    file = FileField(_l("Reply document"))


class PressReleaseForm(Form):
    version = version_field()
    released_on = DateField(_l("Press release of"), validators=[DataRequired()])
    url = StringField(_l("Link"), validators=[DataRequired(), URL(), Length(max=500)])


class ReportForm(Form):
    version = version_field()
    session = StringField(_l("Council session"), validators=[DataRequired(), Length(max=60)],
                          description=_l("e.g. “HRC 62”."))


class HolderForm(Form):
    holder_name = StringField(_l("Holder"), validators=[DataRequired(), Length(max=200)])
    holder_title = StringField(_l("Title under the signature"), validators=[DataRequired(), Length(max=300)])
    resolutions = StringField(_l("Council resolutions"), validators=[Optional(), Length(max=300)])


class FilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Reference or subject"), validators=[Optional()])
    state = SelectField(_l("State"), coerce=int, validators=[Optional()])
    mandate = SelectField(_l("Mandate"), coerce=int, validators=[Optional()])
    comm_type = SelectField(_l("Type"), validators=[Optional()])
    year = YearField(_l("Year sent"), validators=[Optional()])
