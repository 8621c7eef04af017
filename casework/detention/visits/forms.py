"""Forms of visits. The visit form is long and filled in days after the visit, often on a poor
connection: every field it has is kept when validation fails, and in the autosaved draft."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField, DateField, FieldList, FormField, HiddenField, SelectField, StringField, TextAreaField,
)
from wtforms.form import Form as SubForm
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, choices, status_choices, version_field
from casework.detention.filters import FilterForm
from casework.detention.forms import DetaineeForm, count_field
from casework.detention.visits import operations as ops
from casework.detention.visits.models import (
    ACCESS_LABELS, ASSESSMENT_LABELS, Access, Assessment, CONDITION_LABELS, CONSENT_LABELS, ConditionItem, Consent,
    KIND_LABELS, POPULATION_FIELDS, POPULATION_LABELS, RECOMMENDATION_STATUS_LABELS, RecommendationStatus, VisitKind,
)
from casework.detention.visits.workflow import VISIT_WORKFLOW


def _not_in_future(form, field) -> None:
    if field.data and field.data > date.today():
        raise ValidationError(_l("A visit is recorded once it has taken place: the date cannot be in the future."))


class NewVisitForm(SubmittedOnce, Form):
    facility_id = SelectField(_l("Place of detention"), coerce=int, validators=[DataRequired()])
    started_on = DateField(_l("Date of the visit"), validators=[DataRequired(), _not_in_future], default=date.today)


def _conditions_form() -> type[SubForm]:
    """One assessment and one note per item of the checklist: "conditions-health", "conditions-health_note"."""
    fields = {}
    for item in ConditionItem:
        fields[item.value] = SelectField(CONDITION_LABELS[item], choices=choices(ASSESSMENT_LABELS.items()),
                                         default=Assessment.NOT_ASSESSED.value)
        fields[f"{item.value}_note"] = TextAreaField(_l("What the team saw"), validators=[Optional(), Length(max=4000)],
                                                     render_kw={"rows": 2})
    return type("ConditionsForm", (SubForm,), fields)


ConditionsForm = _conditions_form()


class RecommendationForm(SubForm):
    id = HiddenField()
    addressee = StringField(_l("To"), validators=[Optional(), Length(max=300)],
                            description=_l("The director, or another authority."))
    text = TextAreaField(_l("Recommendation"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})
    deadline = DateField(_l("By"), validators=[Optional()])

    def validate_addressee(self, field) -> None:
        if (self.text.data or "").strip() and not (field.data or "").strip():
            raise ValidationError(_l("Say to whom the recommendation is made."))


class FollowUpForm(SubForm):
    recommendation_id = HiddenField()
    status = SelectField(_l("Found at this visit"), choices=choices(
        [("", _l("Not followed up at this visit"))]
        + [(s.value, label) for s, label in RECOMMENDATION_STATUS_LABELS.items() if s is not RecommendationStatus.OPEN]))
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])


class VisitForm(Form):
    version = version_field()
    facility_id = SelectField(_l("Place of detention"), coerce=int, validators=[DataRequired()])
    started_on = DateField(_l("First day"), validators=[DataRequired(), _not_in_future])
    ended_on = DateField(_l("Last day"), validators=[Optional(), _not_in_future],
                         description=_l("For a visit of more than one day."))
    team = TextAreaField(_l("Team"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 3},
                         description=_l("One member per line."))
    announced = BooleanField(_l("Announced to the authorities in advance"))
    visit_kind = SelectField(_l("First or follow-up visit"), choices=choices(KIND_LABELS.items()))
    access = SelectField(_l("Access"), choices=choices(ACCESS_LABELS.items()))
    access_notes = TextAreaField(_l("Restrictions, or reasons given for refusal"),
                                 validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})
    capacity = count_field(_l("Official capacity on the day"))
    pop_total = count_field(POPULATION_LABELS["pop_total"])
    pop_women = count_field(POPULATION_LABELS["pop_women"])
    pop_men = count_field(POPULATION_LABELS["pop_men"])
    pop_children = count_field(POPULATION_LABELS["pop_children"])
    pop_pretrial = count_field(POPULATION_LABELS["pop_pretrial"])
    pop_sentenced = count_field(POPULATION_LABELS["pop_sentenced"])
    pop_administrative = count_field(POPULATION_LABELS["pop_administrative"])
    pop_foreigners = count_field(POPULATION_LABELS["pop_foreigners"])
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

    def condition_rows(self) -> list[tuple]:
        """The checklist as the page lays it out: each item's assessment with its note."""
        return [(self.conditions[item.value], self.conditions[f"{item.value}_note"]) for item in ConditionItem]

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


class InterviewForm(DetaineeForm):
    consent = SelectField(_l("Consent"), choices=choices(CONSENT_LABELS.items()), default=Consent.NONE.value)
    in_private = BooleanField(_l("Interviewed in private"), default=True)
    notes = TextAreaField(_l("Notes (confidential)"), validators=[Optional(), Length(max=8000)], render_kw={"rows": 3})


class ReportForm(Form):
    language = SelectField(_l("Language"), choices=choices([("en", _l("English")), ("es", _l("Spanish")),
                                                            ("fr", _l("French"))]))


class VisitFilterForm(FilterForm):
    status = SelectField(_l("Status"), choices=status_choices(VISIT_WORKFLOW, _l("Any")), validators=[Optional()])
    q = StringField(_l("Number or place"), validators=[Optional()])
