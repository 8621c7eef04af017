"""Reference data every installation starts with: the States and the standing units."""
from __future__ import annotations

from sqlalchemy import select

from casework.core.states import load_states
from casework.core.units import Unit, UnitKind
from casework.extensions import db

COMMITTEES = {
    "CCPR": "Human Rights Committee",
    "CAT": "Committee against Torture",
    "CERD": "Committee on the Elimination of Racial Discrimination",
    "CEDAW": "Committee on the Elimination of Discrimination against Women",
    "CESCR": "Committee on Economic, Social and Cultural Rights",
    "CRC": "Committee on the Rights of the Child",
    "CRPD": "Committee on the Rights of Persons with Disabilities",
    "CED": "Committee on Enforced Disappearances",
    "CMW": "Committee on Migrant Workers",
}

MANDATES = {
    "SR-TORTURE": "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
    "SR-HRDEFENDERS": "Special Rapporteur on the situation of human rights defenders",
    "SR-FREEEXPRESSION": "Special Rapporteur on the promotion and protection of the right to freedom "
                         "of opinion and expression",
    "SR-EXECUTIONS": "Special Rapporteur on extrajudicial, summary or arbitrary executions",
    "SR-JUDGES": "Special Rapporteur on the independence of judges and lawyers",
    "SR-MIGRANTS": "Special Rapporteur on the human rights of migrants",
    "WGAD": "Working Group on Arbitrary Detention",
    "WGEID": "Working Group on Enforced or Involuntary Disappearances",
    "WG-BUSINESS": "Working Group on the issue of human rights and transnational corporations "
                   "and other business enterprises",
}

OTHER_UNITS = [
    ("OHCHR", "Office of the High Commissioner for Human Rights (secretariat)", UnitKind.SECRETARIAT),
    ("REPRISALS", "Reprisals team", UnitKind.REPRISALS_TEAM),
]


def standing_units() -> list[tuple[str, str, UnitKind]]:
    units = [(code, name, UnitKind.COMMITTEE) for code, name in COMMITTEES.items()]
    units += [(code, name, UnitKind.MANDATE) for code, name in MANDATES.items()]
    return units + OTHER_UNITS


def ensure_unit(code: str, name: str, kind: UnitKind) -> tuple[Unit, bool]:
    """The unit with this code, created if missing (never renamed: administrators may have).

    Returns the unit and whether it was created.
    """
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is not None:
        return unit, False
    unit = Unit(code=code, name=name, kind=kind)
    db.session.add(unit)
    db.session.flush()
    return unit, True


def load_reference_data() -> tuple[int, int]:
    """Insert what is missing; safe to run on every deployment. Returns (States changed, units added)."""
    states = load_states()
    added = sum(ensure_unit(*spec)[1] for spec in standing_units())
    return states, added
