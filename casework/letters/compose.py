"""Turn a letter record into the plain `LetterDocument` the PDF templates print."""
from __future__ import annotations

from datetime import date

from casework.core.states import mission_name_in
from casework.letters.document import Annex, LetterDocument, LetterKind, Party, Signatory
from casework.letters.models import AddresseeKind, Letter, LetterAddressee
from casework.letters.phrases import Phrases, phrases, written_date


def mission_name(addressee: LetterAddressee, language: str, addressed: bool = False) -> str:
    """The Mission as the letter's language names it (English keeps the reference data's name);
    `addressed`: as a note verbale's opening names it (see `mission_name_in`)."""
    if addressee.state is None:
        return addressee.name
    return mission_name_in(addressee.state, language, addressed)


def paragraphs_of(text: str) -> tuple[str, ...]:
    """Paragraphs are separated by a blank line; single line breaks stay inside a paragraph."""
    return tuple(" ".join(line.strip() for line in block.splitlines()).strip()
                 for block in text.replace("\r\n", "\n").split("\n\n") if block.strip())


def _party(addressee: LetterAddressee, language: str) -> Party:
    name = mission_name(addressee, language)
    lines = tuple(line.strip() for line in addressee.address.splitlines() if line.strip())
    if addressee.kind is AddresseeKind.STATE and not lines:
        lines = (phrases(language).place,)
    return Party(name=name, lines=lines)


def _salutation(letter: Letter, recipients: list[LetterAddressee], words: Phrases) -> str:
    if letter.kind is not LetterKind.LETTER:
        return ""
    if all(r.kind is AddresseeKind.STATE for r in recipients):
        return words.salutation_states if len(recipients) > 1 else words.salutation_state
    return words.salutation_other


def _closing(letter: Letter, recipients: list[LetterAddressee], words: Phrases) -> str:
    if letter.kind is not LetterKind.LETTER:
        return ""
    to_states = all(r.kind is AddresseeKind.STATE for r in recipients)
    joint = len(letter.signatories) > 1
    if to_states:
        return words.close_state_many if joint else words.close_state_one
    return words.close_other_many if joint else words.close_other_one


def _nv_paragraphs(recipients: list[LetterAddressee], language: str, words: Phrases,
                   body: tuple[str, ...]) -> tuple[str, ...]:
    mission = (mission_name(recipients[0], language, addressed=True) if len(recipients) == 1
               else words.all_missions_addressed or words.all_missions)
    opening = words.nv_opening.format(office=words.office, mission=mission)
    first, rest = (body[0], body[1:]) if body else ("", ())
    closing = words.nv_closing.format(office=words.office, mission=mission)
    return (f"{opening} {first}".strip(), *rest, closing)


def _addressee_blocks(recipients: list[LetterAddressee], language: str, words: Phrases) -> tuple[Party, ...]:
    """A circular to many Missions names them collectively, as the Office's circulars do."""
    if len(recipients) > 3 and all(r.kind is AddresseeKind.STATE for r in recipients):
        return (Party(name=words.all_missions),)
    return tuple(_party(a, language) for a in recipients)


def compose(letter: Letter, *, draft: bool, today: date | None = None,
            only_to: LetterAddressee | None = None) -> LetterDocument:
    """The letter as printed: the final one (draft=False) or a watermarked preview.

    `only_to` gives one recipient's copy of a circular, addressed to that Mission alone.
    """
    words = phrases(letter.language)
    recipients = [only_to] if only_to is not None else letter.recipients
    body = paragraphs_of(letter.body)
    is_nv = letter.kind is LetterKind.NOTE_VERBALE
    confidential = letter.confidential or bool(letter.parent and letter.parent.confidential)
    return LetterDocument(
        kind=letter.kind,
        language=letter.language,
        reference=letter.reference or "",
        date_text=written_date(letter.letter_date or today or date.today(), letter.language),
        # A report is written where the team is, not in Geneva: it carries the date alone.
        place="" if letter.kind is LetterKind.REPORT else words.place,
        letterhead=words.letterhead,
        salutation=_salutation(letter, recipients, words),
        paragraphs=_nv_paragraphs(recipients, letter.language, words, body) if is_nv else body,
        closing=_closing(letter, recipients, words),
        signatories=() if is_nv else tuple(Signatory(s.name, s.title) for s in letter.signatories),
        addressees=_addressee_blocks(recipients, letter.language, words),
        copies_to=tuple(_party(a, letter.language) for a in letter.copies),
        annexes=tuple(Annex(a.title, paragraphs_of(a.body)) for a in letter.annexes),
        subject=letter.title,
        confidential=confidential,
        draft=draft,
        labels=dict(words.labels),
    )
