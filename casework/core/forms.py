"""Small helpers shared by the forms of every module."""
from __future__ import annotations

import enum
from collections.abc import Iterable

from wtforms import IntegerField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.widgets import HiddenInput


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Options for a SelectField from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def enum_choices(enum_class: type[enum.StrEnum]) -> list[SelectChoice]:
    """Options for every member of a StrEnum, labelled in words ("case_officer" → "Case officer")."""
    return [SelectChoice(m.value, m.value.replace("_", " ").capitalize()) for m in enum_class]


def version_field() -> IntegerField:
    """The record's version as the page drew it, sent back by the form's hidden_tag().

    A save from a page drawn before someone else's is then refused (409) instead of undoing theirs.
    """
    return IntegerField(widget=HiddenInput(), validators=[DataRequired()])
