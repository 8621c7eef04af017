"""The counts the key figures read for periods of whole months (`casework.core.tallies`): the
letters sent by month, by type, by State addressed, by non-State actor addressed, and by State
addressed or copied and whether the letter was answered; and the replies received by month.

Within a month a letter counts once under each key, however many of its addressees share it; the
States and actors addressed in a period are the keys counted in it."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, String, case, cast, exists, func, literal, select, union_all

from casework.core.cases import Case
from casework.core.tallies import Tally, Watch, month_start, register
from casework.letters.models import AddresseeKind, Letter, LetterAddressee
from casework.special_procedures.models import Reply, SpCommunication

TYPE, TO, ACTOR, STATE = "type|", "to|", "actor|", "state|"  # the kinds of key of the letters' tally
_letter = Letter.__table__
_communication = SpCommunication.__table__
_addressee = LetterAddressee.__table__
_reply = Reply.__table__


def _letters_of(key: ColumnElement[str], condition: ColumnElement[bool]) -> Select:
    """(case id, unit_id, confidential, key, day) of each letter sent, once per key."""
    return (select(Case.id, Case.unit_id, Case.confidential, key.label("key"),
                   month_start(_letter.c.sent_on).label("day"))
            .select_from(Case).join(_letter, _letter.c.id == Case.id)
            .join(_communication, _communication.c.id == Case.id)
            .where(condition, _letter.c.sent_on.is_not(None)).distinct())


def _addressed(key: ColumnElement[str], condition: ColumnElement[bool], *which: ColumnElement[bool]) -> Select:
    return _letters_of(key, condition).join(_addressee, _addressee.c.letter_id == Case.id).where(*which)


def _letters(condition: ColumnElement[bool]) -> Select:
    answered = case((exists().where(_reply.c.communication_id == Case.id), "1"), else_="0")
    rows = union_all(
        _letters_of(literal(TYPE) + cast(_communication.c.comm_type, String), condition),
        _addressed(literal(TO) + cast(_addressee.c.state_id, String), condition,
                   _addressee.c.kind == AddresseeKind.STATE, _addressee.c.is_copy.is_(False)),
        _addressed(literal(ACTOR) + func.lower(_addressee.c.name), condition,
                   _addressee.c.kind == AddresseeKind.NON_STATE),
        _addressed(literal(STATE) + cast(_addressee.c.state_id, String) + "|" + answered, condition,
                   _addressee.c.state_id.is_not(None)),
    ).subquery()
    return (select(rows.c.unit_id, rows.c.confidential, rows.c.key, rows.c.day, func.count().label("n"))
            .group_by(rows.c.unit_id, rows.c.confidential, rows.c.key, rows.c.day))


def _replies(condition: ColumnElement[bool]) -> Select:
    """Replies by the month they were received, whenever their letter was sent."""
    month = month_start(_reply.c.received_on)
    return (select(Case.unit_id, Case.confidential, literal("").label("key"), month.label("day"),
                   func.count().label("n"))
            .select_from(Case).join(_reply, _reply.c.communication_id == Case.id)
            .where(condition).group_by(Case.unit_id, Case.confidential, month))


def _letter_of(part) -> int | None:
    return part.letter_id if part.letter_id is not None else getattr(part.letter, "id", None)


def _answered(reply: Reply) -> int | None:
    return reply.communication_id if reply.communication_id is not None else getattr(reply.communication, "id", None)


# A letter moves in these when its unit, confidentiality, type or day sent change; when an
# addressee is added, removed or changed; or when a reply is (which also says it was answered).
_CASE = ("unit_id", "confidential")
LETTERS = register(Tally("special_procedures_letters", _letters, {
    SpCommunication: Watch(lambda letter: letter.id, (*_CASE, "sent_on", "comm_type")),
    LetterAddressee: Watch(_letter_of, ("letter_id", "kind", "state_id", "name", "is_copy")),
    Reply: Watch(_answered, ("communication_id",))}))
REPLIES = register(Tally("special_procedures_replies", _replies, {
    SpCommunication: Watch(lambda letter: letter.id, _CASE),
    Reply: Watch(_answered, ("communication_id", "received_on"))}))
