"""How each domain module contributes to the API: a `casework/<module>/api.py` with `API = ModuleApi(...)`.

A module says which case types it owns (one `ModuleApi` each), how its own fields read, how a case of its kind is
created (through its own operations) and how its cases are found by State. Its `module.py` declares them, so
adding a module adds its endpoints without a central list.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from pydantic import BaseModel
from sqlalchemy import ColumnElement, func, select

from casework.api.errors import ApiError
from casework.core.cases import Case
from casework.core.permissions import Permission, units_where
from casework.core.states import State
from casework.core.units import Unit
from casework.extensions import db


@dataclass(frozen=True)
class ModuleApi:
    module: str  # the module's name, e.g. "urgent_actions", used as the `module` filter
    case_type: str  # the polymorphic identity of its case records
    label: str
    details_schema: type[BaseModel]
    details: Callable[[Case], BaseModel]
    create_path: str | None = None  # e.g. "/urgent-actions"
    create_schema: type[BaseModel] | None = None
    create: Callable[[BaseModel, object], Case] | None = None  # (body, actor) → the new case, flushed
    create_summary: str = ""
    state_condition: Callable[[int], ColumnElement[bool]] | None = None  # state id → condition on Case


@functools.cache
def module_apis() -> tuple[ModuleApi, ...]:
    from casework import domain_modules

    return tuple(api for module in domain_modules() for api in module.api)


def by_case_type() -> dict[str, ModuleApi]:
    return {m.case_type: m for m in module_apis()}


def by_module() -> dict[str, list[ModuleApi]]:
    """The kinds of case of each module (detention has visits and the cases of detainees)."""
    modules: dict[str, list[ModuleApi]] = {}
    for m in module_apis():
        modules.setdefault(m.module, []).append(m)
    return modules


# ---- Helpers for the modules' create functions ---------------------------------------------------

def state_id(code: str | None, field: str) -> int | None:
    """The id of the State with this ISO alpha-3 code; 422 naming the field when there is none."""
    if code is None:
        return None
    found = db.session.scalar(select(State.id).where(func.upper(State.iso3) == code.upper()))
    if found is None:
        raise ApiError(422, fields={field: [_("There is no State with the code “%(code)s”.", code=code)]})
    return found


def unit_for_creation(user, code: str | None, allowed: list[Unit], field: str = "unit") -> Unit:
    """The unit among `allowed` with this code (the only one when no code is given).

    No unit at all: the role may not create here (403). A code that is not among them: 422.
    """
    if not allowed:
        raise ApiError(403, _("Your role does not allow creating these records."))
    if code is None:
        if len(allowed) == 1:
            return allowed[0]
        raise ApiError(422, fields={field: [_("Choose one of: %(codes)s.", codes=", ".join(u.code for u in allowed))]})
    unit = next((u for u in allowed if u.code.upper() == code.upper()), None)
    if unit is None:
        raise ApiError(422, fields={field: [_("You may not create records in “%(code)s”; choose one of: %(codes)s.",
                                             code=code, codes=", ".join(u.code for u in allowed))]})
    return unit


def creating_units(user) -> list[Unit]:
    return units_where(user, Permission.CREATE)
