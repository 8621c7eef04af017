"""Forms of individual cases and aggregate release records, and the filters of the cases list."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, PastDateField, choices, status_choices, version_field
from casework.detention.cases.models import (
    CATEGORY_LABELS, CaseIssue, CaseOutcome, ISSUE_LABELS, OUTCOME_LABELS, ReleaseCategory, SOURCE_LABELS,
    ReleaseSource,
)
from casework.detention.cases.operations import AggregateContent, CaseContent
from casework.detention.cases.workflow import CASE_WORKFLOW
from casework.detention.filters import FilterForm
from casework.detention.forms import DetaineeForm, count_field

ISSUE_CHOICES = choices(ISSUE_LABELS.items())
OUTCOME_CHOICES = choices(OUTCOME_LABELS.items())
CATEGORY_CHOICES = choices([("", _l("Not known"))] + list(CATEGORY_LABELS.items()))


class NewCaseForm(SubmittedOnce, DetaineeForm):
    """Who, where and what: the person as for an interview, then the place and the issue."""

    facility_id = SelectField(_l("Place of detention"), coerce=int, validators=[DataRequired()])
    issue = SelectField(_l("Issue"), choices=ISSUE_CHOICES)
    issue_details = TextAreaField(_l("Details"), validators=[Optional(), Length(max=8000)], render_kw={"rows": 4})
    confidential = BooleanField(_l("Confidential"), description=_l(
        "Only you, the people you assign and administrators will see the case."))
    opened_on = PastDateField(_l("Opened on"), validators=[Optional()],
                              description=_l("The reference takes the year of this date."))


class CaseForm(Form):
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


class RaiseForm(Form):
    version = version_field()
    raised_on = DateField(_l("Raised on"), validators=[DataRequired()], default=date.today)
    raised_with = StringField(_l("With"), validators=[DataRequired(), Length(max=300)],
                              description=_l("The authority: a prosecutor, a judge, the director…"))
    action = StringField(_l("How"), validators=[Optional(), Length(max=1000)],
                         description=_l("e.g. “Meeting with the prosecutor; letter of 3 March”."))


class OutcomeForm(Form):
    version = version_field()
    outcome = SelectField(_l("Outcome"), choices=OUTCOME_CHOICES)
    outcome_on = DateField(_l("Date"), validators=[DataRequired()], default=date.today)
    category = SelectField(_l("Woman, man or child"), choices=CATEGORY_CHOICES, validators=[Optional()],
                           description=_l("Releases are reported as women, men and children (under 18)."))
    action = StringField(_l("Note"), validators=[Optional(), Length(max=1000)])

    def release_category(self) -> ReleaseCategory | None:
        return ReleaseCategory(self.category.data) if self.category.data else None


class AggregateForm(SubmittedOnce, Form):
    unit_id = SelectField(_l("Field office"), coerce=int, validators=[DataRequired()])
    state_id = SelectField(_l("Country"), coerce=int, validators=[DataRequired()])
    period_start = DateField(_l("From"), validators=[DataRequired()])
    period_end = DateField(_l("To"), validators=[DataRequired()],
                           description=_l("Yearly figures count the record in the year the period ends."))
    source = SelectField(_l("Source"), choices=choices(SOURCE_LABELS.items()), default=ReleaseSource.COVID19.value)
    source_details = StringField(_l("Programme or measure"), validators=[Optional(), Length(max=300)],
                                 description=_l("e.g. “Decree 546 of 2020”."))
    women = count_field(_l("Women"))
    men = count_field(_l("Men"))
    children = count_field(_l("Children"))
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


class CoverForm(Form):
    case_id = SelectField(_l("Individual release"), coerce=int, validators=[DataRequired()])


class CaseFilterForm(FilterForm):
    outcome = SelectField(_l("Outcome"), choices=choices([("", _l("Any"))] + list(OUTCOME_LABELS.items())),
                          validators=[Optional()])
    issue = SelectField(_l("Issue"), choices=choices([("", _l("Any"))] + list(ISSUE_LABELS.items())),
                        validators=[Optional()])
    status = SelectField(_l("Status"), choices=status_choices(CASE_WORKFLOW, _l("Any")), validators=[Optional()])
