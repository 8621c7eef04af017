"""The numbered summary report of a visit, written through the letters machinery.

`visit_report_values()` turns a visit into plain values (no ORM objects); the letter type
"visit_summary" writes the report's subject and numbered paragraphs from them, in English or
Spanish (other languages fall back to English, for the drafter to translate). The drafter edits
the text, the head of office approves it, and a worker renders the final PDF, as for any letter.
Interviews appear only as a number: nothing said by a detainee is attributable in the report.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select

from casework.detention.cases.models import DetentionCase
from casework.detention.visits.models import (
    VISIT_TYPE, Assessment, POPULATION_FIELDS, RecommendationStatus, Visit, VisitKind,
)
from casework.extensions import db
from casework.letters.document import LetterKind
from casework.letters.models import Letter
from casework.letters.phrases import written_date
from casework.letters.types import LetterContext, LetterType

REPORT_TYPE = "visit_summary"


def summary_report(visit: Visit) -> Letter | None:
    """The visit's summary report (a letter record of type "visit_summary"), if drafted."""
    return db.session.scalar(select(Letter).where(Letter.parent_id == visit.id, Letter.letter_type == REPORT_TYPE)
                             .order_by(Letter.id).limit(1))


def visit_report_values(visit: Visit) -> dict:
    """Everything the summary report says about a visit, as plain values."""
    facility = visit.facility
    cases = db.session.scalar(select(func.count()).select_from(DetentionCase).where(DetentionCase.visit_id == visit.id))
    return {
        "number": visit.number, "unit": visit.unit.name, "facility": facility.name,
        "facility_type": facility.facility_type.value, "authority": facility.authority, "location": facility.location,
        "started_on": visit.started_on, "ended_on": visit.ended_on,
        "team": tuple(line.strip() for line in visit.team.splitlines() if line.strip()),
        "announced": visit.announced, "follow_up": visit.visit_kind is VisitKind.FOLLOW_UP,
        "access": visit.access.value, "access_notes": visit.access_notes,
        "capacity": visit.capacity, "occupancy": visit.occupancy,
        "population": {name: getattr(visit, name) for name in POPULATION_FIELDS},
        "conditions": tuple((c.item.value, c.assessment.value, c.note) for c in visit.conditions
                            if c.assessment is not Assessment.NOT_ASSESSED or c.note),
        "interviews": len(visit.interviews),
        "issues_raised": visit.issues_raised, "authority_response": visit.authority_response,
        "recommendations": tuple((r.addressee, r.text, r.deadline) for r in visit.recommendations),
        "follow_ups": tuple(f.status.value for f in visit.follow_ups),
        "cases": cases or 0,
    }


# ---- Words -------------------------------------------------------------------------------------

WORDS = {
    "en": {
        "subject": "Summary report of the visit to {facility}, {date}",
        "visit": "{dates}, a team of the {unit}{team} made an {announced} {kind} visit to {facility}, {type}"
                 "{authority}{location}.",
        "team": ", composed of {names},", "and": "and", "on": "On {date}", "from_to": "From {start} to {end}",
        "announced": "announced", "unannounced": "unannounced", "first": "first", "follow_up": "follow-up",
        "authority": " run by {authority}", "location": ", in {location}",
        "granted": "The authorities gave the team access to the facility and allowed it to interview detainees "
                   "in private.",
        "restricted": "The authorities restricted the team's access: {notes}",
        "refused": "The authorities refused the team access to the facility. {notes}",
        "held": "On the day of the visit, the facility held {total} persons",
        "capacity": " for an official capacity of {capacity} (an occupancy rate of {occupancy} per cent)",
        "sex": "They were {parts}.", "women": "{n} women", "men": "{n} men", "children": "{n} children",
        "status": "Of them, {parts}.", "pretrial": "{n} were in pre-trial detention", "sentenced": "{n} were sentenced",
        "administrative": "{n} were in administrative detention",
        "foreigners": "{n} were foreign nationals.",
        "serious": "The team found serious problems with: {items}.", "concern": "It noted concerns about: {items}.",
        "adequate": "It found the following adequate: {items}.",
        "interviews": "The team interviewed {n} detainees in private.",
        "issues": "At the end of the visit, the team raised the following issues with the director: {text}",
        "response": "The director responded: {text}", "no_response": "The director gave no response.",
        "recommendations": "The team made the following recommendations:",
        "recommendation": "({letter}) To {addressee}: {text}{deadline}.", "deadline": " (by {date})",
        "follow_ups": "The team followed up {n} recommendations of earlier visits: {parts}.",
        "cases": "{n} individual cases identified during the visit have been raised with the authorities.",
    },
    "es": {
        "subject": "Informe resumido de la visita a {facility}, {date}",
        "visit": "{dates}, un equipo de {unit}{team} realizó una visita {kind} {announced} a {facility}, "
                 "{type}{authority}{location}.",
        "team": ", integrado por {names},", "and": "y", "on": "El {date}", "from_to": "Del {start} al {end}",
        "announced": "anunciada", "unannounced": "no anunciada", "first": "inicial", "follow_up": "de seguimiento",
        "authority": " a cargo de {authority}", "location": ", en {location}",
        "granted": "Las autoridades dieron al equipo acceso al centro y le permitieron entrevistar en privado a "
                   "personas detenidas.",
        "restricted": "Las autoridades restringieron el acceso del equipo: {notes}",
        "refused": "Las autoridades negaron al equipo el acceso al centro. {notes}",
        "held": "El día de la visita, el centro albergaba a {total} personas",
        "capacity": " para una capacidad oficial de {capacity} (una tasa de ocupación del {occupancy} por ciento)",
        "sex": "Eran {parts}.", "women": "{n} mujeres", "men": "{n} hombres", "children": "{n} niños y niñas",
        "status": "De ellas, {parts}.", "pretrial": "{n} estaban en detención preventiva",
        "sentenced": "{n} estaban condenadas", "administrative": "{n} estaban en detención administrativa",
        "foreigners": "{n} eran de nacionalidad extranjera.",
        "serious": "El equipo constató problemas graves en: {items}.",
        "concern": "Expresó preocupación respecto de: {items}.",
        "adequate": "Consideró adecuados: {items}.",
        "interviews": "El equipo entrevistó en privado a {n} personas detenidas.",
        "issues": "Al final de la visita, el equipo planteó a la dirección las siguientes cuestiones: {text}",
        "response": "La dirección respondió: {text}", "no_response": "La dirección no dio respuesta.",
        "recommendations": "El equipo formuló las siguientes recomendaciones:",
        "recommendation": "{letter}) A {addressee}: {text}{deadline}.", "deadline": " (a más tardar el {date})",
        "follow_ups": "El equipo dio seguimiento a {n} recomendaciones de visitas anteriores: {parts}.",
        "cases": "Se han planteado ante las autoridades {n} casos individuales identificados durante la visita.",
    },
}
TYPES = {
    "en": {"police_station": "a police station", "pre_trial": "a pre-trial detention centre", "prison": "a prison",
           "immigration": "an immigration detention centre", "military": "a military facility",
           "psychiatric": "a psychiatric institution", "juvenile": "a juvenile detention centre",
           "quarantine": "a quarantine facility"},
    "es": {"police_station": "estación de policía", "pre_trial": "centro de detención preventiva",
           "prison": "centro penitenciario", "immigration": "estación migratoria", "military": "instalación militar",
           "psychiatric": "institución psiquiátrica", "juvenile": "centro de internamiento para adolescentes",
           "quarantine": "centro de cuarentena"},
}
CONDITIONS = {
    "en": {"cells": "cells and sleeping places", "overcrowding": "overcrowding", "food": "food",
           "water": "water and sanitation", "health": "health care", "isolation": "isolation",
           "ill_treatment": "allegations of ill-treatment"},
    "es": {"cells": "celdas y lugares para dormir", "overcrowding": "hacinamiento", "food": "alimentación",
           "water": "agua y saneamiento", "health": "atención de salud", "isolation": "aislamiento",
           "ill_treatment": "denuncias de malos tratos"},
}
STATUSES = {
    "en": {"implemented": "{n} implemented", "partially_implemented": "{n} partially implemented",
           "not_implemented": "{n} not implemented", "no_longer_relevant": "{n} no longer relevant",
           "open": "{n} still open"},
    "es": {"implemented": "{n} aplicadas", "partially_implemented": "{n} aplicadas parcialmente",
           "not_implemented": "{n} no aplicadas", "no_longer_relevant": "{n} ya no pertinentes",
           "open": "{n} pendientes"},
}


def _language(language: str) -> str:
    return language if language in WORDS else "en"


def _number(n: int, language: str) -> str:
    """2,412 in English; 2.412 in Spanish."""
    text = f"{n:,}"
    return text.replace(",", ".") if language == "es" else text


def _join(items: Iterable[str], language: str) -> str:
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {WORDS[language]['and']} {items[-1]}"


def _date(day: date, language: str) -> str:
    return written_date(day, _language(language))


def _dates(values: dict, language: str) -> str:
    """When the visit took place: "3 March 2026", or "3 March 2026 to 4 March 2026"."""
    start, end = values["started_on"], values["ended_on"]
    if end is None or end == start:
        return _date(start, language)
    return f"{_date(start, language)} – {_date(end, language)}"


def _when(values: dict, language: str) -> str:
    """The opening words of the report: "On 3 March 2026", "From 3 March 2026 to 4 March 2026"."""
    start, end, w = values["started_on"], values["ended_on"], WORDS[language]
    if end is None or end == start:
        return w["on"].format(date=_date(start, language))
    return w["from_to"].format(start=_date(start, language), end=_date(end, language))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


# ---- The report's text ---------------------------------------------------------------------------

def report_subject(context: LetterContext, language: str) -> str:
    language, values = _language(language), context.extra
    return WORDS[language]["subject"].format(facility=values["facility"], date=_dates(values, language))


def report_paragraphs(values: dict, language: str) -> list[tuple[bool, str]]:
    """The report's paragraphs in order, each marked numbered (True) or a sub-paragraph."""
    language = _language(language)
    w = WORDS[language]
    paragraphs: list[tuple[bool, str]] = []
    team = w["team"].format(names=_join(values["team"], language)) if values["team"] else ""
    paragraphs.append((True, w["visit"].format(
        dates=_when(values, language), unit=values["unit"], team=team, facility=values["facility"],
        announced=w["announced"] if values["announced"] else w["unannounced"],
        kind=w["follow_up"] if values["follow_up"] else w["first"], type=TYPES[language][values["facility_type"]],
        authority=w["authority"].format(authority=values["authority"]) if values["authority"] else "",
        location=w["location"].format(location=values["location"]) if values["location"] else "")))
    paragraphs.append((True, w[values["access"]].format(notes=_sentence(values["access_notes"])).strip()))
    population = _population(values, language)
    if population:
        paragraphs.append((True, population))
    conditions = _conditions(values, language)
    if conditions:
        paragraphs.append((True, conditions))
    if values["interviews"]:
        paragraphs.append((True, w["interviews"].format(n=_number(values["interviews"], language))))
    if values["issues_raised"].strip():
        paragraphs.append((True, w["issues"].format(text=_sentence(values["issues_raised"]))))
        response = values["authority_response"].strip()
        paragraphs.append((True, w["response"].format(text=_sentence(response)) if response else w["no_response"]))
    if values["recommendations"]:
        paragraphs.append((True, w["recommendations"]))
        for index, (addressee, text, deadline) in enumerate(values["recommendations"]):
            paragraphs.append((False, w["recommendation"].format(
                letter="abcdefghijklmnopqrstuvwxyz"[index % 26], addressee=addressee, text=text.strip().rstrip("."),
                deadline=w["deadline"].format(date=_date(deadline, language)) if deadline else "")))
    if values["follow_ups"]:
        paragraphs.append((True, _follow_ups(values["follow_ups"], language)))
    if values["cases"]:
        paragraphs.append((True, w["cases"].format(n=_number(values["cases"], language))))
    return paragraphs


def _population(values: dict, language: str) -> str:
    w, p = WORDS[language], values["population"]
    if p["pop_total"] is None:
        return ""
    sentence = w["held"].format(total=_number(p["pop_total"], language))
    if values["capacity"] and values["occupancy"] is not None:
        sentence += w["capacity"].format(capacity=_number(values["capacity"], language),
                                         occupancy=_number(values["occupancy"], language))
    sentences = [sentence + "."]
    for key, fields in (("sex", ("women", "men", "children")), ("status", ("pretrial", "sentenced", "administrative"))):
        parts = [w[f].format(n=_number(p[f"pop_{f}"], language)) for f in fields if p[f"pop_{f}"] is not None]
        if parts:
            sentences.append(w[key].format(parts=_join(parts, language)))
    if p["pop_foreigners"] is not None:
        sentences.append(w["foreigners"].format(n=_number(p["pop_foreigners"], language)))
    return " ".join(sentences)


def _conditions(values: dict, language: str) -> str:
    w, labels = WORDS[language], CONDITIONS[language]
    sentences = []
    for assessment in ("serious", "concern", "adequate"):
        items = [labels[item] for item, found, _note in values["conditions"] if found == assessment]
        if items:  # semicolons: the items' own names may hold an "and" ("water and sanitation")
            sentences.append(w[assessment].format(items="; ".join(items)))
    notes = [f"{labels[item].capitalize()}: {_sentence(note)}"
             for item, _found, note in values["conditions"] if note.strip()]
    return " ".join(sentences + notes)


def _follow_ups(statuses: tuple[str, ...], language: str) -> str:
    counts = {s: statuses.count(s) for s in dict.fromkeys(statuses)}
    order = [s.value for s in RecommendationStatus]
    parts = [STATUSES[language][s].format(n=_number(counts[s], language)) for s in order if s in counts]
    return WORDS[language]["follow_ups"].format(n=_number(len(statuses), language), parts=_join(parts, language))


def report_body(context: LetterContext, language: str) -> str:
    """Numbered paragraphs ("1. …"), sub-paragraphs unnumbered, separated by blank lines."""
    lines, number = [], 0
    for numbered, text in report_paragraphs(context.extra, language):
        if numbered:
            number += 1
            text = f"{number}. {text}"
        lines.append(text)
    return "\n\n".join(lines)


VISIT_SUMMARY = LetterType(
    key=REPORT_TYPE,
    label="Summary report of the visit",
    kind=LetterKind.REPORT,
    subject=report_subject,
    body=report_body,
    case_types=frozenset({VISIT_TYPE}),
)

