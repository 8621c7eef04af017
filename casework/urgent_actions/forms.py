"""Forms for receiving, registering and following up urgent actions."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, PastDateField, YearField, choices, enum_choices, version_field
from casework.core.persons import Sex
from casework.letters.phrases import LANGUAGES
from casework.urgent_actions import operations as ops
from casework.urgent_actions.models import CRITERIA_LABELS, LOCATED_LABELS, Criterion, RecommendationKind, ResponseStatus

DECISION_CHOICES = choices([
    ("register", _l("Register: every criterion is met")),
    ("request_information", _l("Request information from the authors")),
    ("refuse_registration", _l("Do not register")),
    ("forward_to_wgeid", _l("Forward to the Working Group on Enforced Disappearances")),
])


def _criteria_fields(cls):
    for criterion in Criterion:
        setattr(cls, f"criterion_{criterion.value}", BooleanField(CRITERIA_LABELS[criterion]))
    return cls


class EventFields(Form):
    """What the request says about the disappearance; shared by one urgent action and a group."""

    state_id = SelectField(_l("State party"), coerce=int, validators=[DataRequired(_l("Choose the State party."))])
    second_state_id = SelectField(_l("Second State (parallel registration)"), coerce=int, validators=[Optional()])
    received_on = PastDateField(_l("Received on"), validators=[DataRequired()])
    language = SelectField(_l("Language of the letters"), choices=choices(LANGUAGES.items()), default="es")
    last_seen_on = PastDateField(_l("Last seen on"), validators=[Optional()])
    last_seen_place = StringField(_l("Last seen at"), validators=[Optional(), Length(max=300)])
    circumstances = TextAreaField(_l("Circumstances"), validators=[Optional(), Length(max=10000)])
    alleged_perpetrators = TextAreaField(_l("Alleged perpetrators"), validators=[Optional(), Length(max=4000)])
    complaint_authority = StringField(_l("Reported to (national authority)"), validators=[Optional(), Length(max=300)])
    complaint_filed_on = PastDateField(_l("Reported on"), validators=[Optional()])
    complaint_file_number = StringField(_l("File number"), validators=[Optional(), Length(max=120)])
    other_procedures = TextAreaField(_l("Other international procedures"), validators=[Optional(), Length(max=4000)])
    protection_needs = TextAreaField(_l("Protection needs of relatives and witnesses"),
                                     validators=[Optional(), Length(max=4000)])
    author_family_name = StringField(_l("Author: family name"), validators=[DataRequired(), Length(max=200)])
    author_given_names = StringField(_l("Author: given names"), validators=[Optional(), Length(max=200)])
    other_authors = TextAreaField(_l("Other authors"), validators=[Optional(), Length(max=4000)],
                                  description=_l("One per line: family name; given names."))
    authors_relationship = StringField(_l("Relationship to the disappeared person"),
                                       validators=[Optional(), Length(max=300)])
    authors_contact = TextAreaField(_l("How to reach the authors"), validators=[Optional(), Length(max=2000)])

    def validate_other_authors(self, field) -> None:
        try:
            parse_persons(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def authors(self) -> list[ops.PersonInput]:
        """The author named first, then one per line of "Other authors"."""
        first = ops.PersonInput(self.author_family_name.data, self.author_given_names.data or "")
        return [first, *parse_persons(self.other_authors.data)]

    def disappearance(self) -> ops.Disappearance:
        return ops.Disappearance(
            **self.facts(), authors=self.authors(),
            authors_relationship=self.authors_relationship.data or "", authors_contact=self.authors_contact.data or "",
        )

    def facts(self) -> dict:
        """What the request says about the event itself, without the authors."""
        authority = (self.complaint_authority.data or "").strip()
        complaints = ([(authority, self.complaint_filed_on.data, (self.complaint_file_number.data or "").strip())]
                      if authority else [])
        return dict(
            state_id=self.state_id.data, second_state_id=self.second_state_id.data or None,
            received_on=self.received_on.data, language=self.language.data, last_seen_on=self.last_seen_on.data,
            last_seen_place=self.last_seen_place.data or "", circumstances=self.circumstances.data or "",
            alleged_perpetrators=self.alleged_perpetrators.data or "", other_procedures=self.other_procedures.data or "",
            protection_needs=self.protection_needs.data or "", complaints=complaints,
        )


class UrgentActionForm(SubmittedOnce, EventFields):
    family_name = StringField(_l("Family name"), validators=[DataRequired(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=enum_choices(Sex), default=Sex.UNKNOWN.value)
    age = IntegerField(_l("Age"), validators=[Optional(), NumberRange(0, 120)])
    nationality_id = SelectField(_l("Nationality"), coerce=int, validators=[Optional()])

    def disappeared(self) -> ops.PersonInput:
        return ops.PersonInput(self.family_name.data, self.given_names.data or "", Sex(self.sex.data),
                               self.age.data, self.nationality_id.data or None)


class UrgentActionDetailsForm(UrgentActionForm):
    """The registration form for correcting an urgent action, with the same rules.

    The names of the disappeared person and of the authors are records of the persons registry
    and are corrected there, so their fields are left out; the age at disappearance stays, as it
    is held on the urgent action. `version` is the case's version when the page was loaded.
    """

    family_name = None
    given_names = None
    sex = None
    nationality_id = None
    author_family_name = None
    author_given_names = None
    other_authors = None
    version = version_field()

    def without_authors(self) -> UrgentActionDetailsForm:
        """For a user who may not know the authors: their fields are neither shown nor read."""
        del self.authors_relationship
        del self.authors_contact
        return self

    @property
    def with_authors(self) -> bool:
        return "authors_contact" in self

    def disappearance(self) -> ops.Disappearance:
        if not self.with_authors:
            return ops.Disappearance(**self.facts())
        return ops.Disappearance(**self.facts(), authors_relationship=self.authors_relationship.data or "",
                                 authors_contact=self.authors_contact.data or "")


def parse_persons(text: str) -> list[ops.PersonInput]:
    """Lines of "family name; given names; sex; age" (sex and age may be left out)."""
    persons = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")] + ["", "", ""]
        sex = parts[2].lower() or Sex.UNKNOWN.value
        if sex not in {s.value for s in Sex} or (parts[3] and not parts[3].isdigit()):
            raise ValueError(_("Line %(number)s: write “family name; given names; sex; age”, sex one of female, "
                               "male, other, unknown.", number=number))
        persons.append(ops.PersonInput(parts[0], parts[1], Sex(sex), int(parts[3]) if parts[3] else None))
    return persons


@_criteria_fields
class GroupForm(SubmittedOnce, EventFields):
    title = StringField(_l("The event"), validators=[DataRequired(), Length(max=300)],
                        description=_l("E.g. “Students of the Ayotzinapa college, Iguala, 26 September 2014”."))
    persons = TextAreaField(_l("Disappeared persons"), validators=[DataRequired()],
                            description=_l("One per line: family name; given names; sex; age."))
    reason = TextAreaField(_l("Registration note"), validators=[Optional(), Length(max=4000)])
    registered_on = PastDateField(_l("Registered on"), validators=[Optional()],
                                  description=_l("The numbers take the year of this date."))
    letters = RadioField(_l("Letters"), default=ops.PER_PERSON, choices=choices([
        (ops.PER_PERSON, _l("One note verbale and one letter to the authors per person")),
        (ops.COMBINED, _l("One combined note verbale and one combined letter to the authors, persons in an annex")),
    ]))

    def validate_persons(self, field) -> None:
        try:
            found = parse_persons(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        if len(found) < 2:
            raise ValidationError(_l("A group has at least two persons."))


@_criteria_fields
class RegistrationForm(Form):
    decision = RadioField(_l("Decision"), choices=DECISION_CHOICES, validators=[DataRequired()])
    decided_on = PastDateField(_l("Decided on"), validators=[Optional()],
                               description=_l("The number takes the year of this date."))
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=4000)],
                           description=_l("Required unless registering: it is kept and shown to the authors."))


def criteria_of(form) -> dict[str, bool]:
    return {c.value: bool(form[f"criterion_{c.value}"].data) for c in Criterion}


KINDS = [k.value for k in RecommendationKind]


class FollowUpForm(Form):
    recommendations = TextAreaField(
        _l("Recommendations"), validators=[DataRequired(), Length(max=10000)],
        description=_l("One per line, optionally starting with its kind: search, investigate, protect_relatives, "
                       "interim_measures, e.g. “search | Search the landfill with forensic experts.”"))
    due_on = DateField(_l("New deadline for the State"), validators=[DataRequired()])

    def pairs(self) -> list[tuple[RecommendationKind, str]]:
        rows = []
        for line in self.recommendations.data.splitlines():
            kind, sep, text = line.partition("|")
            if not sep or kind.strip() not in KINDS:
                kind, text = RecommendationKind.OTHER.value, line
            if text.strip():
                rows.append((RecommendationKind(kind.strip()), text.strip()))
        return rows


class ResponseForm(Form):
    response_status = SelectField(_l("State's response"), choices=enum_choices(ResponseStatus))
    state_response = TextAreaField(_l("What the State said"), validators=[Optional(), Length(max=10000)])
    responded_on = DateField(_l("On"), validators=[Optional()])


OUTCOME_CHOICES = choices([(kind.value, label) for kind, label in LOCATED_LABELS.items()])


class OutcomeForm(Form):
    """Where one disappeared person was found; drawn once per person, each with its own prefix."""

    version = version_field()
    outcome = SelectField(_l("Outcome"), choices=OUTCOME_CHOICES, validators=[DataRequired()])
    located_on = PastDateField(_l("Located on"), validators=[DataRequired(_l("Give the date the person was located."))])


def outcome_form(person_id: int, **data) -> OutcomeForm:
    return OutcomeForm(prefix=f"person-{person_id}", **data)


class ListFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Number or disappeared person"), validators=[Optional()])
    state = SelectField(_l("State"), coerce=int, validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    year = YearField(_l("Registered in"), validators=[Optional()])
    bucket = SelectField(_l("Figure"), validators=[Optional()])
    due = SelectField(_l("Reply"), validators=[Optional()], choices=choices([
        ("", _l("Any")), ("overdue", _l("Overdue")), ("reminder", _l("Reminder due")),
        ("meeting", _l("Due for a meeting with the rapporteurs"))]))
    group = IntegerField(_l("Group"), validators=[Optional()])
