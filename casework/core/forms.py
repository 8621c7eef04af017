"""Small helpers shared by the forms of every module."""
from __future__ import annotations

import enum
from collections.abc import Iterable

from wtforms.fields.choices import SelectChoice


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """Options for a SelectField from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def enum_choices(enum_class: type[enum.StrEnum]) -> list[SelectChoice]:
    """Options for every member of a StrEnum, labelled in words ("case_officer" → "Case officer")."""
    return [SelectChoice(m.value, m.value.replace("_", " ").capitalize()) for m in enum_class]
