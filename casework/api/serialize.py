"""Records as the API shows them: the same fields for every reader who may see the record."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from casework.api.modules import by_case_type
from casework.api.schemas import CaseOut, CasePersonOut, CaseSummary, OtherNameOut, PersonCaseOut, PersonOut, UnitOut
from casework.core.cases import Case
from casework.core.persons import CasePerson, Person, cases_of, link_visibility_clause
from casework.extensions import db


def case_summary(case: Case) -> CaseSummary:
    module = by_case_type().get(case.case_type)
    return CaseSummary(
        id=case.id, module=module.module if module else case.case_type, type=str(case.type_label),
        reference=case.reference, title=case.title, status=case.status, status_label=str(case.status_label),
        unit=UnitOut(code=case.unit.code, name=case.unit.name), confidential=case.confidential,
        version=case.version, created_at=case.created_at, updated_at=case.updated_at,
        url=url_for("api.read_case", case_id=case.id),
    )


def case_out(case: Case, user) -> CaseOut:
    """The case with its persons (those the user may see) and its procedure's own fields."""
    links = db.session.scalars(select(CasePerson).where(
        CasePerson.case_id == case.id, link_visibility_clause(user)).order_by(CasePerson.id))
    module = by_case_type().get(case.case_type)
    details = module.details(case).model_dump(mode="json") if module else {}
    return CaseOut(
        **case_summary(case).model_dump(), officer=case.officer.name if case.officer else None,
        persons=[CasePersonOut(person_id=link.person_id, name=link.person.full_name, role=link.role.value)
                 for link in links],
        details=details,
    )


def person_out(person: Person, user, with_cases: bool = True) -> PersonOut:
    cases = [PersonCaseOut(case_id=case.id, reference=case.reference, role=link.role.value)
             for link, case in cases_of(person, user)] if with_cases else []
    return PersonOut(
        id=person.id, family_name=person.family_name, given_names=person.given_names, full_name=person.full_name,
        sex=person.sex.value, date_of_birth=person.date_of_birth,
        nationality=person.nationality.iso3 if person.nationality else None,
        protected_identity=person.protected_identity, unit=_unit_code(person.unit_id),
        other_names=[OtherNameOut(name=n.name, script=n.script) for n in person.names], cases=cases,
        url=url_for("api.read_person", person_id=person.id),
    )


def _unit_code(unit_id: int) -> str:
    from casework.core.units import Unit

    unit = db.session.get(Unit, unit_id)
    return unit.code if unit else ""
