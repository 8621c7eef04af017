"""Small helpers shared by the forms of every module."""
from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select

from wtforms import IntegerField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.widgets import HiddenInput

if TYPE_CHECKING:
    from casework.core.workflow import Workflow


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Options for a SelectField from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def enum_choices(enum_class: type[enum.StrEnum]) -> list[SelectChoice]:
    """Options for every member of a StrEnum, labelled in words ("case_officer" → "Case officer")."""
    return [SelectChoice(m.value, m.value.replace("_", " ").capitalize()) for m in enum_class]


def state_choices(blank: str | None = None) -> list[SelectChoice]:
    """Every State by name, for a select; with `blank`, first an empty choice (0) of that label
    ("Any", "Choose…", "Unknown")."""
    from casework.core.states import State
    from casework.extensions import db

    states = db.session.execute(select(State.id, State.name).order_by(State.name)).all()
    return choices(([(0, blank)] if blank is not None else []) + [(row.id, row.name) for row in states])


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
