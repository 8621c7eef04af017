"""The working groups' letters: their types, the plain values they are written from, and drafting them.

Letters go through the shared letters machinery (a `Letter` belonging to the case, approved, rendered
to PDF by the background job, marked sent). The context holds the persons concerned, the State and
the opinion, never the source: letters to the source are addressed to "the source of" the case.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from casework import import_optional
from casework.extensions import db
from casework.letters import operations as letter_ops
from casework.letters.document import LetterKind
from casework.letters.models import AddresseeKind, Letter, LetterAddressee, LetterSignatory
from casework.letters.phrases import written_date
from casework.letters.types import LetterContext, LetterType
from casework.working_groups import letter_texts as texts
from casework.working_groups.models import (
    OUTCOME_LABELS, DetentionCommunication, DisappearanceCase, Outcome, WorkingGroupCase,
)
from casework.working_groups.workflow import OBJECTION_DEADLINE, REPLY_DEADLINE, REPLY_DUE, open_deadline

TO_SOURCE = frozenset({"wgad_opinion_to_source", "wgeid_reply_to_source"})
DEFAULT_TITLE = "Chair-Rapporteur of the {unit}"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _names(case: WorkingGroupCase) -> str:
    return " / ".join(p.full_name for p in case.subjects)


def detention_context(case: DetentionCommunication) -> dict[str, str]:
    """Plain values of a regular communication for its letters; dates as ISO strings."""
    deadline = open_deadline(case, REPLY_DEADLINE) if case.id else None
    opinion = case.opinion
    return {
        "ref": case.reference or f"#{case.id}", "state": case.state.name, "persons": _names(case),
        "place": case.place_of_detention, "arrested_on": _iso(case.arrested_on),
        "legal_basis": " ".join(case.legal_basis.split()), "summary": case.summary.strip(),
        # Drafted before the letter goes: the date the Government will be given if it goes today.
        "reply_due": _iso(deadline.due_on if deadline else REPLY_DUE.due_after(date.today(), case)),
        "opinion": opinion.label if opinion else "", "opinion_number": f"{opinion.number}/{opinion.year}" if opinion
        else "", "session": str(opinion.session) if opinion else "", "adopted_on": _iso(opinion.adopted_on if opinion
                                                                                         else None),
        "outcome": opinion.outcome.value if opinion else "", "categories": ", ".join(opinion.category_list)
        if opinion else "",
    }


def disappearance_context(case: DisappearanceCase) -> dict[str, str]:
    """Plain values of a disappearance case for its letters; dates as ISO strings."""
    objection = open_deadline(case, OBJECTION_DEADLINE) if case.id else None
    return {
        "ref": case.reference or f"#{case.id}", "state": case.state.name, "persons": _names(case),
        "disappeared_on": _iso(case.disappeared_on), "place": case.place,
        "circumstances": " ".join(case.circumstances.split()), "procedure": case.procedure.value,
        "session": str(case.session or ""), "reply_received_on": _iso(case.reply_received_on),
        "clarification": " ".join(case.clarification.split()), "objection_due": _iso(objection.due_on
                                                                                     if objection else None),
    }


def _date(iso: str, language: str) -> str:
    return written_date(date.fromisoformat(iso), language) if iso else "…"


def _ordinal(number: str, language: str) -> str:
    if language != "en" or not number:
        return number or "…"
    n = int(number)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _lang(wording: dict[str, str], language: str) -> str:
    return wording.get(language, wording["en"])


def _categories(listed: str, language: str) -> str:
    """ "I, III" as the sentence of the letter says it: "categories I and III", "category II"."""
    names = [name.strip() for name in listed.split(",") if name.strip()]
    one, several, last = _lang(texts.CATEGORY_WORDING, language)
    if len(names) < 2:
        return one.format(list=names[0] if names else "…")
    return several.format(list=", ".join(names[:-1]) + last + names[-1])


def _values(c: LetterContext, language: str) -> dict[str, str]:
    e = {key: value or "…" for key, value in c.extra.items()}
    values = {**e, "session": _ordinal(c.extra.get("session", ""), language), "state": c.state_in(language)}
    for key in ("arrested_on", "reply_due", "adopted_on", "disappeared_on", "reply_received_on"):
        values[key] = _date(c.extra.get(key, ""), language)
    outcome = c.extra.get("outcome") or Outcome.FILED.value
    values["finding"] = _lang(texts.FINDINGS[outcome], language).format(
        **{**values, "categories": _categories(c.extra.get("categories", ""), language)})
    values["follow_up"] = _lang(texts.FOLLOW_UP, language) if outcome == Outcome.ARBITRARY.value else ""
    procedure = c.extra.get("procedure") or "standard"
    values["procedure"] = _lang(texts.WGEID_PROCEDURE[procedure], language).format(**values)
    values["six_month"] = (_lang(texts.SIX_MONTH_RULE, language).format(**values)
                           if c.extra.get("objection_due") or c.extra.get("clarification") else "")
    return values


def _body(wording: dict[str, str]):
    def fill(c: LetterContext, language: str) -> str:
        return _lang(wording, language).format(**_values(c, language))

    return fill


def _subject(key: str):
    def fill(c: LetterContext, language: str) -> str:
        return _lang(texts.SUBJECTS[key], language).format(**_values(c, language))

    return fill


LETTER_TYPES = tuple(
    LetterType(key=key, label=label, kind=LetterKind.LETTER, subject=_subject(key), body=_body(wording),
               case_types=frozenset({case_type}))
    for key, label, case_type, wording in (
        ("wgad_transmittal", "Arbitrary detention: transmittal to the Government", "wgad_communication",
         texts.WGAD_TRANSMITTAL),
        ("wgad_opinion_transmittal", "Arbitrary detention: opinion to the Government", "wgad_communication",
         texts.OPINION_TRANSMITTAL),
        ("wgad_opinion_to_source", "Arbitrary detention: opinion to the source", "wgad_communication",
         texts.OPINION_TO_SOURCE),
        ("wgeid_transmittal", "Disappearance: transmittal to the Government", "wgeid_case", texts.WGEID_TRANSMITTAL),
        ("wgeid_reply_to_source", "Disappearance: Government reply forwarded to the source", "wgeid_case",
         texts.WGEID_REPLY_TO_SOURCE),
    )
)


def signatory(case: WorkingGroupCase) -> tuple[str, str]:
    """Who signs for the working group: the holder of its mandate where the special procedures
    record one, else the unit's `wg_signatory` setting ("Name|Title"), else the Chair-Rapporteur."""
    setting = (case.unit.settings or {}).get("wg_signatory")
    if setting:
        name, _sep, title = str(setting).partition("|")
        return name.strip(), title.strip()
    mandates = import_optional("casework.special_procedures.models")
    if mandates is not None:
        mandate = db.session.scalar(select(mandates.Mandate).where(mandates.Mandate.unit_id == case.unit_id))
        if mandate is not None and mandate.holder_name:
            return mandate.holder_name, mandate.holder_title or mandate.name
    return "Chair-Rapporteur", DEFAULT_TITLE.format(unit=case.unit.name)


def draft_for(case: WorkingGroupCase, type_key: str, actor, language: str | None = None) -> Letter:
    """Draft one letter of the case, addressed, filled in and signed, ready for approval."""
    letter = letter_ops.draft_letter(type_key, language or case.language, actor, parent=case)
    if type_key in TO_SOURCE:
        letter.addressees = [LetterAddressee(kind=AddresseeKind.PERSON,
                                             name=f"The source of case {case.reference or case.id}")]
    else:
        letter.addressees = [LetterAddressee(kind=AddresseeKind.STATE, state_id=case.state_id,
                                             name=case.state.mission_name)]
    name, title = signatory(case)
    letter.signatories = [LetterSignatory(name=name, title=title)]
    return letter


def outcome_label(case: DetentionCommunication) -> str:
    """The opinion's finding as the case page shows it."""
    opinion = case.opinion
    if opinion is None:
        return ""
    label = str(OUTCOME_LABELS[opinion.outcome])
    if not opinion.category_list:
        return label
    return _("%(outcome)s (categories %(categories)s)", outcome=label, categories=", ".join(opinion.category_list))
