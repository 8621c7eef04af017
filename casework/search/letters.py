"""Letters (the Letter cases of every module) in the search index."""
from __future__ import annotations

from sqlalchemy.orm import selectinload

from casework.letters.models import Letter, LetterAddressee
from casework.search.sources import Document, Source, module_of


def _letter_document(letter: Letter) -> Document:
    addressees = [a for a in letter.addressees if not a.is_copy] or list(letter.addressees)
    first_state = next((a.state_id for a in addressees if a.state_id is not None), None)
    return Document(
        kind="letter", object_id=letter.id, case_id=letter.parent_id or letter.id,
        module=module_of(letter.parent) if letter.parent is not None else "letters",
        title=f"{letter.reference or ''} {letter.title}".strip(),
        summary=", ".join(a.name for a in addressees),
        words=[letter.parent.reference if letter.parent is not None else None,
               *(a.name for a in letter.addressees), letter.body],
        unit_id=letter.unit_id, state_id=first_state, status=letter.status,
        doc_date=letter.sent_on or letter.letter_date,
    )


def _letter_of_addressee(addressee: LetterAddressee) -> list[Letter]:
    return [addressee.letter] if addressee.letter is not None else []


def letter_source() -> Source:
    return Source("letter", Letter, "letters", _letter_document, ((LetterAddressee, _letter_of_addressee),),
                  (selectinload(Letter.addressees), selectinload(Letter.parent)), exact=True)
