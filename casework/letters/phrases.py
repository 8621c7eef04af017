"""The standard phrases of letters and notes verbales, per language.

English, French and Spanish are complete; a letter can be drafted in any of them. Bodies may
contain text in any of the six UN languages.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}


@dataclass(frozen=True)
class Phrases:
    """One language's formulas. `{mission}` is the addressee Mission, `{office}` the sender."""

    office: str
    letterhead: tuple[str, ...]
    place: str
    salutation_state: str
    salutation_states: str  # a circular to several Missions
    salutation_other: str  # companies, organisations, authors and counsel
    close_state_one: str  # one signatory
    close_state_many: str  # a joint letter
    close_other_one: str
    close_other_many: str
    nv_opening: str
    nv_closing: str
    all_missions: str  # how a circular names its addressees
    labels: dict[str, str]

    def date(self, day: date, language: str) -> str:
        month = MONTHS[language][day.month - 1]
        if language == "fr":
            return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
        if language == "es":
            return f"{day.day} de {month} de {day.year}"
        return f"{day.day} {month} {day.year}"


PHRASES: dict[str, Phrases] = {
    "en": Phrases(
        office="The Office of the United Nations High Commissioner for Human Rights",
        letterhead=("UNITED NATIONS", "HUMAN RIGHTS", "OFFICE OF THE HIGH COMMISSIONER"),
        place="Geneva",
        salutation_state="Excellency,",
        salutation_states="Excellencies,",
        salutation_other="Dear Sir or Madam,",
        close_state_one="Please accept, Excellency, the assurances of my highest consideration.",
        close_state_many="Please accept, Excellency, the assurances of our highest consideration.",
        close_other_one="Please accept the assurances of my highest consideration.",
        close_other_many="Please accept the assurances of our highest consideration.",
        nv_opening="{office} presents its compliments to the {mission} and has the honour to",
        nv_closing="{office} avails itself of this opportunity to renew to the {mission} "
                   "the assurances of its highest consideration.",
        all_missions="Permanent Missions of the Member and observer States to the United Nations Office "
                     "and other international organizations in Geneva",
        labels={"reference": "Reference", "confidential": "Confidential", "annex": "Annex",
                "copy_to": "Copy to", "draft": "DRAFT", "enclosures": "Enclosures", "subject": "Subject"},
    ),
    "fr": Phrases(
        office="Le Haut-Commissariat des Nations Unies aux droits de l'homme",
        letterhead=("NATIONS UNIES", "DROITS DE L'HOMME", "HAUT-COMMISSARIAT"),
        place="Genève",
        salutation_state="Excellence,",
        salutation_states="Excellences,",
        salutation_other="Madame, Monsieur,",
        close_state_one="Veuillez agréer, Excellence, les assurances de ma très haute considération.",
        close_state_many="Veuillez agréer, Excellence, les assurances de notre très haute considération.",
        close_other_one="Veuillez agréer, Madame, Monsieur, l'expression de ma considération distinguée.",
        close_other_many="Veuillez agréer, Madame, Monsieur, l'expression de notre considération distinguée.",
        nv_opening="{office} présente ses compliments à la {mission} et a l'honneur de",
        nv_closing="{office} saisit cette occasion pour renouveler à la {mission} "
                   "les assurances de sa très haute considération.",
        all_missions="Missions permanentes des États Membres et observateurs auprès de l'Office des "
                     "Nations Unies et des autres organisations internationales à Genève",
        labels={"reference": "Référence", "confidential": "Confidentiel", "annex": "Annexe",
                "copy_to": "Copie à", "draft": "PROJET", "enclosures": "Pièces jointes", "subject": "Objet"},
    ),
    "es": Phrases(
        office="La Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos",
        letterhead=("NACIONES UNIDAS", "DERECHOS HUMANOS", "OFICINA DEL ALTO COMISIONADO"),
        place="Ginebra",
        salutation_state="Excelencia:",
        salutation_states="Excelencias:",
        salutation_other="Estimado señor o estimada señora:",
        close_state_one="Aprovecho la oportunidad para reiterarle, Excelencia, las seguridades de mi más "
                        "alta consideración.",
        close_state_many="Aprovechamos la oportunidad para reiterarle, Excelencia, las seguridades de "
                         "nuestra más alta consideración.",
        close_other_one="Le saluda atentamente,",
        close_other_many="Le saludan atentamente,",
        nv_opening="{office} saluda atentamente a la {mission} y tiene el honor de",
        nv_closing="{office} aprovecha la oportunidad para reiterar a la {mission} "
                   "las seguridades de su más alta consideración.",
        all_missions="Misiones Permanentes de los Estados Miembros y observadores ante la Oficina de las "
                     "Naciones Unidas y otras organizaciones internacionales en Ginebra",
        labels={"reference": "Referencia", "confidential": "Confidencial", "annex": "Anexo",
                "copy_to": "Copia a", "draft": "BORRADOR", "enclosures": "Anexos", "subject": "Asunto"},
    ),
}
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish"}


def phrases(language: str) -> Phrases:
    """The phrases of a language Casework drafts in (English when unknown)."""
    return PHRASES.get(language, PHRASES["en"])
