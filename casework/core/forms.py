"""Small helpers shared by the forms of every module."""
from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import DateField, Field, FieldList, FormField, IntegerField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError
from wtforms.widgets import HiddenInput, Select

from casework.core.i18n import enum_label
from casework.core.inputs import (
    EARLIEST_DATE, FIRST_YEAR, LAST_YEAR, MAX_INT, MIN_INT, has_control_characters, latest_past_date,
)

if TYPE_CHECKING:
    from casework.core.workflow import Workflow


CONTROL_CHARACTER_MESSAGE = _l("This text contains an invisible control character (such as a NUL byte) that "
                                "cannot be saved. Remove it and save again.")


class QuickSelect(Select):
    """WTForms' select, each plain option written in one step: a list's filter of States draws
    195 options on every page, 4 ms through the generic writer of attributes and 1 this way, for
    the same HTML (an option with attributes of its own goes the generic way)."""

    @classmethod
    def render_option(cls, choice: SelectChoice, **kwargs: Any) -> Markup:
        if kwargs or choice.render_kw or choice.value is None or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""
        return Markup(f'<option {selected}value="{escape(choice.value)}">{escape(choice.label or choice.value)}</option>')


QUICK_SELECTS = {False: QuickSelect(), True: QuickSelect(multiple=True)}


class Form(FlaskForm):
    """Every form of Casework. Besides its own rules, each field refuses what cannot be stored,
    with the reason next to it and what was typed kept: text with a control character, a date
    outside FIRST_YEAR–LAST_YEAR. Subforms (FormField, FieldList) are checked too. Its selects
    are drawn by QuickSelect."""

    class Meta(FlaskForm.Meta):
        def render_field(self, field: Field, render_kw: dict[str, Any]) -> Markup:
            if type(field.widget) is Select:
                field.widget = QUICK_SELECTS[field.widget.multiple]
            return super().render_field(field, render_kw)

    def validate(self, extra_validators: dict[str, Any] | None = None) -> bool:
        valid = super().validate(extra_validators)
        return _refuse_unstorable(self) and valid


def _refuse_unstorable(fields: Iterable[Field]) -> bool:
    """Add the reason to each field holding what the database cannot store; False if any does."""
    clean = True
    for field in fields:
        if isinstance(field, FormField):
            clean = _refuse_unstorable(field.form) and clean
        elif isinstance(field, FieldList):
            if not _refuse_unstorable(field.entries):
                field.errors = [entry.errors for entry in field.entries]
                clean = False
        elif (reason := _unstorable(field)) is not None:
            field.errors = [*field.errors, reason]
            clean = False
    return clean


def _unstorable(field: Field) -> str | None:
    if any(isinstance(value, str) and has_control_characters(value) for value in field.raw_data or ()):
        return str(CONTROL_CHARACTER_MESSAGE)
    if isinstance(field.data, int) and not MIN_INT <= field.data <= MAX_INT:
        field.data = None  # read as no number at all, as a value that is not a number is
        return _("This number is too large.")
    if isinstance(field, DateField) and isinstance(field.data, date) and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
        return _("Give a date between %(first)s and %(last)s.", first=FIRST_YEAR, last=LAST_YEAR)
    return None


class YearField(IntegerField):
    """A year from FIRST_YEAR to LAST_YEAR; another number is read as none, with the reason."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not FIRST_YEAR <= self.data <= LAST_YEAR:
            self.data = None
            raise ValueError(_("Give a year from %(first)s to %(last)s.", first=FIRST_YEAR, last=LAST_YEAR))


class PastDateField(DateField):
    """The date of something that has happened (received, last seen, born): not before 1900, not
    in the future (tomorrow is allowed, for the time zones ahead of the server's)."""

    def pre_validate(self, form: FlaskForm) -> None:
        if self.data is None:
            return
        if self.data < EARLIEST_DATE:
            raise ValidationError(_("Give a date from %(earliest)s on.", earliest=EARLIEST_DATE.isoformat()))
        if self.data > latest_past_date():
            raise ValidationError(_("This date is in the future: give the date it happened."))


def not_before(start: str, message: str | None = None):
    """A validator for the end of a span: refused if before the form's field named `start`."""
    def check(form: FlaskForm, field: Field) -> None:
        begins = form[start].data
        if field.data and begins and field.data < begins:
            raise ValidationError(message or _("This date is before %(start)s.", start=form[start].label.text))

    return check


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Options for a SelectField from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def enum_choices(enum_class: type[enum.StrEnum]) -> list[SelectChoice]:
    """Options for every member of a StrEnum, in the reader's words ("case_officer" → "Case officer")."""
    return [SelectChoice(m.value, enum_label(m)) for m in enum_class]


def state_choices(blank: str | None = None) -> list[SelectChoice]:
    """Every State by its name in the page's language, in that language's alphabetical order, for a
    select; with `blank`, first an empty choice (0) of that label ("Any", "Choose…", "Unknown")."""
    from casework.core.states import named_in_order

    return choices(([(0, blank)] if blank is not None else []) + list(named_in_order()))


def status_choices(workflow: Workflow, blank: str) -> list[SelectChoice]:
    """A list filter's statuses: `blank` ("Any") first, then each state of `workflow` by its label."""
    return choices([("", blank)] + [(state.value, workflow.state_label(state)) for state in workflow.states])


def list_filters(form: FlaskForm, workflow: Workflow, **choices_of: list[SelectChoice]) -> FlaskForm:
    """A list's filter form as the query string fills it: any State, any status of `workflow`, and
    the choices of its own other fields; validated, so that a value that is not a choice says so."""
    form.state.choices = state_choices(_("Any"))
    form.status.choices = status_choices(workflow, _("Any"))
    for name, field_choices in choices_of.items():
        form[name].choices = field_choices
    form.validate()
    return form


def version_field() -> IntegerField:
    """The record's version as the page drew it, sent back by the form's hidden_tag().

    A save from a page drawn before someone else's is then refused (409) instead of undoing theirs.
    """
    return IntegerField(widget=HiddenInput(), validators=[DataRequired()])


def form_refusal(forms: Iterable[object]) -> str | None:
    """Why a form was refused, for the top of the page: the form may no longer be drawn below
    (a page from before the case moved on), and a refusal must always say why.

    A form without the version or token it was drawn with comes from a page that is out of date:
    the person can only reload it, so that is what they are told.
    """
    forms = [form[-1] if isinstance(form, tuple) and form else form for form in forms]  # (deadline id, form)
    forms = [form for form in forms if isinstance(form, FlaskForm) and form.errors]
    if any("version" in form.errors or "csrf_token" in form.errors for form in forms):
        return _("This page is out of date. Reload the page and try again.")
    # A field's last error is its own reason: a date left empty is "Give the date.", not also
    # "Not a valid date value.".
    reasons = [f"{form[name].label.text if name in form else name}: {messages[-1]}"
               for form in forms for name, messages in form.errors.items() if messages]
    return _("Nothing was saved. %(reasons)s", reasons=" ".join(reasons)) if reasons else None
