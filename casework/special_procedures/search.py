"""Special-procedures letters and the replies received, in the search box.

The source of the information is strictly confidential (the lead desk only) and is not indexed.
"""
from __future__ import annotations

from sqlalchemy.orm import selectinload

from casework.letters.models import LetterAddressee
from casework.search.sources import Document, Source, case_document, case_source, names_of
from casework.special_procedures.models import Reply, SpCommunication, SpVictim


def _first_state(communication: SpCommunication) -> int | None:
    return next((a.state_id for a in communication.recipients if a.state_id is not None), None)


def _document(communication: SpCommunication) -> Document:
    addressees = [a.display_name for a in communication.addressees]  # the States copied too
    victims = [name for victim in communication.victims for name in names_of(victim.person)]
    references = communication.references
    return case_document(
        communication, "special_procedures", state_id=_first_state(communication),
        doc_date=communication.sent_on, summary=communication.summary,
        texts=(communication.lead_mandate.name, communication.themes, communication.summary,
               communication.legislation, *references, *addressees, *victims),
    )


def _reply_document(reply: Reply) -> Document:
    communication = reply.communication
    addressee = reply.addressee
    sender = addressee.display_name if addressee else ""
    return Document(
        kind="reply", object_id=reply.id, case_id=communication.id, module="special_procedures",
        title=f"Reply from {sender}".strip() if sender else "Reply",
        summary=f"{communication.reference or ''} {communication.title}".strip(),
        words=[communication.reference, communication.title, addressee.reference if addressee else None],
        unit_id=communication.unit_id, state_id=addressee.state_id if addressee else None,
        status=communication.status, doc_date=reply.received_on,
    )


def _communication_of(part: SpVictim) -> list[SpCommunication]:
    return [part.communication] if part.communication is not None else []


def _letter_of(addressee: LetterAddressee) -> list[SpCommunication]:
    """An addressee's reference, given at sending, changes its communication's document."""
    return [addressee.letter] if isinstance(addressee.letter, SpCommunication) else []


def _replies_of(communication: SpCommunication) -> list[Reply]:
    """A reference given at sending changes the replies' documents."""
    return list(communication.replies)


SOURCES = [
    case_source(SpCommunication, "special_procedures", _document,
                follows=((LetterAddressee, _letter_of), (SpVictim, _communication_of)),
                load=(selectinload(SpCommunication.addressees), selectinload(SpCommunication.victims))),
    Source("reply", Reply, "special_procedures", _reply_document,
           ((SpCommunication, _replies_of),
            (LetterAddressee, lambda a: [r for c in _letter_of(a) for r in c.replies])),
           (selectinload(Reply.communication), selectinload(Reply.addressee))),
]
