"""Finding a case by its reference as shown ("WGEID 1/2014"), for the pickers of forms that link
one case to another, and for the same forms typed without JavaScript.

A user finds what they may see. A team whose work is about cases of other procedures (the
reprisals team: the father arrested on his way to Geneva, the son's urgent action; see
`LINKS_OTHER_PROCEDURES`) reaches further: whoever may edit one of its cases, or open one in it,
also finds, to link it, the non-confidential cases of every procedure — by their reference alone,
which is all the link needs. Confidential cases stay out of reach unless the user may see them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask import jsonify, request, url_for
from flask_login import current_user
from sqlalchemy import ColumnElement, func, or_, select

from casework.core.cases import Case
from casework.core.permissions import Permission, can, can_in_unit, visibility_clause
from casework.core.units import Unit, UnitKind
from casework.extensions import db

LIMIT = 10
MIN_TYPED = 2


LINKS_OTHER_PROCEDURES = frozenset({UnitKind.REPRISALS_TEAM})


@dataclass(frozen=True)
class LinkFrom:
    """Where a link is made from: a case being edited, or a unit a new case is opened in."""

    case: Case | None = None
    unit_id: int | None = None


def reaches_other_procedures(user, origin: LinkFrom | None) -> bool:
    """Does linking from `origin` let `user` reach beyond the cases they may see?"""
    if origin is None:
        return False
    if origin.case is not None:
        unit_id, allowed = origin.case.unit_id, can(user, Permission.EDIT, origin.case)
    else:
        unit_id = origin.unit_id
        allowed = unit_id is not None and can_in_unit(user, Permission.CREATE, unit_id)
    unit = db.session.get(Unit, unit_id) if allowed and unit_id else None
    return unit is not None and unit.kind in LINKS_OTHER_PROCEDURES


def linkable_clause(user, origin: LinkFrom | None = None) -> ColumnElement[bool]:
    """SQL condition on `Case`: the cases `user` may link to from `origin`, found by reference."""
    clause = visibility_clause(user)
    if reaches_other_procedures(user, origin):
        clause = or_(clause, Case.parent_id.is_(None) & ~Case.confidential)
    clause = clause & Case.reference.is_not(None)
    return clause & (Case.id != origin.case.id) if origin is not None and origin.case is not None else clause


def normal_reference(text: str) -> str:
    """A reference as typed, compared as shown: " wgeid  1/2014 " → "WGEID 1/2014"."""
    return " ".join(text.split()).upper()


def _escaped(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


_NUMBERED = re.compile(r"^(.*?)\s*(\d+)/(\d{4})\s*$")
_CANDIDATES = 500


def reference_order(reference: str) -> tuple[str, int, int, str]:
    """How references sort as an officer reads them: by series, then year, then number
    ("WGEID 2/2014" before "WGEID 10/2014", both before "WGEID 1/2015"); others by their text."""
    numbered = _NUMBERED.match(reference.upper())
    if numbered is None:
        return reference.upper(), 0, 0, reference
    return numbered[1], int(numbered[3]), int(numbered[2]), reference


def find_cases(user, typed: str, origin: LinkFrom | None = None, limit: int = LIMIT) -> list[Case]:
    """The linkable cases whose reference contains what was typed: the reference typed in full
    first, then those starting with it, each group in the order of `reference_order`."""
    wanted = normal_reference(typed)
    if len(wanted) < MIN_TYPED:
        return []
    reference = func.upper(Case.reference)
    found = db.session.execute(
        select(Case.id, Case.reference).where(linkable_clause(user, origin),
                                              reference.like(f"%{_escaped(wanted)}%", escape="\\"))
        .limit(_CANDIDATES)).all()

    def rank(row) -> tuple:
        shown = normal_reference(row.reference)
        return shown != wanted, not shown.startswith(wanted), reference_order(row.reference)

    chosen = [row.id for row in sorted(found, key=rank)[:limit]]
    cases = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(chosen)))}
    return [cases[case_id] for case_id in chosen]


def linkable_case(user, typed: str, origin: LinkFrom | None = None) -> Case | None:
    """The case of exactly that reference, if `user` may link to it from `origin`."""
    wanted = normal_reference(typed)
    return db.session.scalars(select(Case).where(linkable_clause(user, origin),
                                                 func.upper(Case.reference) == wanted).limit(1)).first()


def origin_of_request() -> LinkFrom:
    """Where the picker's form links from: a case (`?for=<id>`) or a unit (`?unit=<id>`)."""
    case = db.session.get(Case, request.args.get("for", type=int) or 0)
    if case is not None and can(current_user, Permission.EDIT, case):
        return LinkFrom(case=case)
    return LinkFrom(unit_id=request.args.get("unit", type=int))


def lookup():
    """JSON for the case picker: each case's reference and nothing else."""
    found = find_cases(current_user, request.args.get("q", "")[:100], origin_of_request())
    return jsonify([{"value": case.reference, "label": case.reference} for case in found])


def with_picker(field, lookup_url: str):
    """Mark a form field for the type-ahead picker (static/js/picker.js) that asks `lookup_url`."""
    field.render_kw = {**(field.render_kw or {}), "data-picker": lookup_url}
    return field


class PickerSource:
    """A picker's lookup address for a field declared on a form class: built when the field is
    drawn, inside the request (`render_kw={"data-picker": PickerSource("persons.lookup")}`)."""

    def __init__(self, endpoint: str, **values: object) -> None:
        self.endpoint, self.values = endpoint, values

    def __str__(self) -> str:
        return url_for(self.endpoint, **self.values)
