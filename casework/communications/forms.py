"""Forms of the petitions procedure."""
from __future__ import annotations

import re

from flask import request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from casework.cases.lookup import LinkFrom, PickerSource, linkable_case, normal_reference
from casework.core.submissions import SubmittedOnce
from casework.core.writes import Refused
from casework.persons.rows import RowsForm, person_rows
from casework.communications.models import (
    GRADE_LABELS, SUBMISSION_LANGUAGES, Communication, Compliance, DecisionType, FollowUpOutcome, NotRegisteredReason,
)
from casework.core.forms import Form, PastDateField, choices, enum_choices, version_field

ARTICLE_HINT = _l("Codes separated by commas, e.g. CCPR-7, CCPR-14-1")


def parse_articles(text: str | None) -> list[str]:
    """"ccpr-7, CCPR-14-1" → ["CCPR-7", "CCPR-14-1"]."""
    return [code.strip().upper() for code in (text or "").split(",") if code.strip()]


class ArticleCodesField(StringField):
    """Article codes typed as "CCPR-7, CCPR-14-1": the field's data is the list of codes.

    A record's list is shown as the text an officer would type, and what was typed is shown back
    as typed when the form is refused.
    """

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = parse_articles(valuelist[0]) if valuelist else []

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else ", ".join(self.data or [])


def _article_codes(_form, field) -> None:
    if field.raw_data and len(field.raw_data[0]) > 500:
        raise ValidationError(_l("Field cannot be longer than %(max)d characters.", max=500))
    for code in field.data or []:
        parts = code.split("-")
        if len(parts) < 2 or not parts[0].isalpha() or not all(p.isalnum() for p in parts[1:]):
            raise ValidationError(_l("“%(code)s” is not an article code like CCPR-14-1.", code=code))


class IntakeForm(SubmittedOnce, RowsForm):
    """A complaint as it arrives: its authors, victims and counsel each new or from the registry."""

    ROW_LISTS = ("authors", "victims", "counsel")

    committee_id = SelectField(_l("Committee"), coerce=int, validators=[DataRequired()])
    state_id = SelectField(_l("State party"), coerce=int, validators=[DataRequired(_l("Choose the State party."))])
    received_on = PastDateField(_l("Received on"), validators=[DataRequired(_l("Give the date of receipt."))])
    submitted_on = PastDateField(_l("Dated (submission)"), validators=[Optional()])
    submission_language = SelectField(_l("Language"), choices=choices(SUBMISSION_LANGUAGES.items()))
    authors = person_rows(_l("Authors"))
    victims = person_rows(_l("Alleged victims, if not the authors"))
    counsel = person_rows(_l("Counsel"))
    subject_matter = TextAreaField(_l("Subject matter"), validators=[Optional(), Length(max=4000)])
    articles_invoked = ArticleCodesField(_l("Articles invoked"), description=ARTICLE_HINT,
                                         validators=[Optional(), _article_codes])
    confidentiality_requested = BooleanField(_l("The author asks that names be withheld (initials in public)"))
    duplicates_checked = BooleanField(_l("I have checked the possible duplicates listed above; record it anyway"))

    def validate_submitted_on(self, field) -> None:
        if field.data and self.received_on.data and field.data > self.received_on.data:
            raise ValidationError(_l("The submission cannot be dated after it was received."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.filled("authors"):
            first = self.authors.entries[0].form.family_name
            first.errors = [*first.errors, _l("Give the author's family name; anonymous complaints cannot be "
                                              "registered.")]
            return False
        return valid


class CaseDetailsForm(Form):
    version = version_field()
    subject_matter = TextAreaField(_l("Subject matter"), validators=[Optional(), Length(max=4000)])
    articles_invoked = ArticleCodesField(_l("Articles invoked"), description=ARTICLE_HINT,
                                         validators=[Optional(), _article_codes])
    procedural_issues = TextAreaField(_l("Procedural issues"), validators=[Optional(), Length(max=4000)])
    domestic_remedies = TextAreaField(_l("Domestic remedies (with dates)"), validators=[Optional(), Length(max=4000)])
    confidentiality_requested = BooleanField(_l("The author asks that names be withheld (initials in public)"))


class RegistrationForm(Form):
    registered_on = DateField(_l("Registered on"), validators=[DataRequired()])


class DeclineForm(Form):
    reason = SelectField(_l("Reason"), choices=enum_choices(NotRegisteredReason), validators=[DataRequired()])
    advice = TextAreaField(_l("Advice given to the author"), validators=[
        DataRequired(_l("Say what the author was advised (e.g. another procedure).")), Length(max=4000)])


class SplitForm(Form):
    state_ids = StringField(_l("Other States (ISO codes, e.g. FRA, DEU)"),
                            validators=[DataRequired(_l("Give at least one other State."))])


class _LinkingFromThisCase(PickerSource):
    """The case picker's address, linking from the case whose page draws the form (`?for=<id>`)."""

    def __str__(self) -> str:
        return url_for(self.endpoint, **{"for": (request.view_args or {}).get("case_id")})


_BARE_NUMBER = re.compile(r"^\d+/\d{4}$")


class JoinForm(Form):
    numbers = StringField(_l("Cases to join to this case"), validators=[
        DataRequired(_l("Give the reference of a case to join, e.g. CCPR 2752/2016.")), Length(max=500)],
        description=_l("By reference, e.g. CCPR 2752/2016; the number alone for this committee; several "
                       "separated by commas."),
        render_kw={"data-picker": _LinkingFromThisCase("cases.lookup")})

    def cases(self, lead: Communication, user) -> list[Communication]:
        """The cases typed, each as the picker fills it in ("CCPR 2752/2016") or by its number in
        the lead's committee ("2752/2016"); refused, naming them, when some name no registered case
        of a committee the user may link to from the lead."""
        origin, found, missing = LinkFrom(case=lead), [], []
        for typed in dict.fromkeys(" ".join(t.split()) for t in (self.numbers.data or "").split(",")):
            if not typed:
                continue
            reference = f"{lead.unit.code} {typed}" if _BARE_NUMBER.match(typed) else typed
            case = linkable_case(user, reference, origin)
            if isinstance(case, Communication):
                found.append(case)
            else:
                missing.append(normal_reference(reference))
        if missing:
            raise Refused(_("There is no registered communication %(refs)s that you can join to this case.",
                            refs=", ".join(missing)))
        return found


class InterimMeasureForm(Form):
    measure = StringField(_l("Measure requested"), validators=[
        DataRequired(_l("Say what the author asks for, e.g. not to be deported.")), Length(max=300)])
    requested_on = DateField(_l("Requested on"), validators=[DataRequired()])


class ComplianceForm(Form):
    compliance = SelectField(_l("State's compliance"), choices=enum_choices(Compliance))
    notes = StringField(_l("Notes"), validators=[Optional(), Length(max=2000)])


class DecisionForm(Form):
    decision_type = SelectField(_l("Decision"), choices=enum_choices(DecisionType), validators=[DataRequired()])
    adopted_on = DateField(_l("Adopted on"), validators=[DataRequired(_l("Give the date of adoption."))])
    session = IntegerField(_l("Session"), validators=[DataRequired(_l("Give the session number.")),
                                                      NumberRange(min=1, max=999)])
    articles_violated = ArticleCodesField(_l("Articles violated"), description=ARTICLE_HINT,
                                          validators=[Optional(), _article_codes])
    individual_opinions = TextAreaField(_l("Individual opinions"), validators=[Optional(), Length(max=4000)])
    members_not_participating = StringField(_l("Members who did not take part"),
                                            validators=[Optional(), Length(max=1000)])


class FollowUpRoundForm(Form):
    state_reply_on = DateField(_l("State's reply received on"), validators=[Optional()])
    author_comments_on = DateField(_l("Author's comments received on"), validators=[Optional()])
    grade = SelectField(_l("Grade"), choices=choices([("", "—"), *((g.value, label) for g, label in GRADE_LABELS.items())]),
                        validators=[Optional()])
    summary = TextAreaField(_l("Assessment"), validators=[Optional(), Length(max=4000)])

    def validate(self, extra_validators=None) -> bool:
        """A round needs a reply, comments or a grade. Checked here, not as a validator of the summary:
        Optional() ends the summary's checks when it is empty, which is exactly the empty round."""
        valid = super().validate(extra_validators)
        if not (self.state_reply_on.data or self.author_comments_on.data or self.grade.data):
            self.summary.errors = [*self.summary.errors, _l("Record a reply, comments or a grade.")]
            return False
        return valid


class CloseFollowUpForm(Form):
    outcome = SelectField(_l("Follow-up closed as"), choices=enum_choices(FollowUpOutcome), validators=[DataRequired()])
