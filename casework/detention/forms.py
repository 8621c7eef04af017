"""Forms of detention work. The visit form is long and filled in days after the visit, often on
a poor connection: every field it has is kept when validation fails, and in the autosaved draft."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateField, FieldList, Form, FormField, HiddenField, IntegerField, SelectField, StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from casework.core.forms import choices, version_field
from casework.core.persons import Sex
from casework.detention import operations as ops
from casework.detention.models import (
    Access, Assessment, CONDITION_LABELS, ConditionItem, Consent, FACILITY_TYPE_LABELS, POPULATION_FIELDS,
    RecommendationStatus, VisitKind,
)
from casework.detention.release_models import (
    CATEGORY_LABELS, CaseIssue, CaseOutcome, ISSUE_LABELS, OUTCOME_LABELS, ReleaseCategory, SOURCE_LABELS,
    ReleaseSource,
)
from casework.detention.release_operations import AggregateContent, CaseContent

ACCESS_CHOICES = choices([(Access.GRANTED, _l("Granted")), (Access.RESTRICTED, _l("Restricted")),
                          (Access.REFUSED, _l("Refused"))])
ASSESSMENT_CHOICES = choices([(Assessment.NOT_ASSESSED, _l("Not assessed")), (Assessment.ADEQUATE, _l("Adequate")),
                              (Assessment.CONCERN, _l("Concern")), (Assessment.SERIOUS, _l("Serious"))])
STATUS_LABELS = {
    RecommendationStatus.OPEN: _l("Open"), RecommendationStatus.IMPLEMENTED: _l("Implemented"),
    RecommendationStatus.PARTIALLY_IMPLEMENTED: _l("Partially implemented"),
    RecommendationStatus.NOT_IMPLEMENTED: _l("Not implemented"),
    RecommendationStatus.NO_LONGER_RELEVANT: _l("No longer relevant"),
}
CONSENT_LABELS = {Consent.NONE: _l("Nothing attributable"), Consent.NO_DETAILS: _l("May be used without details "
                  "that identify them"), Consent.NAMED: _l("May be named")}
POPULATION_LABELS = {
    "pop_total": _l("Total held"), "pop_women": _l("Women"), "pop_men": _l("Men"), "pop_children": _l("Children"),
    "pop_pretrial": _l("Pre-trial"), "pop_sentenced": _l("Sentenced"), "pop_administrative": _l("Administrative"),
    "pop_foreigners": _l("Foreign nationals"),
}


def _not_in_future(form, field) -> None:
    if field.data and field.data > date.today():
        raise ValidationError(_l("A visit is recorded once it has taken place: the date cannot be in the future."))


def _count(label) -> IntegerField:
    at_least_0 = NumberRange(min=0, message=_l("A number of persons, 0 or more."))
    return IntegerField(label, validators=[Optional(), at_least_0],
                        render_kw={"inputmode": "numeric", "min": 0})


# ---- Places of detention -------------------------------------------------------------------------

class FacilityForm(FlaskForm):
    unit_id = SelectField(_l("Field office"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    facility_type = SelectField(_l("Type"), choices=choices(FACILITY_TYPE_LABELS.items()))
    state_id = SelectField(_l("Country"), coerce=int, validators=[DataRequired()])
    authority = StringField(_l("Authority"), validators=[Optional(), Length(max=300)],
                            description=_l("Who runs it, e.g. “INPEC (Ministry of Justice)”."))
    location = StringField(_l("Location"), validators=[Optional(), Length(max=300)],
                           description=_l("Town and region."))
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    capacity = IntegerField(_l("Official capacity"), validators=[Optional(), NumberRange(min=0)],
                            description=_l("In persons. Occupancy is computed from it."))
    active = BooleanField(_l("In use"), default=True)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 3})

    def content(self) -> ops.FacilityContent:
        return ops.FacilityContent(
            name=self.name.data, facility_type=self.facility_type.data, state_id=self.state_id.data,
            authority=self.authority.data or "", location=self.location.data or "", address=self.address.data or "",
            capacity=self.capacity.data, active=bool(self.active.data), notes=self.notes.data or "")


# ---- Visits --------------------------------------------------------------------------------------

class NewVisitForm(FlaskForm):
    facility_id = SelectField(_l("Place of detention"), coerce=int, validators=[DataRequired()])
    started_on = DateField(_l("Date of the visit"), validators=[DataRequired(), _not_in_future], default=date.today)


def _conditions_form() -> type[Form]:
    """One assessment and one note per item of the checklist: "conditions-health", "conditions-health_note"."""
    fields = {}
    for item in ConditionItem:
        fields[item.value] = SelectField(CONDITION_LABELS[item], choices=ASSESSMENT_CHOICES,
                                         default=Assessment.NOT_ASSESSED.value)
        fields[f"{item.value}_note"] = TextAreaField(_l("What the team saw"), validators=[Optional(), Length(max=4000)],
                                                     render_kw={"rows": 2})
    return type("ConditionsForm", (Form,), fields)


ConditionsForm = _conditions_form()


class RecommendationForm(Form):
    id = HiddenField()
    addressee = StringField(_l("To"), validators=[Optional(), Length(max=300)],
                            description=_l("The director, or another authority."))
    text = TextAreaField(_l("Recommendation"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})
    deadline = DateField(_l("By"), validators=[Optional()])

    def validate_addressee(self, field) -> None:
        if (self.text.data or "").strip() and not (field.data or "").strip():
            raise ValidationError(_l("Say to whom the recommendation is made."))


class FollowUpForm(Form):
    recommendation_id = HiddenField()
    status = SelectField(_l("Found at this visit"), choices=choices(
        [("", _l("Not followed up at this visit"))] + [(s.value, STATUS_LABELS[s]) for s in RecommendationStatus
                                                         if s is not RecommendationStatus.OPEN]))
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])


class VisitForm(FlaskForm):
    version = version_field()
    facility_id = SelectField(_l("Place of detention"), coerce=int, validators=[DataRequired()])
    started_on = DateField(_l("First day"), validators=[DataRequired(), _not_in_future])
    ended_on = DateField(_l("Last day"), validators=[Optional(), _not_in_future],
                         description=_l("For a visit of more than one day."))
    team = TextAreaField(_l("Team"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 3},
                         description=_l("One member per line."))
    announced = BooleanField(_l("Announced to the authorities in advance"))
    visit_kind = SelectField(_l("First or follow-up visit"), choices=choices(
        [(VisitKind.FIRST, _l("First visit")), (VisitKind.FOLLOW_UP, _l("Follow-up visit"))]))
    access = SelectField(_l("Access"), choices=ACCESS_CHOICES)
    access_notes = TextAreaField(_l("Restrictions, or reasons given for refusal"),
                                 validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})
    capacity = _count(_l("Official capacity on the day"))
    pop_total = _count(POPULATION_LABELS["pop_total"])
    pop_women = _count(POPULATION_LABELS["pop_women"])
    pop_men = _count(POPULATION_LABELS["pop_men"])
    pop_children = _count(POPULATION_LABELS["pop_children"])
    pop_pretrial = _count(POPULATION_LABELS["pop_pretrial"])
    pop_sentenced = _count(POPULATION_LABELS["pop_sentenced"])
    pop_administrative = _count(POPULATION_LABELS["pop_administrative"])
    pop_foreigners = _count(POPULATION_LABELS["pop_foreigners"])
    conditions = FormField(ConditionsForm)
    issues_raised = TextAreaField(_l("Issues raised with the director"), validators=[Optional(), Length(max=8000)],
                                  render_kw={"rows": 4})
    authority_response = TextAreaField(_l("The director's response"), validators=[Optional(), Length(max=8000)],
                                       render_kw={"rows": 3})
    recommendations = FieldList(FormField(RecommendationForm), min_entries=1)
    follow_ups = FieldList(FormField(FollowUpForm))

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then the checks across fields; all errors at once, nothing typed is lost."""
        valid = super().validate(extra_validators)
        if self.ended_on.data and self.started_on.data and self.ended_on.data < self.started_on.data:
            self.ended_on.errors.append(_l("The last day cannot come before the first."))
            valid = False
        total = self.pop_total.data
        for names, message in (
            (("pop_women", "pop_men", "pop_children"), _l("Women, men and children add up to more than the total.")),
            (("pop_pretrial", "pop_sentenced", "pop_administrative"),
             _l("Pre-trial, sentenced and administrative detainees add up to more than the total.")),
            (("pop_foreigners",), _l("More foreign nationals than persons held.")),
        ):
            values = [self[n].data for n in names if isinstance(self[n].data, int)]
            if total is not None and values and sum(values) > total:
                self[names[-1]].errors.append(message)
                valid = False
        if self.access.data != Access.GRANTED and not (self.access_notes.data or "").strip():
            self.access_notes.errors.append(_l("Say how access was restricted or why it was refused."))
            valid = False
        return valid

    def content(self) -> ops.VisitContent:
        conditions = {item: (Assessment(self.conditions[item.value].data),
                             self.conditions[f"{item.value}_note"].data or "") for item in ConditionItem}
        return ops.VisitContent(
            facility_id=self.facility_id.data, started_on=self.started_on.data, ended_on=self.ended_on.data,
            team=self.team.data or "", announced=bool(self.announced.data), visit_kind=VisitKind(self.visit_kind.data),
            access=Access(self.access.data), access_notes=self.access_notes.data or "", capacity=self.capacity.data,
            population={name: self[name].data for name in POPULATION_FIELDS}, conditions=conditions,
            issues_raised=self.issues_raised.data or "", authority_response=self.authority_response.data or "",
            recommendations=[ops.RecommendationRow(
                id=int(r.form.id.data) if (r.form.id.data or "").isdigit() else None,
                addressee=r.form.addressee.data or "", text=r.form.text.data or "", deadline=r.form.deadline.data)
                for r in self.recommendations],
            follow_ups=[ops.FollowUpRow(
                recommendation_id=int(f.form.recommendation_id.data),
                status=RecommendationStatus(f.form.status.data) if f.form.status.data else None,
                note=f.form.note.data or "")
                for f in self.follow_ups if (f.form.recommendation_id.data or "").isdigit()],
        )


class DetaineeForm(FlaskForm):
    """A detained person: by their registry number, or registered here with a protected identity."""

    person_id = IntegerField(_l("Person number in the registry"), validators=[Optional()],
                             description=_l("Or register the person below (their identity will be protected)."))
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=choices((s.value, s.value.capitalize()) for s in Sex),
                      default=Sex.UNKNOWN.value)
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])

    def validate_family_name(self, field) -> None:
        if not self.person_id.data and not (field.data or "").strip():
            raise ValidationError(_l("Give the person's registry number, or their family name to register them."))

    def new_detainee(self) -> ops.NewDetainee | None:
        if self.person_id.data:
            return None
        return ops.NewDetainee(family_name=self.family_name.data or "", given_names=self.given_names.data or "",
                               sex=Sex(self.sex.data), date_of_birth=self.date_of_birth.data)


class InterviewForm(DetaineeForm):
    consent = SelectField(_l("Consent"), choices=choices(CONSENT_LABELS.items()), default=Consent.NONE.value)
    in_private = BooleanField(_l("Interviewed in private"), default=True)
    notes = TextAreaField(_l("Notes (confidential)"), validators=[Optional(), Length(max=8000)], render_kw={"rows": 3})


class ReportForm(FlaskForm):
    language = SelectField(_l("Language"), choices=choices([("en", _l("English")), ("es", _l("Spanish")),
                                                            ("fr", _l("French"))]))


# ---- Individual cases and releases ---------------------------------------------------------------

ISSUE_CHOICES = choices(ISSUE_LABELS.items())
OUTCOME_CHOICES = choices(OUTCOME_LABELS.items())
CATEGORY_CHOICES = choices([("", _l("Not known"))] + list(CATEGORY_LABELS.items()))


class NewCaseForm(DetaineeForm):
    """Who, where and what: the person as for an interview, then the place and the issue."""

    facility_id = SelectField(_l("Place of detention"), coerce=int, validators=[DataRequired()])
    issue = SelectField(_l("Issue"), choices=ISSUE_CHOICES)
    issue_details = TextAreaField(_l("Details"), validators=[Optional(), Length(max=8000)], render_kw={"rows": 4})
    confidential = BooleanField(_l("Confidential"), description=_l(
        "Only you, the people you assign and administrators will see the case."))


class CaseForm(FlaskForm):
    version = version_field()
    issue = SelectField(_l("Issue"), choices=ISSUE_CHOICES)
    issue_details = TextAreaField(_l("Details"), validators=[Optional(), Length(max=8000)], render_kw={"rows": 4})
    raised_with = StringField(_l("Raised with"), validators=[Optional(), Length(max=300)])
    actions = TextAreaField(_l("Actions taken"), validators=[Optional(), Length(max=8000)], render_kw={"rows": 5},
                            description=_l("One per line, dated."))
    category = SelectField(_l("Woman, man or child"), choices=CATEGORY_CHOICES, validators=[Optional()])
    outcome = SelectField(_l("Outcome"), choices=choices([("", "—")]) + OUTCOME_CHOICES, validators=[Optional()])
    outcome_on = DateField(_l("Date of the outcome"), validators=[Optional()])

    def content(self) -> CaseContent:
        return CaseContent(
            issue=CaseIssue(self.issue.data), issue_details=self.issue_details.data or "",
            raised_with=self.raised_with.data or "", actions=self.actions.data or "",
            category=ReleaseCategory(self.category.data) if self.category.data else None,
            outcome=CaseOutcome(self.outcome.data) if self.outcome.data else None, outcome_on=self.outcome_on.data)


class RaiseForm(FlaskForm):
    version = version_field()
    raised_on = DateField(_l("Raised on"), validators=[DataRequired()], default=date.today)
    raised_with = StringField(_l("With"), validators=[DataRequired(), Length(max=300)],
                              description=_l("The authority: a prosecutor, a judge, the director…"))
    action = StringField(_l("How"), validators=[Optional(), Length(max=1000)],
                         description=_l("e.g. “Meeting with the prosecutor; letter of 3 March”."))


class OutcomeForm(FlaskForm):
    version = version_field()
    outcome = SelectField(_l("Outcome"), choices=OUTCOME_CHOICES)
    outcome_on = DateField(_l("Date"), validators=[DataRequired()], default=date.today)
    category = SelectField(_l("Woman, man or child"), choices=CATEGORY_CHOICES, validators=[Optional()],
                           description=_l("Releases are reported as women, men and children (under 18)."))
    action = StringField(_l("Note"), validators=[Optional(), Length(max=1000)])


class AggregateForm(FlaskForm):
    unit_id = SelectField(_l("Field office"), coerce=int, validators=[DataRequired()])
    state_id = SelectField(_l("Country"), coerce=int, validators=[DataRequired()])
    period_start = DateField(_l("From"), validators=[DataRequired()])
    period_end = DateField(_l("To"), validators=[DataRequired()],
                           description=_l("Yearly figures count the record in the year the period ends."))
    source = SelectField(_l("Source"), choices=choices(SOURCE_LABELS.items()), default=ReleaseSource.COVID19.value)
    source_details = StringField(_l("Programme or measure"), validators=[Optional(), Length(max=300)],
                                 description=_l("e.g. “Decree 546 of 2020”."))
    women = _count(_l("Women"))
    men = _count(_l("Men"))
    children = _count(_l("Children"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 3})

    def validate_period_end(self, field) -> None:
        if field.data and self.period_start.data and field.data < self.period_start.data:
            raise ValidationError(_l("The period cannot end before it starts."))

    def content(self) -> AggregateContent:
        return AggregateContent(
            state_id=self.state_id.data, period_start=self.period_start.data, period_end=self.period_end.data,
            source=ReleaseSource(self.source.data), source_details=self.source_details.data or "",
            women=self.women.data or 0, men=self.men.data or 0, children=self.children.data or 0,
            notes=self.notes.data or "")


class CoverForm(FlaskForm):
    case_id = SelectField(_l("Individual release"), coerce=int, validators=[DataRequired()])


class FilterForm(FlaskForm):
    """The filters of the lists and figures, read from the query string."""

    class Meta:
        csrf = False

    unit = SelectField(_l("Field office"), coerce=int, validators=[Optional()])
    country = SelectField(_l("Country"), coerce=int, validators=[Optional()])
    year = SelectField(_l("Year"), coerce=int, validators=[Optional()])


def flat_errors(form, prefix: str = "") -> list[tuple[str, str, str]]:
    """Every error of a form, nested ones included, as (field id, label, message) for the summary."""
    found = []
    for field in form:
        if isinstance(field, FormField):
            found += flat_errors(field.form, prefix)
        elif isinstance(field, FieldList):
            for number, entry in enumerate(field, 1):
                found += flat_errors(entry.form, f"{prefix}{field.label.text} {number} — ")
        else:
            found += [(field.id, f"{prefix}{field.label.text}", str(message)) for message in field.errors]
    return found
