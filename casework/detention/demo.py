"""Demonstration data for detention work: places of detention of the Colombia, Mexico and Ukraine
field offices, visits in every state of their workflow (one final, with its summary report),
individual cases at every step, and releases, individual and aggregate, one of them counted in
both. Never in production; loaded once (nothing is added if places of detention exist)."""
from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role, User
from casework.auth.session import find_user
from casework.core.audit import acting_as
from casework.core.jobs import jobs_inline
from casework.core.persons import Person, Sex
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import fire
from casework.detention.cases import operations as case_ops
from casework.detention.cases.models import CaseIssue, CaseOutcome, ReleaseCategory, ReleaseSource
from casework.detention.operations import Detainee, find_or_register_person
from casework.detention.places import operations as place_ops
from casework.detention.places.models import Facility, FacilityType
from casework.detention.visits import operations as visit_ops
from casework.detention.visits.models import (
    Access, Assessment, ConditionItem, Consent, RecommendationStatus, Visit, VisitKind,
)
from casework.extensions import db

ACCOUNTS = [
    ("head.colombia@ohchr.example.org", "Lucía Fernández", "FO-COL", Role.SUPERVISOR,
     "head of office, Colombia (reviews visits, approves reports)"),
    ("mexico.officer@ohchr.example.org", "Diego Ramírez", "FO-MEX", Role.CASE_OFFICER, "field officer, Mexico"),
]

# (field office, ISO3, name, type, authority, location, capacity)
FACILITIES = [
    ("FO-COL", "COL", "Establecimiento Penitenciario San Isidro", FacilityType.PRISON,
     "INPEC (Ministerio de Justicia y del Derecho)", "Popayán, Cauca", 1650),
    ("FO-COL", "COL", "Estación de Policía Los Mártires", FacilityType.POLICE_STATION, "Policía Nacional",
     "Bogotá D.C.", 40),
    ("FO-COL", "COL", "Centro de Detención Transitoria Puente Aranda", FacilityType.PRE_TRIAL,
     "Secretaría de Seguridad de Bogotá", "Bogotá D.C.", 250),
    ("FO-COL", "COL", "Centro de Atención Especializada El Camino", FacilityType.JUVENILE,
     "Instituto Colombiano de Bienestar Familiar", "Cali, Valle del Cauca", 180),
    ("FO-MEX", "MEX", "Estación Migratoria Frontera Sur", FacilityType.IMMIGRATION, "Instituto Nacional de Migración",
     "Tapachula, Chiapas", 960),
    ("FO-MEX", "MEX", "Centro Penitenciario Estatal Norte", FacilityType.PRISON,
     "Secretaría de Seguridad Pública del Estado", "Hermosillo, Sonora", 2400),
    ("FO-UKR", "UKR", "Pre-trial Detention Centre No. 12", FacilityType.PRE_TRIAL,
     "State Criminal-Executive Service", "Kharkiv", 1200),
    ("FO-UKR", "UKR", "Regional Psychiatric Hospital No. 3", FacilityType.PSYCHIATRIC, "Ministry of Health",
     "Odesa region", 400),
]


def load_demo() -> list[tuple[str, str]]:
    """Add the demo accounts, places, visits, cases and releases; returns the accounts to print."""
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    for code in ("FO-COL", "FO-MEX"):  # they report in Spanish
        units[code].settings = {**(units[code].settings or {}), "report_language": "es"}
    for email, name, code, role, _description in ACCOUNTS:
        user = find_user(email) or save_user(None, name, email, _demo_password(), False, False, True)
        if not any(m.unit_id == units[code].id for m in user.memberships):
            set_membership(user, units[code], role)
    db.session.flush()
    if db.session.scalar(select(Facility.id).limit(1)) is None:
        _load(units)
    return [(email, description) for email, _n, _c, _r, description in ACCOUNTS]


def _demo_password() -> str:
    from casework.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def _load(units: dict[str, Unit]) -> None:
    officer, head = find_user("field.officer@ohchr.example.org"), find_user("head.colombia@ohchr.example.org")
    mexico, chief = find_user("mexico.officer@ohchr.example.org"), find_user("chief@ohchr.example.org")
    states = {s.iso3: s for s in db.session.scalars(select(State).where(State.iso3.in_(["COL", "MEX", "UKR"])))}
    places = {}
    for code, iso3, name, kind, authority, location, capacity in FACILITIES:
        recorder = {"FO-COL": officer, "FO-MEX": mexico, "FO-UKR": chief}[code]
        with acting_as(recorder.id):
            places[name] = place_ops.save_facility(None, units[code].id, place_ops.FacilityContent(
                name=name, facility_type=kind, state_id=states[iso3].id, authority=authority, location=location,
                capacity=capacity), recorder)
    colombia = _colombia(places, officer, head)
    _history(places, officer, head, mexico, chief)
    _cases_and_releases(places, colombia, officer, head, mexico, states, units)


# ---- Visits --------------------------------------------------------------------------------------

def _visit(place: Facility, day: date, actor: User, **values) -> Visit:
    """A visit recorded and saved as an officer does, through the operations."""
    with acting_as(actor.id):
        visit = visit_ops.record_visit(place, day, actor)
        content = visit_ops.VisitContent(
            facility_id=place.id, started_on=day, ended_on=values.get("ended_on"), team=values.get("team", actor.name),
            announced=values.get("announced", False), visit_kind=values.get("kind", visit.visit_kind),
            access=values.get("access", Access.GRANTED), access_notes=values.get("access_notes", ""),
            capacity=place.capacity, population=values.get("population", {}),
            conditions=values.get("conditions", {}), issues_raised=values.get("issues", ""),
            authority_response=values.get("response", ""),
            recommendations=[visit_ops.RecommendationRow(None, to, text, by)
                             for to, text, by in values.get("recommendations", [])],
            follow_ups=values.get("follow_ups", []),
        )
        visit_ops.update_visit(visit, content, actor)
    return visit


def _population(total: int, women: int, children: int, pretrial: int, administrative: int, foreigners: int) -> dict:
    men = total - women - children
    return {"pop_total": total, "pop_women": women, "pop_men": men, "pop_children": children,
            "pop_pretrial": pretrial, "pop_sentenced": total - pretrial - administrative,
            "pop_administrative": administrative, "pop_foreigners": foreigners}


def _step(visit: Visit, events: list[tuple[str, User, str]]) -> None:
    for event, actor, comment in events:
        with acting_as(actor.id):
            fire(visit, event, actor, comment=comment or None)


def _colombia(places: dict, officer: User, head: User) -> dict[str, Visit]:
    """The story of San Isidro: a first visit (final, with its report), a follow-up, a draft."""
    san_isidro = places["Establecimiento Penitenciario San Isidro"]
    first = _visit(
        san_isidro, date(2025, 3, 12), officer, ended_on=date(2025, 3, 13), team="Andrés Castillo\nMarta Quintero",
        population=_population(2310, 96, 0, 1020, 0, 41),
        conditions={
            ConditionItem.OVERCROWDING: (Assessment.SERIOUS,
                                         "Cells for 4 hold 10 to 12 persons; many sleep on the floor."),
            ConditionItem.WATER: (Assessment.SERIOUS, "Water two hours a day in blocks 3 and 4."),
            ConditionItem.HEALTH: (Assessment.CONCERN,
                                   "One doctor for the whole population; no medicines for chronic illness."),
            ConditionItem.FOOD: (Assessment.ADEQUATE, ""),
            ConditionItem.ILL_TREATMENT: (Assessment.CONCERN,
                                          "Two detainees alleged beatings on arrival in the disciplinary block."),
        },
        issues="Overcrowding of blocks 3 and 4; water supply; detainees held in pre-trial detention beyond legal "
               "time limits.",
        response="Overcrowding is acknowledged; a request for transfers has been sent to INPEC.",
        recommendations=[
            ("Director of the establishment", "Guarantee drinking water at all hours in every block.",
             date(2025, 6, 30)),
            ("INPEC", "Transfer detainees to reduce occupancy of blocks 3 and 4 to their capacity.", date(2025, 9, 30)),
            ("Regional prosecutor's office", "Review the cases of persons held in pre-trial detention beyond the legal "
                                            "time limits.", date(2025, 6, 30)),
        ])
    with acting_as(officer.id):
        for family, given, sex, consent, notes in (
            ("Muñoz Cárdenas", "Jhon Jairo", Sex.MALE, Consent.NO_DETAILS,
             "In pre-trial detention for 26 months; no hearing since his arrest."),
            ("Rentería", "Yadira", Sex.FEMALE, Consent.NONE, "Untreated diabetes; asked twice to see the doctor."),
            ("Quiñones Valencia", "Brayan", Sex.MALE, Consent.NAMED, "Beaten on arrival in the disciplinary block."),
        ):
            person = find_or_register_person(first.unit_id, Detainee(family, given, sex), officer)
            visit_ops.add_interview(first, person, consent, True, notes, officer)
    _step(first, [("submit", officer, "Ready for review."), ("review", head, "Reviewed; please draft the report.")])
    _issue_report(first, officer, head)

    follow_up = _visit(
        san_isidro, date(2025, 9, 18), officer, kind=VisitKind.FOLLOW_UP, announced=True,
        population=_population(2105, 90, 0, 880, 0, 38),
        conditions={ConditionItem.OVERCROWDING: (Assessment.SERIOUS, "Blocks 3 and 4 still at twice their capacity."),
                    ConditionItem.WATER: (Assessment.ADEQUATE, "A new tank supplies water all day."),
                    ConditionItem.HEALTH: (Assessment.CONCERN, "")},
        issues="Occupancy of blocks 3 and 4.", response="Transfers of 200 detainees are planned for November.",
        recommendations=[("INPEC", "Publish the transfer plan and its timetable.", date(2025, 12, 31))])
    rows = [visit_ops.FollowUpRow(r.id, status, note) for r, (status, note) in zip(first.recommendations, (
        (RecommendationStatus.IMPLEMENTED, "New water tank since July."),
        (RecommendationStatus.PARTIALLY_IMPLEMENTED, "205 detainees transferred; blocks 3 and 4 still overcrowded."),
        (RecommendationStatus.NOT_IMPLEMENTED, "No review yet."),
    ))]
    with acting_as(officer.id):
        visit_ops.update_visit(follow_up, visit_ops.VisitContent(**{**_content_of(follow_up), "follow_ups": rows}),
                               officer)
    _step(follow_up, [("submit", officer, ""), ("review", head, "")])

    draft = _visit(san_isidro, date(2026, 11, 17), officer, kind=VisitKind.FOLLOW_UP,
                   population={"pop_total": 1980}, issues="(notes from the visit, to be completed)")
    submitted = _visit(
        places["Estación de Policía Los Mártires"], date(2026, 2, 10), officer, access=Access.RESTRICTED,
        access_notes="The team was not allowed into the holding cells at the back of the station.",
        population=_population(63, 7, 2, 63, 0, 5),
        conditions={ConditionItem.OVERCROWDING: (Assessment.SERIOUS,
                                                 "63 persons for 40 places; some held for 9 days.")},
        issues="Two children held with adults; detention beyond 36 hours.",
        response="The commander said the children would be handed to the ICBF the same day.",
        recommendations=[("Station commander", "Never hold children with adults.", None)])
    _step(submitted, [("submit", officer, "Urgent: children held with adults.")])
    refused = _visit(places["Centro de Detención Transitoria Puente Aranda"], date(2025, 11, 5), officer,
                     access=Access.REFUSED, access_notes="The guard commander said no written authorisation had "
                                                         "been received from the Secretariat.")
    _step(refused, [("submit", officer, ""), ("review", head, "Raise the refusal with the Secretariat.")])
    return {"first": first, "follow_up": follow_up, "draft": draft, "submitted": submitted, "refused": refused}


def _content_of(visit: Visit) -> dict:
    """A visit's saved content, to save again with changes."""
    return dict(
        facility_id=visit.facility_id, started_on=visit.started_on, ended_on=visit.ended_on, team=visit.team,
        announced=visit.announced, visit_kind=visit.visit_kind, access=visit.access, access_notes=visit.access_notes,
        capacity=visit.capacity, population={n: getattr(visit, n) for n in (
            "pop_total", "pop_women", "pop_men", "pop_children", "pop_pretrial", "pop_sentenced", "pop_administrative",
            "pop_foreigners")},
        conditions={c.item: (c.assessment, c.note) for c in visit.conditions},
        issues_raised=visit.issues_raised, authority_response=visit.authority_response,
        recommendations=[visit_ops.RecommendationRow(r.id, r.addressee, r.text, r.deadline)
                         for r in visit.recommendations],
    )


def _issue_report(visit: Visit, officer: User, head: User) -> None:
    """Draft, submit and approve the visit's summary report; once its PDF exists the visit is final."""
    with acting_as(officer.id):
        report = visit_ops.draft_visit_report(visit, "en", officer)
        fire(report, "submit", officer, comment="Summary report for approval.")
    with jobs_inline(), acting_as(head.id):
        fire(report, "approve", head)
        db.session.commit()  # the rendering job runs now, in a transaction of its own
    db.session.refresh(report)
    db.session.refresh(visit)
    _step(visit, [("finalise", head, "Report issued.")])


def _history(places: dict, officer: User, head: User, mexico: User, chief: User) -> None:
    """Earlier visits of every place, so that the register and the figures have a history."""
    rng = random.Random(8)
    plan = [("Establecimiento Penitenciario San Isidro", officer, head, [date(2024, 5, 20), date(2024, 10, 2)]),
            ("Estación de Policía Los Mártires", officer, head, [date(2025, 4, 8), date(2025, 8, 21)]),
            ("Centro de Atención Especializada El Camino", officer, head, [date(2025, 2, 26), date(2026, 6, 3)]),
            ("Estación Migratoria Frontera Sur", mexico, chief,
             [date(2025, 5, 14), date(2025, 10, 29), date(2026, 4, 22)]),
            ("Centro Penitenciario Estatal Norte", mexico, chief, [date(2025, 7, 9)]),
            ("Pre-trial Detention Centre No. 12", chief, None, [date(2025, 6, 17), date(2026, 3, 11)]),
            ("Regional Psychiatric Hospital No. 3", chief, None, [date(2026, 5, 28)])]
    for name, recorder, reviewer, days in plan:
        place = places[name]
        for day in days:
            total = round(place.capacity * rng.uniform(0.8, 1.6))
            children = total // 30 if place.facility_type is FacilityType.IMMIGRATION else 0
            if place.facility_type is FacilityType.JUVENILE:
                children = total
            women = 0 if children == total else round(total * rng.uniform(0.03, 0.12))
            visit = _visit(place, day, recorder, announced=rng.random() < 0.5,
                           population=_population(total, women, children, round((total - children) * 0.4), 0,
                                                  round(total * rng.uniform(0, 0.3))),
                           conditions={ConditionItem.OVERCROWDING: (
                               Assessment.SERIOUS if total > place.capacity * 1.2 else Assessment.CONCERN, "")})
            events = [("submit", recorder, "")]
            if reviewer is not None:
                events.append(("review", reviewer, ""))
            _step(visit, events)


# ---- Individual cases and releases ---------------------------------------------------------------

def _cases_and_releases(places: dict, visits: dict[str, Visit], officer: User, head: User, mexico: User,
                        states: dict[str, State], units: dict[str, Unit]) -> None:
    san_isidro = places["Establecimiento Penitenciario San Isidro"]
    martires = places["Estación de Policía Los Mártires"]

    def person(unit: Unit, family: str, given: str, sex: Sex, born: date | None = None):
        """The detainee already in the registry (interviewed at a visit), or registered now."""
        known = db.session.scalar(select(Person).where(Person.family_name == family, Person.given_names == given))
        if known is not None:
            known.date_of_birth = known.date_of_birth or born
            return known
        return find_or_register_person(unit.id, Detainee(family, given, sex, born), officer)

    with acting_as(officer.id):
        jhon = person(units["FO-COL"], "Muñoz Cárdenas", "Jhon Jairo", Sex.MALE, date(1991, 4, 2))
        released = case_ops.open_case(san_isidro, jhon, CaseIssue.EXCESSIVE_PRETRIAL,
                                      "26 months in pre-trial detention without a hearing.", officer,
                                      visit=visits["first"], on=date(2025, 3, 13))
        case_ops.raise_case(released, date(2025, 3, 20), "Juzgado de control de garantías de Popayán",
                            "Letter to the judge and meeting with the prosecutor.", officer)
        case_ops.record_outcome(released, CaseOutcome.RELEASED, date(2025, 5, 2), ReleaseCategory.MAN,
                                "Released under the 2025 decongestion plan.", officer)

        yadira = person(units["FO-COL"], "Rentería", "Yadira", Sex.FEMALE, date(1979, 11, 23))
        medical = case_ops.open_case(san_isidro, yadira, CaseIssue.MEDICAL_NEED, "Untreated diabetes.", officer,
                                     visit=visits["first"], on=date(2025, 3, 13))
        case_ops.raise_case(medical, date(2025, 3, 14), "Director of the establishment", "", officer)
        case_ops.record_outcome(medical, CaseOutcome.MEDICAL_CARE, date(2025, 4, 1), None,
                                "Seen by a specialist; treatment provided.", officer)
        fire(medical, "close", officer, comment="Treatment continues; nothing more to do.")

        boy = person(units["FO-COL"], "Mosquera", "Kevin", Sex.MALE, date(2009, 8, 14))
        child = case_ops.open_case(martires, boy, CaseIssue.CHILD_WITH_ADULTS, "16 years old, held with adults.",
                                   officer, visit=visits["submitted"], on=date(2026, 2, 10))
        case_ops.raise_case(child, date(2026, 2, 10), "Station commander", "Raised during the visit.", officer)
        case_ops.record_outcome(child, CaseOutcome.TRANSFERRED, date(2026, 2, 11), None,
                                "Handed to the ICBF specialised centre.", officer)

        woman = person(units["FO-COL"], "Palacios", "Luz Mery", Sex.FEMALE, date(1996, 1, 30))
        unlawful = case_ops.open_case(martires, woman, CaseIssue.NO_LEGAL_BASIS, "Held 9 days without a warrant.",
                                      officer, visit=visits["submitted"], on=date(2026, 2, 10))
        case_ops.raise_case(unlawful, date(2026, 2, 10), "Fiscalía General de la Nación", "", officer)
        case_ops.record_outcome(unlawful, CaseOutcome.RELEASED, date(2026, 2, 11), ReleaseCategory.WOMAN, "",
                                officer)

        brayan = person(units["FO-COL"], "Quiñones Valencia", "Brayan", Sex.MALE)
        beaten = case_ops.open_case(san_isidro, brayan, CaseIssue.ILL_TREATMENT, "Beaten on arrival.", officer,
                                    confidential=True, visit=visits["first"], on=date(2025, 3, 13))
        case_ops.raise_case(beaten, date(2025, 3, 25), "Procuraduría General de la Nación", "Complaint filed.",
                            officer)

        pending = case_ops.open_case(martires, person(units["FO-COL"], "Hinestroza", "Wilmar", Sex.MALE),
                                     CaseIssue.NO_ACCESS_TO_LAWYER, "No lawyer at the hearing.", officer)
        del pending  # left open, for the officer to raise

    with acting_as(mexico.id):
        girl = find_or_register_person(units["FO-MEX"].id, Detainee(
            "Hernández López", "Ana Sofía", Sex.FEMALE, date(2012, 3, 5)), mexico)
        migrant = case_ops.open_case(places["Estación Migratoria Frontera Sur"], girl, CaseIssue.CHILD_WITH_ADULTS,
                                     "Unaccompanied girl held in the adult women's dormitory.", mexico,
                                     on=date(2025, 5, 14))
        case_ops.raise_case(migrant, date(2025, 5, 15), "Procuraduría de Protección de Niñas, Niños y Adolescentes",
                            "", mexico)
        case_ops.record_outcome(migrant, CaseOutcome.ALTERNATIVE_TO_DETENTION, date(2025, 5, 30), ReleaseCategory.CHILD,
                                "Placed in a shelter of the DIF.", mexico)

    with acting_as(head.id):
        decongestion = case_ops.save_aggregate(None, units["FO-COL"].id, case_ops.AggregateContent(
            state_id=states["COL"].id, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
            source=ReleaseSource.DECONGESTION, source_details="Plan de descongestión carcelaria 2025",
            women=12, men=187, children=0, notes="Figures from INPEC for the establishments the Office monitors."),
            head)
        # Jhon Jairo was released under this plan: he is in its 187 men, and not counted again.
        case_ops.cover_case(decongestion, released, head)
        case_ops.save_aggregate(None, units["FO-COL"].id, case_ops.AggregateContent(
            state_id=states["COL"].id, period_start=date(2020, 4, 14), period_end=date(2020, 10, 31),
            source=ReleaseSource.COVID19, source_details="Decreto 546 de 2020", women=205, men=1890, children=0), head)
    with acting_as(mexico.id):
        case_ops.save_aggregate(None, units["FO-MEX"].id, case_ops.AggregateContent(
            state_id=states["MEX"].id, period_start=date(2020, 4, 1), period_end=date(2020, 12, 31),
            source=ReleaseSource.COVID19, source_details="Ley de Amnistía de 2020", women=41, men=312, children=25),
            mexico)
    db.session.flush()
