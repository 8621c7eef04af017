"""Urgent action letters: their types, the plain values they are written from, and drafting them.

The context holds the disappeared persons, the State and the recommendations, never the authors:
the note verbale goes to the State, and letters to the authors are addressed to "the authors of"
the urgent action (their names and contact stay on the urgent action, for the CED unit).
"""
from __future__ import annotations

from datetime import date

from casework.letters import operations as letter_ops
from casework.letters.document import LetterKind
from casework.letters.models import AddresseeKind, Letter, LetterAddressee, LetterAnnex, LetterSignatory
from casework.letters.phrases import written_date
from casework.letters.types import LetterContext, LetterType, letter_type
from casework.urgent_actions import letter_texts as texts
from casework.urgent_actions.models import UrgentAction, UrgentActionGroup
from casework.urgent_actions.workflow import REPLY_DUE, open_reply_deadline

CASE_TYPES = frozenset({"urgent_action"})
TO_AUTHORS = frozenset({"ua_registration_authors", "ua_transmittal_to_authors"})
DEFAULT_SIGNATORY = ("Petitions and Urgent Actions Section", "Secretariat of the Committee on Enforced Disappearances")


def urgent_action_context(ua: UrgentAction) -> dict[str, str]:
    """Plain values of one urgent action for its letters; dates as ISO strings."""
    person = ua.disappeared[0] if ua.disappeared else None
    deadline = open_reply_deadline(ua) if ua.id else None
    latest = max((r.round for r in ua.recommendations), default=0)
    return {
        "ref": ua.reference or f"#{ua.id}",
        "state": ua.state.name,
        "persons": " / ".join(p.full_name for p in ua.disappeared),
        "nationality": person.nationality.name if person and person.nationality else "",
        "nationality_names": letter_ops.state_names_of(person.nationality if person else None),
        "age": str(ua.age_at_disappearance or ""),
        "last_seen_on": ua.last_seen_on.isoformat() if ua.last_seen_on else "",
        "last_seen_place": ua.last_seen_place,
        "circumstances": " ".join(ua.circumstances.split()),
        "complaints": "; ".join(", ".join(p for p in (c.authority, c.filed_on.isoformat() if c.filed_on else "",
                                                        c.file_number) if p) for c in ua.complaints),
        "registered": ua.registered_on.isoformat() if ua.registered_on else "",
        # Drafted before the note verbale goes: the date the State will be given if it goes today.
        "reply_due": (deadline.due_on if deadline else REPLY_DUE.due_after(date.today(), ua)).isoformat(),
        "reminder": str(deadline.reminders_sent if deadline else 0),
        "recommendations": "\n".join(f"{r.kind.value}\t{' '.join(r.text.split())}"
                                     for r in ua.recommendations if r.round == latest),
    }


def _date(iso: str, language: str) -> str:
    return written_date(date.fromisoformat(iso), language) if iso else "…"


def _recommendations(encoded: str, language: str) -> str:
    lines = []
    for index, line in enumerate(l for l in encoded.splitlines() if l):
        kind, _tab, text = line.partition("\t")
        standard = texts.STANDARD_RECOMMENDATIONS.get(kind)
        wording = standard.get(language, standard["en"]) if standard and text == _english(kind) else text
        lines.append(f"({chr(ord('a') + index)}) {wording}")
    return "\n\n".join(lines) or "…"


def _english(kind: str) -> str:
    from casework.urgent_actions.operations import STANDARD_RECOMMENDATIONS

    return next((" ".join(t.split()) for k, t in STANDARD_RECOMMENDATIONS if k.value == kind), "")


def _values(c: LetterContext, language: str) -> dict[str, str]:
    e, lang = c.extra, language if language in texts.NOT_REPORTED else "en"
    details = texts.SEEN[lang].format(name=e.get("persons", ""), age=e.get("age") or "…",
                                      nationality=e.get("nationality_names", {}).get(lang) or e.get("nationality") or "…",
                                      date=_date(e.get("last_seen_on", ""), lang), place=e.get("last_seen_place") or "…")
    return {
        **e, "state": c.state_in(language), "details": e.get("details_override") or details, "circumstances": e.get("circumstances", ""),
        "complaints": e.get("complaints") or texts.NOT_REPORTED[lang],
        "registered": _date(e.get("registered", ""), lang), "reply_due": _date(e.get("reply_due", ""), lang),
        "recommendations": _recommendations(e.get("recommendations", ""), lang),
    }


def _body(wording: dict[str, str]):
    def fill(c: LetterContext, language: str) -> str:
        return wording.get(language, wording["en"]).format(**_values(c, language))

    return fill


def _subject(key: str):
    def fill(c: LetterContext, language: str) -> str:
        return texts.SUBJECTS[key].get(language, texts.SUBJECTS[key]["en"]).format(ref=c.extra.get("ref", c.reference))

    return fill


LETTER_TYPES = tuple(
    LetterType(key=key, label=label, kind=kind, subject=_subject(key), body=_body(wording), case_types=CASE_TYPES)
    for key, label, kind, wording in (
        ("ua_registration_nv", "Urgent action: registration note verbale", LetterKind.NOTE_VERBALE,
         texts.REGISTRATION_NV),
        ("ua_registration_authors", "Urgent action: registration letter to the authors", LetterKind.LETTER,
         texts.AUTHORS_REGISTRATION),
        ("ua_reminder", "Urgent action: reminder", LetterKind.NOTE_VERBALE, texts.REMINDER_NV),
        ("ua_follow_up_note", "Urgent action: follow-up note", LetterKind.NOTE_VERBALE, texts.FOLLOW_UP_NV),
        ("ua_transmittal_to_authors", "Urgent action: State reply to the authors", LetterKind.LETTER,
         texts.TRANSMITTAL_TO_AUTHORS),
    )
)


def _signatory(ua: UrgentAction) -> tuple[str, str]:
    """The unit's `ua_signatory` setting, "Name|Title", or the section's default."""
    setting = (ua.unit.settings or {}).get("ua_signatory")
    if not setting:
        return DEFAULT_SIGNATORY
    name, _sep, title = str(setting).partition("|")
    return name.strip(), title.strip()


def _address(letter: Letter, ua: UrgentAction, references: str) -> None:
    """To the State's Mission, or to "the authors of" the urgent action, never by name."""
    if letter.letter_type in TO_AUTHORS:
        letter.addressees = [LetterAddressee(kind=AddresseeKind.PERSON, name=f"The authors of urgent action {references}")]
        name, title = _signatory(ua)
        letter.signatories = [LetterSignatory(name=name, title=title)]
    else:
        letter.addressees = [LetterAddressee(kind=AddresseeKind.STATE, state_id=ua.state_id,
                                             name=ua.state.mission_name)]


def draft_for(ua: UrgentAction, type_key: str, actor, language: str | None = None) -> Letter:
    """Draft one letter of the urgent action, addressed and filled in, ready for approval."""
    letter = letter_ops.draft_letter(type_key, language or ua.language, actor, parent=ua)
    _address(letter, ua, ua.reference or f"#{ua.id}")
    return letter


def draft_group_letters(group: UrgentActionGroup, members: list[UrgentAction], mode: str, actor,
                        language: str) -> list[Letter]:
    """The registration letters of a group: one pair per person, or one combined pair for all."""
    drafted = []
    for type_key in ("ua_registration_nv", "ua_registration_authors"):
        if mode == "per_person":
            drafted += [draft_for(ua, type_key, actor, language) for ua in members]
        else:
            drafted.append(_combined(group, members, type_key, actor, language))
    return drafted


def _combined(group: UrgentActionGroup, members: list[UrgentAction], type_key: str, actor, language: str) -> Letter:
    """One letter for the whole group, on the first urgent action, with the persons in an annex."""
    first, last = members[0], members[-1]
    lang = language if language in texts.LISTED else "en"
    persons = texts.LISTED[lang].format(n=len(members), first=first.reference, last=last.reference)
    span = f"{first.reference} – {last.reference}"
    extra = {**urgent_action_context(first), "ref": span, "persons": persons, "details_override": group.title + "."}
    context = LetterContext(reference=span, title=group.title, unit_name=first.unit.name, extra=extra,
                            state_names=letter_ops.state_names_of(first.state))
    letter = letter_ops.draft_letter(type_key, language, actor, parent=first)
    kind = letter_type(type_key)
    letter.title, letter.body, letter.reference = kind.subject(context, language), kind.body(context, language), span
    annex = "\n\n".join(f"{ua.reference}: {p.full_name}" for ua in members for p in ua.disappeared)
    letter.annexes = [LetterAnnex(title=texts.ANNEX_TITLE[lang], body=annex)]
    _address(letter, first, span)
    return letter
