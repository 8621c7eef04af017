"""The letters of the petitions procedure, filled in from the case in English, French and Spanish.

A note verbale's body continues its opening ("… presents its compliments … and has the honour
to"); a letter to an author is written out in full. The officer edits the draft before approval.
"""
from __future__ import annotations

from datetime import date

from babel.units import format_unit

from casework.letters.document import LetterKind
from casework.letters.phrases import written_date
from casework.letters.types import LetterContext, LetterType

CASE_TYPES = frozenset({"communication"})


def _texts(**by_language: str):
    def fill(context: LetterContext, language: str) -> str:
        text = by_language.get(language, by_language["en"])
        return text.format(c=context, x=_Fields(context.extra, language))

    return fill


def written_period(months: int, days: int, language: str) -> str:
    """A period as the letter's language writes it: "180 days", "180 jours", "6 meses"."""
    parts = [format_unit(n, unit, length="long", locale=_locale(language))
             for n, unit in ((months, "duration-month"), (days, "duration-day")) if n]
    return " ".join(parts) or format_unit(0, "duration-day", length="long", locale=_locale(language))


def _locale(language: str) -> str:
    return {"en": "en_GB"}.get(language, language)


# Paragraphs that appear only when the case calls for them: (field that must be filled, texts).
_PARAGRAPHS = {
    "interim_measures_request": ("interim_measures", {
        "en": "The State party is further requested, under the committee's rules of procedure, to take the "
              "following interim measures while the communication is under consideration: {value}.",
        "fr": "L'État partie est en outre prié, conformément au règlement intérieur du comité, de prendre les "
              "mesures provisoires suivantes pendant l'examen de la communication : {value}.",
        "es": "Se solicita además al Estado parte, de conformidad con el reglamento del comité, que adopte las "
              "medidas provisionales siguientes mientras se examina la comunicación: {value}.",
    }),
    "follow_up_request": ("follow_up_period", {
        "en": "The State party is requested to submit, within {value}, information on the measures taken to "
              "give effect to the Committee's Views.",
        "fr": "L'État partie est prié de soumettre, dans un délai de {value}, des renseignements sur les mesures "
              "prises pour donner effet aux constatations du Comité.",
        "es": "Se solicita al Estado parte que presente, en un plazo de {value}, información sobre las medidas "
              "adoptadas para aplicar el dictamen del Comité.",
    }),
}


class _Fields(dict):
    """Case fields for the templates; a field the case does not have yet reads as "[…]"."""

    def __init__(self, fields: dict[str, str], language: str):
        super().__init__(fields)
        self.language = language

    def __getitem__(self, key: str) -> str:
        if key in _PARAGRAPHS:
            source, texts = _PARAGRAPHS[key]
            value = self.period(source) if source.endswith("_period") else super().get(source)
            return texts.get(self.language, texts["en"]).format(value=value) if value else ""
        if key == "committee":
            key = {"fr": "committee_fr", "es": "committee_es"}.get(self.language, key)
        value = super().get(key) or "[…]"
        if key.endswith(("_due", "_date", "_on")) and value != "[…]":
            return written_date(date.fromisoformat(value), self.language)
        return value

    def period(self, name: str) -> str:
        """`follow_up_period` from the case's `follow_up_months` and `follow_up_days`; "" if it has none."""
        stem = name.removesuffix("_period")
        months, days = (int(super(_Fields, self).get(f"{stem}_{unit}") or 0) for unit in ("months", "days"))
        return written_period(months, days, self.language) if months or days else ""


SUBJECT = _texts(
    en="Communication No. {x[number]} ({c.title})", fr="Communication no {x[number]} ({c.title})",
    es="Comunicación núm. {x[number]} ({c.title})",
)
SUBJECT_UNREGISTERED = _texts(en="Your submission to the {x[committee]}", fr="Votre requête au {x[committee]}",
                              es="Su comunicación al {x[committee]}")


LETTER_TYPES: list[LetterType] = []  # installed with the module (`module.py`)


def _letter_type(key: str, label: str, kind: LetterKind, body, subject=SUBJECT) -> None:
    LETTER_TYPES.append(LetterType(key=f"communication_{key}", label=label, kind=kind, subject=subject, body=body,
                                   case_types=CASE_TYPES))


_letter_type("acknowledgement", "Acknowledgement to the author", LetterKind.LETTER, _texts(
    en="I have the honour to acknowledge receipt of your submission of {x[received_on]} to the {x[committee]} "
       "concerning {x[state]}.\n\nIt will be examined to determine whether it can be registered under the "
       "procedure. You will be informed of the outcome.",
    fr="J'ai l'honneur d'accuser réception de votre requête du {x[received_on]} adressée au {x[committee]} "
       "concernant l'État suivant : {x[state]}.\n\nElle sera examinée afin de déterminer si elle peut être "
       "enregistrée. Vous serez informé(e) de la suite qui lui sera donnée.",
    es="Tengo el honor de acusar recibo de su comunicación de {x[received_on]} dirigida al {x[committee]} "
       "relativa al Estado siguiente: {x[state]}.\n\nSerá examinada para determinar si puede registrarse. "
       "Se le informará del resultado.",
), subject=SUBJECT_UNREGISTERED)

_letter_type("clarification", "Request for clarification to the author", LetterKind.LETTER, _texts(
    en="I have the honour to refer to your submission of {x[received_on]} to the {x[committee]}.\n\n"
       "Before it can be registered, please provide within two months:\n\n1. \n2. \n\n"
       "If no reply is received, the file will be closed.",
    fr="J'ai l'honneur de me référer à votre requête du {x[received_on]} adressée au {x[committee]}.\n\n"
       "Avant de pouvoir l'enregistrer, je vous prie de fournir dans un délai de deux mois :\n\n1. \n2. \n\n"
       "Sans réponse de votre part, le dossier sera classé.",
    es="Tengo el honor de referirme a su comunicación de {x[received_on]} dirigida al {x[committee]}.\n\n"
       "Antes de poder registrarla, le ruego que facilite en un plazo de dos meses:\n\n1. \n2. \n\n"
       "De no recibirse respuesta, se archivará el expediente.",
), subject=SUBJECT_UNREGISTERED)

_letter_type("registration", "Registration letter to the author", LetterKind.LETTER, _texts(
    en="I have the honour to inform you that your communication has been registered as No. {x[number]} and "
       "transmitted to {x[state]} with a request for its observations.\n\nYou will receive a copy of them "
       "for your comments.",
    fr="J'ai l'honneur de vous informer que votre communication a été enregistrée sous le no {x[number]} et "
       "transmise à l'État suivant : {x[state]}, avec une demande d'observations.\n\nCelles-ci vous seront "
       "communiquées pour commentaires.",
    es="Tengo el honor de informarle de que su comunicación ha sido registrada con el núm. {x[number]} y "
       "transmitida al Estado siguiente: {x[state]}, con una solicitud de observaciones.\n\nSe le "
       "transmitirán para que formule sus comentarios.",
))

_letter_type("transmittal", "Transmittal note verbale to the State party", LetterKind.NOTE_VERBALE, _texts(
    en="transmit communication No. {x[number]}, submitted to the {x[committee]} ({x[articles]}).\n\n"
       "The State party is requested to submit its observations on the admissibility and the merits by "
       "{x[state_observations_due]}. If it wishes to contest admissibility alone, it may do so by "
       "{x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
    fr="transmettre la communication no {x[number]}, soumise au {x[committee]} ({x[articles]}).\n\n"
       "L'État partie est prié de soumettre ses observations sur la recevabilité et le fond d'ici le "
       "{x[state_observations_due]}. S'il souhaite contester la seule recevabilité, il peut le faire d'ici le "
       "{x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
    es="transmitir la comunicación núm. {x[number]}, presentada al {x[committee]} ({x[articles]}).\n\n"
       "Se solicita al Estado parte que presente sus observaciones sobre la admisibilidad y el fondo a más "
       "tardar el {x[state_observations_due]}. Si desea impugnar solo la admisibilidad, podrá hacerlo a más "
       "tardar el {x[admissibility_request_due]}.\n\n{x[interim_measures_request]}",
))

_letter_type("interim_measures", "Interim measures note verbale", LetterKind.NOTE_VERBALE, _texts(
    en="inform it that, acting through its Special Rapporteur on new communications and interim measures, the "
       "{x[committee]} has requested the State party, while the communication concerning {c.title} is under "
       "consideration, to take the following interim measures: {x[interim_measures]}.",
    fr="l'informer que, par l'intermédiaire de son Rapporteur spécial chargé des nouvelles communications et "
       "des mesures provisoires, le {x[committee]} a prié l'État partie, pendant l'examen de la communication "
       "concernant {c.title}, de prendre les mesures provisoires suivantes : {x[interim_measures]}.",
    es="informarle de que, por conducto de su Relator Especial sobre nuevas comunicaciones y medidas "
       "provisionales, el {x[committee]} ha solicitado al Estado parte que, mientras se examina la "
       "comunicación relativa a {c.title}, adopte las medidas provisionales siguientes: {x[interim_measures]}.",
))

_letter_type("reminder", "Reminder note verbale to the State party", LetterKind.NOTE_VERBALE, _texts(
    en="recall that the observations of the State party on communication No. {x[number]} were due on "
       "{x[state_observations_due]}, and to request that they be submitted without delay.",
    fr="rappeler que les observations de l'État partie sur la communication no {x[number]} étaient attendues "
       "pour le {x[state_observations_due]}, et le prier de les soumettre sans tarder.",
    es="recordar que las observaciones del Estado parte sobre la comunicación núm. {x[number]} debían "
       "presentarse a más tardar el {x[state_observations_due]}, y solicitar que se presenten sin demora.",
))

_letter_type("observations_to_author", "Transmittal of the State's observations to the author", LetterKind.LETTER,
          _texts(
    en="I have the honour to transmit the observations of {x[state]} on your communication No. {x[number]}.\n\n"
       "Please send any comments you may wish to make by {x[author_comments_due]}.",
    fr="J'ai l'honneur de vous transmettre les observations de l'État suivant : {x[state]} sur votre "
       "communication no {x[number]}.\n\nVeuillez faire parvenir vos commentaires d'ici le "
       "{x[author_comments_due]}.",
    es="Tengo el honor de transmitirle las observaciones del Estado siguiente: {x[state]} sobre su "
       "comunicación núm. {x[number]}.\n\nLe ruego que envíe sus comentarios a más tardar el "
       "{x[author_comments_due]}.",
))

_letter_type("decision", "Transmittal of the decision", LetterKind.NOTE_VERBALE, _texts(
    en="transmit the {x[decision_term]} adopted by the {x[committee]} on {x[decision_date]} concerning "
       "communication No. {x[number]} (document {x[decision_symbol]}).\n\n{x[follow_up_request]}",
    fr="transmettre la décision adoptée par le {x[committee]} le {x[decision_date]} concernant la "
       "communication no {x[number]} (document {x[decision_symbol]}).\n\n{x[follow_up_request]}",
    es="transmitir la decisión adoptada por el {x[committee]} el {x[decision_date]} relativa a la "
       "comunicación núm. {x[number]} (documento {x[decision_symbol]}).\n\n{x[follow_up_request]}",
))

_letter_type("follow_up", "Follow-up note verbale", LetterKind.NOTE_VERBALE, _texts(
    en="refer to the {x[decision_term]} adopted by the {x[committee]} concerning communication No. "
       "{x[number]} (document {x[decision_symbol]}) and to request information on the measures taken to give "
       "effect to it by {x[follow_up_reply_due]}.",
    fr="se référer à la décision adoptée par le {x[committee]} concernant la communication no {x[number]} "
       "(document {x[decision_symbol]}) et demander des informations sur les mesures prises pour y donner "
       "effet d'ici le {x[follow_up_reply_due]}.",
    es="referirse a la decisión adoptada por el {x[committee]} relativa a la comunicación núm. {x[number]} "
       "(documento {x[decision_symbol]}) y solicitar información sobre las medidas adoptadas para darle "
       "efecto a más tardar el {x[follow_up_reply_due]}.",
))
