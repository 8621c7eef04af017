"""A communication as the letters machinery prints it: one `LetterDocument` per addressee.

The letter follows DOMAIN §5: letterhead with the list of mandates, reference and date,
"Excellency," (or "Dear …" for a company), the opening naming the mandates and their resolutions,
the information received, concern without prejudging accuracy, the annex reference, the numbered
questions, the 60-day publication notice, the call for interim measures, the closing, one
signature block per mandate and the annex on international law. The source is never part of it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from casework.core.states import mission_name_in, of_state, state_name
from casework.letters.compose import paragraphs_of
from casework.letters.document import Annex, LetterDocument, LetterKind, Party, Signatory
from casework.letters.phrases import phrases, written_date
from casework.letters.models import LetterAddressee
from casework.letters.rendering import render_letter_pdf
from casework.letters.types import LetterContext, LetterType
from casework.special_procedures.letter_texts import joined, texts
from casework.special_procedures.models import SP_LETTER_TYPE, CommunicationType, SpCommunication


def _mission(state, language: str) -> Party:
    return Party(name=mission_name_in(state, language), lines=(phrases(language).place,))


def _government_of(state, language: str) -> str:
    """The State as "the Government …" of a copy notice takes it: « du Mexique », "de la Argentina",
    the Russian genitive; its name where the template holds the rest ("of {states}", "{states}政府")."""
    if language in ("fr", "es", "ru"):
        return of_state(state, language)
    return state_name(state, language)


def _resolutions(comm: SpCommunication, language: str) -> str:
    words = texts(language)
    numbers = list(dict.fromkeys(r.strip() for c in comm.signing for r in c.mandate.resolutions.split(",")
                                 if r.strip()))
    template = words.resolution_one if len(numbers) == 1 else words.resolution_many
    return template.format(list=joined(numbers, words.and_word, words.comma))


def redactor(comm: SpCommunication) -> Callable[[str], str]:
    """Replaces the names of victims marked "redact" with their initials, for public output."""
    pairs = []
    for victim in comm.victims:
        if not victim.redact:
            continue
        person = victim.person
        forms = {person.full_name, f"{person.given_names} {person.family_name}", person.family_name,
                 *(n.name for n in person.names)}
        for form in sorted((f.strip() for f in forms if f.strip()), key=len, reverse=True):
            pairs.append((re.compile(re.escape(form), re.IGNORECASE), person.initials))

    def redact(text: str) -> str:
        for pattern, initials in pairs:
            text = pattern.sub(initials, text)
        return text

    return redact


def _signatories(comm: SpCommunication) -> tuple[Signatory, ...]:
    """The blocks the letter was sent with; before sending, the signing mandates' current holders."""
    if comm.sent_on is not None and comm.signatories:
        return tuple(Signatory(s.name, s.title) for s in comm.signatories)
    return tuple(Signatory(*c.signature) for c in comm.signing)


def compose_communication(comm: SpCommunication, addressee: LetterAddressee, *, draft: bool,
                          today: date | None = None, public: bool = False) -> LetterDocument:
    """The letter to one addressee: the one sent (draft=False), a preview, or the public version."""
    language = comm.language
    words, formulas = texts(language), phrases(language)
    clean = redactor(comm) if public else (lambda text: text)
    signing = comm.signing
    to_state = addressee.is_state
    government = words.government if to_state else words.company
    capacity = "; ".join(c.mandate.name for c in signing)
    opening = (words.opening_one if len(signing) == 1 else words.opening_many).format(
        capacity=capacity, resolutions=_resolutions(comm, language))
    paragraphs = [opening, words.bring.format(government=government, subject=clean(comm.title))]
    paragraphs += [clean(p) for p in paragraphs_of(comm.summary)]
    if comm.comm_type is CommunicationType.OL and comm.legislation:
        paragraphs.append(words.legislation.format(legislation=clean(comm.legislation)))
    paragraphs += [words.concern, words.annex_reference, words.questions_intro]
    paragraphs += [f"{n}. {clean(q)}" for n, q in enumerate(comm.question_list, start=1)]
    paragraphs.append(words.publication.format(government=government))
    if comm.comm_type is not CommunicationType.OL:
        paragraphs.append(words.interim)
    copies = tuple(_mission(c.state, language) for c in addressee.copied)
    if copies:
        paragraphs.append(words.copy_notice.format(states=joined([_government_of(c.state, language)
                                                                  for c in addressee.copied],
                                                                 words.and_word, words.comma)))
    if to_state:
        salutation = formulas.salutation_state
        party = _mission(addressee.state, language)
    else:
        salutation = words.dear.format(name=addressee.contact_name) if addressee.contact_name else words.dear_default
        party = Party(name=addressee.name, lines=tuple(line.strip() for line in addressee.address.splitlines()
                                                      if line.strip()))
    joint = len(signing) > 1
    closing = (formulas.close_state_many if joint else formulas.close_state_one) if to_state else \
        (formulas.close_other_many if joint else formulas.close_other_one)
    annex = Annex(words.annex_title, words.annex_state if to_state else words.annex_company)
    return LetterDocument(
        kind=LetterKind.LETTER,
        language=language,
        reference=addressee.reference or f"{comm.comm_type.value} {_code(comm, addressee)} …/{(today or date.today()).year}",
        date_text=written_date(comm.sent_on or today or date.today(), language),
        place=formulas.place,
        letterhead=(*formulas.letterhead, *(c.mandate.name for c in signing)),
        salutation=salutation,
        paragraphs=tuple(paragraphs),
        closing=closing,
        signatories=_signatories(comm),
        addressees=(party,),
        copies_to=copies,
        annexes=(annex,),
        draft=draft,
        labels=dict(formulas.labels),
    )


def _code(comm: SpCommunication, addressee: LetterAddressee) -> str:
    from casework.special_procedures.operations import addressee_code

    return addressee_code(comm, addressee)


def render_communication_pdf(comm: SpCommunication, addressee: LetterAddressee, **kwargs) -> bytes:
    """The letter to one addressee as PDF bytes (see `compose_communication`)."""
    return render_letter_pdf(compose_communication(comm, addressee, **kwargs))


def _written_on_its_pages(context: LetterContext, language: str) -> str:
    return ""


# The letters pipeline prints and stores each addressee's copy (`casework.letters.jobs.render_copies`);
# the text is written on the communication's own pages, never drafted from the letters pages.
SP_LETTER = LetterType(key=SP_LETTER_TYPE, label="Special procedures communication", kind=LetterKind.LETTER,
                       subject=_written_on_its_pages, body=_written_on_its_pages, case_types=frozenset(),
                       compose_copy=compose_communication)
