"""Demonstration urgent actions: mostly Mexico and Iraq, as in practice, with one group from one
event, and cases at every step from a request awaiting its check to a person located."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from casework.auth.session import find_user
from casework.core.audit import acting_as
from casework.core.persons import Sex
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import fire
from casework.extensions import db
from casework.urgent_actions import operations as ops
from casework.urgent_actions.models import Criterion, Located, RecommendationKind, UrgentAction, UrgentActionGroup
from casework.urgent_actions.workflow import open_reply_deadline

ALL_MET = {c.value: True for c in Criterion}
GROUP_TITLE = "Fishermen taken at the El Zapote checkpoint, Tamaulipas, 14 March 2026"

# (State, family name, given names, sex, age, place, year registered, events after registration)
SINGLE = [
    ("MEX", "Hernández Ruiz", "José Luis", Sex.MALE, 24, "Nuevo Laredo, Tamaulipas", 2024, ("transmit_to_state",
     "inform_authors", "record_state_reply", "transmit_to_authors")),
    ("MEX", "Castañeda López", "María Fernanda", Sex.FEMALE, 19, "Zapopan, Jalisco", 2024, ("transmit_to_state",
     "locate_alive")),
    ("MEX", "Ortega Salinas", "Brenda", Sex.FEMALE, 31, "Ecatepec, Estado de México", 2025, ("transmit_to_state",
     "record_state_reply", "locate_in_detention")),
    ("MEX", "Ramírez Tello", "Alan", Sex.MALE, 27, "Veracruz, Veracruz", 2025, ("transmit_to_state",
     "close_deceased")),
    ("MEX", "Villalobos Cruz", "Eduardo", Sex.MALE, 35, "Culiacán, Sinaloa", 2025, ("transmit_to_state",
     "inform_authors")),
    ("MEX", "Guzmán Peña", "Rosa Isela", Sex.FEMALE, 42, "Chilpancingo, Guerrero", 2025, ("transmit_to_state",
     "suspend")),
    ("MEX", "Torres Medina", "Iván", Sex.MALE, 22, "Reynosa, Tamaulipas", 2026, ("transmit_to_state",)),
    ("MEX", "Delgado Flores", "Karla", Sex.FEMALE, 17, "Irapuato, Guanajuato", 2026, ()),
    ("IRQ", "Al-Jubouri", "Ahmed Khalil", Sex.MALE, 29, "Al-Razzaza checkpoint, Anbar", 2024, ("transmit_to_state",
     "inform_authors", "record_state_reply", "transmit_to_authors")),
    ("IRQ", "Al-Dulaimi", "Omar Sattar", Sex.MALE, 33, "Saqlawiyah, Anbar", 2024, ("transmit_to_state",
     "discontinue")),
    ("IRQ", "Hassan", "Mustafa Jabbar", Sex.MALE, 26, "Baiji, Salah al-Din", 2025, ("transmit_to_state",
     "record_state_reply", "locate_in_detention")),
    ("IRQ", "Al-Obaidi", "Yasir Hamid", Sex.MALE, 38, "Tuz Khurmatu, Kirkuk", 2025, ("transmit_to_state",)),
    ("IRQ", "Khalaf", "Saif Adnan", Sex.MALE, 21, "Jurf al-Sakhar, Babil", 2025, ("transmit_to_state",
     "inform_authors")),
    ("IRQ", "Abbas", "Zainab Kareem", Sex.FEMALE, 24, "Baghdad, Al-Karrada", 2026, ("transmit_to_state",)),
    ("IRQ", "Al-Samarrai", "Haider Nouri", Sex.MALE, 45, "Samarra, Salah al-Din", 2026, ("transmit_to_state",
     "locate_deceased")),
    ("COL", "Rincón Pardo", "Luz Marina", Sex.FEMALE, 52, "Buenaventura, Valle del Cauca", 2025, (
     "transmit_to_state", "locate_alive")),
    ("HND", "Mejía Zelaya", "Carlos Roberto", Sex.MALE, 30, "San Pedro Sula, Cortés", 2025, ("transmit_to_state",)),
    ("ARG", "Benítez", "Facundo Ezequiel", Sex.MALE, 23, "Villarino, Buenos Aires", 2024, ("transmit_to_state",
     "close_deceased")),
]
# The outcome each demo event records for every disappeared person of the request; closing on a
# death is then the request's own step.
FOUND = {"locate_alive": Located.ALIVE_AND_FREE, "locate_in_detention": Located.IN_DETENTION,
         "locate_deceased": Located.DECEASED, "close_deceased": Located.DECEASED}
FISHERMEN = [("Cárdenas Olvera", "Rubén"), ("Cárdenas Olvera", "Martín"), ("Solís Garza", "Héctor"),
             ("Treviño Lara", "Juan Pablo"), ("Maldonado Ríos", "Felipe"), ("Ibarra Quintero", "Osvaldo"),
             ("Luna Cavazos", "Gerardo"), ("Escobedo Pineda", "Ricardo"), ("Saucedo Vela", "Abel"),
             ("Garza Montemayor", "Tomás"), ("Reyna Téllez", "Joel"), ("Zúñiga Barrera", "Santiago")]


def load_demo() -> None:
    """Add the demo urgent actions unless they are there already."""
    if db.session.scalar(select(UrgentActionGroup.id).where(UrgentActionGroup.title == GROUP_TITLE)):
        return
    unit = db.session.scalar(select(Unit).where(Unit.code == "CED"))
    officer = find_user("ced.officer@ohchr.example.org")
    supervisor = find_user("ced.supervisor@ohchr.example.org")
    states = {s.iso3: s for s in db.session.scalars(select(State).where(State.iso3.in_(
        ["MEX", "IRQ", "COL", "HND", "ARG"])))}
    if unit is None or officer is None or len(states) < 5:
        return
    with acting_as(officer.id):
        for row in SINGLE:
            _single(unit, officer, supervisor, states, *row)
        _two_brothers(unit, officer, states)
        _awaiting_check(unit, officer, states)
        _group(unit, officer, states)
        _overdue(officer)
    db.session.flush()


def _event(state: State, place: str, year: int, author: str, relationship: str) -> ops.Disappearance:
    seen = date(year, 2, 10)
    return ops.Disappearance(
        state_id=state.id, received_on=seen + timedelta(days=12), language="es" if state.iso3 != "IRQ" else "en",
        last_seen_on=seen, last_seen_place=place,
        circumstances="Detenido por hombres armados uniformados que llegaron en vehículos sin placas; la familia no "
                      "ha tenido noticias desde entonces." if state.iso3 != "IRQ" else
        "Detained by armed men in uniform who arrived in unmarked vehicles; the family has had no news since.",
        alleged_perpetrators="Members of the security forces" if state.iso3 != "IRQ" else
        "Members of the Popular Mobilization Forces at the checkpoint",
        protection_needs="The relatives searching for the person have been followed and threatened.",
        authors=[ops.PersonInput(author.split()[-1], " ".join(author.split()[:-1]), Sex.FEMALE)],
        authors_relationship=relationship, authors_contact="Through the family's representative, by e-mail.",
        complaints=[("Fiscalía Especializada en Desaparición" if state.iso3 != "IRQ" else "Investigating court, "
                     "Ministry of the Interior", seen + timedelta(days=3), f"{state.iso3}/{year}/{seen.toordinal() % 9000}")],
    )


def _single(unit, officer, supervisor, states, iso3, family, given, sex, age, place, year, events) -> UrgentAction:
    authors = {"MEX": "Guadalupe Ruiz", "IRQ": "Amal Hussein", "COL": "Marta Pardo", "HND": "Rosa Zelaya",
               "ARG": "Cristina Benítez"}
    ua = ops.create_urgent_action(_event(states[iso3], place, year, authors[iso3], "Mother"),
                                  [ops.PersonInput(family, given, sex, age, states[iso3].id)], unit, officer)
    ops.decide_registration(ua, "register", ALL_MET, "Reported to the prosecutor; all criteria met.", officer,
                            on=date(year, 3, 1 + len(family) % 25))
    for event in events:
        if event in FOUND:
            for person in ua.disappeared:
                ops.record_outcome(ua, person.id, FOUND[event], officer)
            if event != "close_deceased":
                continue
        fire(ua, event, supervisor if event in ("discontinue", "suspend") else officer)
    if "transmit_to_authors" in events:
        ops.send_follow_up_note(ua, officer, [
            (RecommendationKind.SEARCH, "Search the places indicated by the relatives, with their participation."),
            (RecommendationKind.INVESTIGATE, "Identify and question the officers on duty at the checkpoint."),
        ], date.today() + timedelta(days=45))
    return ua


def _two_brothers(unit, officer, states) -> None:
    """One request covering two brothers: one found in detention, the other still sought."""
    ua = ops.create_urgent_action(_event(states["MEX"], "Tierra Blanca, Veracruz", 2025, "Guadalupe Ruiz", "Mother"),
                                  [ops.PersonInput("Morales Vidal", "Jorge", Sex.MALE, 26, states["MEX"].id),
                                   ops.PersonInput("Morales Vidal", "Raúl", Sex.MALE, 23, states["MEX"].id)],
                                  unit, officer)
    ops.decide_registration(ua, "register", ALL_MET, "Both brothers were taken together; all criteria met.",
                            officer, on=date(2025, 3, 12))
    fire(ua, "transmit_to_state", officer)
    ops.record_outcome(ua, ua.disappeared[0].id, Located.IN_DETENTION, officer)


def _awaiting_check(unit, officer, states) -> None:
    """Two requests the officer still has to check against the criteria."""
    for iso3, family, given in (("MEX", "Pacheco Ávila", "Daniela"), ("IRQ", "Al-Rawi", "Bilal Ahmed")):
        ops.create_urgent_action(_event(states[iso3], "Unknown", 2026, "Samira Nour", "Sister"),
                                 [ops.PersonInput(family, given, Sex.UNKNOWN)], unit, officer)


def _group(unit, officer, states) -> None:
    ops.register_group(ops.GroupRegistration(
        title=GROUP_TITLE, event=_event(states["MEX"], "El Zapote checkpoint, Tamaulipas", 2026, "Lucía Olvera",
                                        "Representative of the families"),
        persons=[ops.PersonInput(f, g, Sex.MALE) for f, g in FISHERMEN], criteria=ALL_MET,
        reason="One event; each fisherman gets his own urgent action.", letters=ops.COMBINED,
    ), unit, officer, on=date(2026, 3, 30), language="es")


def _overdue(officer) -> None:
    """Make some replies overdue, one of them after three reminders, so the lists have work."""
    waiting = list(db.session.scalars(select(UrgentAction).where(UrgentAction.status == "awaiting_reply")
                                      .order_by(UrgentAction.id)))
    for index, ua in enumerate(waiting[:4]):
        deadline = open_reply_deadline(ua)
        deadline.due_on = date.today() - timedelta(days=3 + index)
        if index == 0:
            deadline.reminders_sent = 3
