"""Forms for receiving working group cases and for the steps, opinions and members on their pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from casework.cases.lookup import PickerSource
from casework.persons.lookup import RegistryPersonField
from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, PastDateField, YearField, choices, enum_choices, version_field
from casework.core.persons import Sex
from casework.letters.phrases import LANGUAGES
from casework.working_groups import operations as ops
from casework.working_groups.models import CATEGORIES, CATEGORY_LABELS, OUTCOME_LABELS, Outcome, Procedure


class CheckboxesField(SelectMultipleField):
    """Several choices, shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"class": "plain"})
        super().__init__(*args, **kwargs)


class ListFilterForm(Form):
    class Meta:
        csrf = False

    state = SelectField(_l("State"), coerce=int, validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    year = YearField(_l("Received in"), validators=[Optional(), NumberRange(1980, 2100)])


class SubmissionFields(Form):
    """What both working groups record when a case comes in."""

    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=enum_choices(Sex), default=Sex.UNKNOWN.value)
    nationality_id = SelectField(_l("Nationality"), coerce=int, validators=[Optional()])
    person_id = RegistryPersonField(_l("Or: person in the registry (name or number)"),
                                    render_kw={"data-picker": PickerSource("persons.lookup")})
    state_id = SelectField(_l("State"), coerce=int, validators=[DataRequired(_l("Choose the State."))])
    received_on = PastDateField(_l("Received on"), validators=[DataRequired()])
    language = SelectField(_l("Language of the letters"), choices=choices(LANGUAGES.items()), default="en")
    title = StringField(_l("Title (optional)"), validators=[Optional(), Length(max=300)])
    source_name = StringField(_l("Source"), validators=[DataRequired(_l("Name the source.")), Length(max=300)])
    source_contact = TextAreaField(_l("How to reach the source"), validators=[Optional(), Length(max=2000)])

    def person(self) -> ops.PersonInput:
        return ops.PersonInput(family_name=self.family_name.data or "", given_names=self.given_names.data or "",
                               sex=Sex(self.sex.data), nationality_id=self.nationality_id.data or None,
                               person_id=self.person_id.data or None)

    def common(self) -> dict:
        return {"state_id": self.state_id.data, "received_on": self.received_on.data, "title": self.title.data or "",
                "language": self.language.data, "source_name": self.source_name.data.strip(),
                "source_contact": self.source_contact.data or "", "persons": [self.person()]}


class DetentionForm(SubmittedOnce, SubmissionFields):
    place_of_detention = StringField(_l("Place of detention"), validators=[DataRequired(), Length(max=300)])
    arrested_on = PastDateField(_l("Date of arrest"), validators=[Optional()])
    legal_basis = TextAreaField(_l("Legal basis invoked by the authorities"), validators=[Optional(), Length(max=4000)])
    summary = TextAreaField(_l("Summary of the allegations"), validators=[DataRequired(), Length(max=20000)])

    def submission(self) -> ops.DetentionInput:
        return ops.DetentionInput(**self.common(), place_of_detention=self.place_of_detention.data,
                                  arrested_on=self.arrested_on.data, legal_basis=self.legal_basis.data or "",
                                  summary=self.summary.data)


class DisappearanceForm(SubmittedOnce, SubmissionFields):
    disappeared_on = PastDateField(_l("Date of the disappearance"), validators=[DataRequired()])
    place = StringField(_l("Place of the disappearance"), validators=[DataRequired(), Length(max=300)])
    circumstances = TextAreaField(_l("Circumstances"), validators=[Optional(), Length(max=20000)])
    procedure = RadioField(_l("Procedure"), default=Procedure.STANDARD.value, choices=choices([
        (Procedure.URGENT.value, _l("Urgent: disappeared within the last three months (the Chair transmits it)")),
        (Procedure.STANDARD.value, _l("Standard: transmitted after a session")),
    ]), render_kw={"class": "plain"})

    def submission(self) -> ops.DisappearanceInput:
        return ops.DisappearanceInput(**self.common(), disappeared_on=self.disappeared_on.data,
                                      place=self.place.data, circumstances=self.circumstances.data or "",
                                      procedure=Procedure(self.procedure.data))


class DetailsCorrection:
    """What the "Edit details" page changes in a registration form: it carries the version the case
    was loaded at, and leaves out the person concerned (corrected in the persons registry). The view
    also removes the details that may not change (`corrections.editable_fields`)."""

    version = version_field()
    family_name = given_names = sex = nationality_id = person_id = None

    def details(self) -> dict[str, object]:
        """The corrected details, by the name of the case's column; an empty text is "", as at receipt."""
        return {f.name: ("" if f.data is None and isinstance(f, StringField) else f.data)
                for f in self if f.name not in ("csrf_token", "version")}  # type: ignore[attr-defined]


class DetentionDetailsForm(DetailsCorrection, DetentionForm):
    pass


class DisappearanceDetailsForm(DetailsCorrection, DisappearanceForm):
    pass


class StepForm(Form):
    """A step taken on a given day; the session, the clarification or the reason where it needs one."""

    version = version_field()
    on = DateField(_l("On"), validators=[DataRequired(_l("Give the date."))])
    session = IntegerField(_l("Session"), validators=[Optional(), NumberRange(1, 999)])
    note = TextAreaField(_l("Clarification, reason or comment"), validators=[Optional(), Length(max=4000)])


class ExtensionForm(Form):
    note = StringField(_l("Requested by, granted by"),
                       validators=[DataRequired(_l("Say who asked for the extension and who granted it.")),
                                   Length(max=500)])


class OpinionForm(Form):
    session = IntegerField(_l("Session"), validators=[DataRequired(_l("Give the session number.")),
                                                     NumberRange(1, 999)])
    adopted_on = DateField(_l("Adopted on"), validators=[DataRequired()])
    outcome = SelectField(_l("Outcome"), choices=choices((o.value, label) for o, label in OUTCOME_LABELS.items()))
    categories = CheckboxesField(_l("Categories (when arbitrary)"),
                                 choices=choices((c, f"{c}: {CATEGORY_LABELS[c]}") for c in CATEGORIES))
    taking_part = CheckboxesField(_l("Members taking part"), coerce=int)

    def opinion(self) -> ops.OpinionInput:
        return ops.OpinionInput(session=self.session.data, adopted_on=self.adopted_on.data,
                                outcome=Outcome(self.outcome.data), categories=list(self.categories.data or []),
                                taking_part=list(self.taking_part.data or []))


class ReviewForm(Form):
    requested_by = SelectField(_l("Requested by"), choices=choices([("government", _l("The Government")),
                                                                   ("source", _l("The source"))]))
    received_on = PastDateField(_l("Received on"), validators=[DataRequired()])
    grounds = TextAreaField(_l("Grounds"), validators=[DataRequired(), Length(max=10000)])


class MemberForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    state_id = SelectField(_l("Nationality"), coerce=int, validators=[DataRequired(_l("Choose the State."))])
