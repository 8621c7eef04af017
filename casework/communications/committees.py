"""What differs from one committee to another, as data: words, time limits, document symbols.

Everything committee-specific is read from here (and from the unit's settings, for practice the
secretariat may adjust), never from conditionals scattered through the module.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from casework.core.deadlines import Period
from casework.core.units import Unit

DEFAULT_AUTHOR_COMMENTS = Period(months=2)


@dataclass(frozen=True)
class CommitteeRules:
    code: str
    name: str
    author_term: str = "author"  # CAT: "complainant"
    decision_term: str = "Views"  # CAT: "decision"; CERD: "opinion"
    state_observations: Period = Period(months=6)
    admissibility_request: Period = Period(months=2)  # window for asking admissibility alone
    follow_up_reply: Period = Period(months=6)
    friendly_settlement: bool = False
    symbol_prefix: str = ""  # CESCR's documents are E/C.12/…
    name_fr: str = ""
    name_es: str = ""

    def name_in(self, language: str) -> str:
        return {"fr": self.name_fr, "es": self.name_es}.get(language) or self.name

    @property
    def prefix(self) -> str:
        return self.symbol_prefix or f"{self.code}/C"

    def document_symbol(self, session: int, number: int, year: int, *joined: tuple[int, int]) -> str:
        """E.g. CCPR/C/126/D/2751/2016; for joined communications every number, as the committee
        writes them: CCPR/C/35/D/210/1986 & 225/1987 (and 1/2020, 2/2020 & 3/2020 for three)."""
        numbers = [f"{n}/{y}" for n, y in ((number, year), *joined)]
        listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} & {numbers[-1]}"
        return f"{self.prefix}/{session}/D/{listed}"

    def decision_label(self, decision_type: str) -> str:
        """The kind of decision in the committee's own word: CERD's Opinion, CAT's decision."""
        return str(_DECISION_LABELS.get((self.decision_term, decision_type)) or _COMMON_DECISION_LABELS[decision_type])

    @property
    def author_label(self) -> str:
        """What the pages call the one who submits: "Author", CAT's "Complainant"."""
        return str(_AUTHOR_WORDS.get(self.author_term) or self.author_term.capitalize())

    @property
    def adopt_label(self) -> str:
        """What the committee adopts on the merits, for the pages: Views, Opinion, Decision."""
        return str(_ADOPTED[self.decision_term])


_AUTHOR_WORDS = {"author": _l("Author"), "complainant": _l("Complainant")}
# The committees' words for their decisions on the merits (the letters use `decision_term`).
_ADOPTED = {"Views": _l("Views"), "opinion": _l("Opinion"), "decision": _l("Decision")}
_DECISION_LABELS = {
    ("Views", "views_violation"): _l("Views – violation"),
    ("Views", "views_no_violation"): _l("Views – no violation"),
    ("opinion", "views_violation"): _l("Opinion – violation"),
    ("opinion", "views_no_violation"): _l("Opinion – no violation"),
    ("decision", "views_violation"): _l("Decision on the merits – violation"),
    ("decision", "views_no_violation"): _l("Decision on the merits – no violation"),
}
_COMMON_DECISION_LABELS = {
    "inadmissible": _l("Inadmissible"), "discontinued": _l("Discontinued"),
    "admissible": _l("Admissible (merits to follow)"), "friendly_settlement": _l("Friendly settlement"),
}


COMMITTEES: dict[str, CommitteeRules] = {rules.code: rules for rules in (
    CommitteeRules("CCPR", "Human Rights Committee", follow_up_reply=Period(days=180),
                   name_fr="Comité des droits de l'homme", name_es="Comité de Derechos Humanos"),
    CommitteeRules("CAT", "Committee against Torture", author_term="complainant", decision_term="decision",
                   follow_up_reply=Period(days=90), name_fr="Comité contre la torture",
                   name_es="Comité contra la Tortura"),
    CommitteeRules("CERD", "Committee on the Elimination of Racial Discrimination", decision_term="opinion",
                   state_observations=Period(months=3), follow_up_reply=Period(days=90),
                   name_fr="Comité pour l'élimination de la discrimination raciale",
                   name_es="Comité para la Eliminación de la Discriminación Racial"),
    CommitteeRules("CEDAW", "Committee on the Elimination of Discrimination against Women",
                   name_fr="Comité pour l'élimination de la discrimination à l'égard des femmes",
                   name_es="Comité para la Eliminación de la Discriminación contra la Mujer"),
    CommitteeRules("CESCR", "Committee on Economic, Social and Cultural Rights", friendly_settlement=True,
                   symbol_prefix="E/C.12", name_fr="Comité des droits économiques, sociaux et culturels",
                   name_es="Comité de Derechos Económicos, Sociales y Culturales"),
    CommitteeRules("CRC", "Committee on the Rights of the Child", friendly_settlement=True,
                   name_fr="Comité des droits de l'enfant", name_es="Comité de los Derechos del Niño"),
    CommitteeRules("CRPD", "Committee on the Rights of Persons with Disabilities",
                   name_fr="Comité des droits des personnes handicapées",
                   name_es="Comité sobre los Derechos de las Personas con Discapacidad"),
    CommitteeRules("CED", "Committee on Enforced Disappearances", name_fr="Comité des disparitions forcées",
                   name_es="Comité contra la Desaparición Forzada"),
)}


def rules_for(unit: Unit) -> CommitteeRules:
    """The rules of the committee a unit is; a unit that is not one takes no communications."""
    try:
        return COMMITTEES[unit.code]
    except KeyError:
        raise ValueError(f"{unit.code} does not take individual communications") from None


def author_comments_period(unit: Unit) -> Period:
    """About two months, adjustable per committee in the unit's settings (author_comments_months)."""
    months = (unit.settings or {}).get("author_comments_months")
    return Period(months=int(months)) if months else DEFAULT_AUTHOR_COMMENTS
