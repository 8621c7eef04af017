"""Forms of the reprisals pages."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from casework.cases.lookup import LinkFrom, linkable_case, normal_reference
from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, PastDateField, choices, enum_choices, not_before, version_field
from casework.core.persons import Sex
from casework.core.writes import Refused
from casework.persons.lookup import linkable_person
from casework.reprisals import operations as ops
from casework.reprisals.models import (
    ACTION_LABELS, CONSENT_LABELS, UN_BODY_LABELS, ActCategory, ActionKind, Annex, ConsentScope, RiskLevel, UNBody,
    VictimKind,
)

UN_BODY_CHOICES = choices((b.value, label) for b, label in UN_BODY_LABELS.items())


class VictimFields(Form):
    kind = SelectField(_l("Victim"), choices=enum_choices(VictimKind), default=VictimKind.INDIVIDUAL.value)
    person_id = IntegerField(_l("Person already in the registry (number)"), validators=[Optional()],
                             description=_l("Type a name to find them, or the number shown on their page."))
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=enum_choices(Sex), default=Sex.UNKNOWN.value)
    name = StringField(_l("Name of the organisation or group"), validators=[Optional(), Length(max=300)])
    minor = BooleanField(_l("Minor"))
    foreign_national = BooleanField(_l("Foreign national"))
    description = StringField(_l("Description (e.g. woman human rights defender)"),
                              validators=[Optional(), Length(max=2000)])

    origin: LinkFrom | None = None  # where the form links from, set by the view: the person named is checked

    def validate_person_id(self, field) -> None:
        """A person who is not in the registry, or not within reach, is said under the number typed."""
        if field.data and self.origin is not None:
            try:
                linkable_person(current_user, field.data, self.origin)
            except Refused as refusal:
                raise ValidationError(str(refusal)) from None

    def victim(self) -> ops.VictimInput:
        return ops.VictimInput(
            kind=VictimKind(self.kind.data), person_id=self.person_id.data or None,
            family_name=self.family_name.data or "", given_names=self.given_names.data or "", sex=Sex(self.sex.data),
            name=self.name.data or "", minor=self.minor.data, foreign_national=self.foreign_national.data,
            description=self.description.data or "",
        )


class AllegationFields(Form):
    """The case's own details, as registered and as corrected later: one set of rules for both."""

    title = StringField(_l("Short title"), validators=[DataRequired(), Length(max=300)])
    state_id = SelectField(_l("State"), coerce=int, validators=[DataRequired(_l("Choose the State."))])
    received_on = PastDateField(_l("Allegation received on"), validators=[DataRequired()])
    engaged_body = SelectField(_l("UN body engaged"), choices=UN_BODY_CHOICES, validators=[DataRequired()])
    engaged_body_name = StringField(_l("Which one"), validators=[Optional(), Length(max=200)])
    engagement_type = StringField(_l("Type of engagement"), validators=[Optional(), Length(max=200)])
    engaged_from = PastDateField(_l("Engaged from"), validators=[Optional()])
    engaged_to = DateField(_l("Engaged until"), validators=[
        Optional(), not_before("engaged_from", _l("The engagement cannot end before it began."))])
    trigger = TextAreaField(_l("Trigger"), validators=[Optional(), Length(max=4000)])
    raised_by = SelectField(_l("UN body that raised it"), choices=choices([("", _l("Not yet raised"))]) +
                            UN_BODY_CHOICES, validators=[Optional()])
    raised_by_name = StringField(_l("Which one (raised by)"), validators=[Optional(), Length(max=200)])
    summary = TextAreaField(_l("Summary of the allegation"), validators=[Optional(), Length(max=10000)])

    def allegation(self) -> ops.Allegation:
        return ops.Allegation(
            title=self.title.data.strip(), state_id=self.state_id.data, received_on=self.received_on.data,
            engaged_body=UNBody(self.engaged_body.data), engaged_body_name=self.engaged_body_name.data or "",
            engagement_type=self.engagement_type.data or "", engaged_from=self.engaged_from.data,
            engaged_to=self.engaged_to.data, trigger=self.trigger.data or "",
            raised_by=UNBody(self.raised_by.data) if self.raised_by.data else None,
            raised_by_name=self.raised_by_name.data or "", summary=self.summary.data or "",
        )


class CaseForm(SubmittedOnce, AllegationFields, VictimFields):
    """A new allegation, with its first victim."""


class DetailsForm(AllegationFields):
    """The allegation's details after registration, checked against the version the user loaded."""

    version = version_field()


class ActForm(Form):
    category = SelectField(_l("Act"), choices=enum_choices(ActCategory), validators=[DataRequired()])
    occurred_on = DateField(_l("Date"), validators=[DataRequired()])
    description = TextAreaField(_l("What happened"), validators=[Optional(), Length(max=4000)])


class ConsentForm(Form):
    informed = BooleanField(_l("Informed consent (the risks and uses were explained)"))
    scope = SelectField(_l("Scope"), choices=choices((s.value, label) for s, label in CONSENT_LABELS.items()),
                        validators=[DataRequired()])
    given_by = StringField(_l("Given by"), validators=[DataRequired(), Length(max=200)])
    given_on = DateField(_l("Date"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])

    @property
    def scope_value(self) -> ConsentScope:
        return ConsentScope(self.scope.data)


class RevokeForm(Form):
    revoked_on = DateField(_l("Revoked on"), validators=[DataRequired()])


class RiskForm(Form):
    level = SelectField(_l("Risk level"), choices=enum_choices(RiskLevel), validators=[DataRequired()])
    assessed_on = DateField(_l("Assessed on"), validators=[DataRequired()])
    measures = TextAreaField(_l("Measures"), validators=[Optional(), Length(max=4000)])


class ActionForm(Form):
    kind = SelectField(_l("Action"), choices=choices((k.value, label) for k, label in ACTION_LABELS.items()),
                       validators=[DataRequired()])
    taken_on = DateField(_l("Date"), validators=[DataRequired()])
    outcome = TextAreaField(_l("Outcome"), validators=[Optional(), Length(max=4000)])

    @property
    def kind_value(self) -> ActionKind:
        return ActionKind(self.kind.data)


class InclusionForm(Form):
    report_year = IntegerField(_l("Report of the period ending in"), validators=[DataRequired(),
                                                                             NumberRange(2000, 2100)])
    annex = SelectField(_l("Annex"), choices=choices([(Annex.NEW.value, _l("Annex I: new case")),
                                                      (Annex.FOLLOW_UP.value, _l("Annex II: follow-up"))]))


class LinkForm(Form):
    related_case = StringField(_l("Case in another procedure"), description=_l(
        "Its reference as shown, e.g. WGEID 1/2014; type part of it to find it."),
        validators=[DataRequired(_l("Give the reference of the case to link.")), Length(max=80)])
    note = StringField(_l("How it is related"), validators=[Optional(), Length(max=300)])

    origin: LinkFrom | None = None  # the case linked from, set by the view: the reference is checked

    def validate_related_case(self, field) -> None:
        """A reference that names no case within reach is said under the reference typed."""
        if field.data and self.origin is not None and linkable_case(current_user, field.data, self.origin) is None:
            raise ValidationError(_l("There is no other case %(ref)s you can link to.",
                                     ref=normal_reference(field.data)))


class ListFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Reference or title"), validators=[Optional(), Length(max=100)])
    state = SelectField(_l("State"), coerce=int, validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])


class ReportingPeriodForm(Form):
    """The day and month the team's reporting period ends each year."""

    day = IntegerField(_l("Day"), validators=[DataRequired(_l("Give the day.")), NumberRange(1, 31)])
    month = SelectField(_l("Month"), coerce=int, validators=[DataRequired()])

    def validate_day(self, field) -> None:
        if field.data and self.month.data:
            try:
                date(2001, self.month.data, field.data)
            except ValueError:
                raise ValidationError(_l("That day does not come every year; choose another.")) from None
