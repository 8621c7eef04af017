"""Lists, the public register and the figures of the year, so views stay thin."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Row, Select, distinct, func, or_, select
from sqlalchemy.orm import selectinload

from casework.auth.models import Role
from casework.core import inputs
from casework.core.cases import Case
from casework.core.deadlines import Deadline
from casework.core.persons import Person
from casework.core.permissions import visibility_clause, visible_cases
from casework.core.queries import where_given
from casework.core.states import collation_key, page_language
from casework.extensions import db
from casework.figures.period import between, list_period
from casework.figures.sections import among, ids_where, rows_of, starting_from, tally
from casework.letters.models import AddresseeKind, Letter, LetterAddressee
from casework.special_procedures.letters import redactor
from casework.special_procedures.models import (
    PUBLIC_STATES, SP_LETTER_TYPE, CommunicationType, CoSignature, CoSignatureStatus, Mandate, Reply, SpCommunication,
    SpCommunicationStatus, SpVictim,
)
from casework.special_procedures.workflow import REPLY_DEADLINE


@dataclass
class Filters:
    """The filters every list shares: State, mandate, type, year (of sending), and words."""

    state: int | None = None
    mandate: int | None = None
    comm_type: str = ""
    year: int | None = None
    status: str = ""
    q: str = ""
    start: date | None = None  # sent from (with `replied`: a reply received from)
    end: date | None = None
    replied: bool = False


def _in_year(column, year: int):
    """A date column within one year, as a range the column's index can serve (EXTRACT cannot)."""
    return column.between(date(year, 1, 1), date(year, 12, 31))


def _filtered(stmt: Select, f: Filters, key=SpCommunication.id, comm_type=SpCommunication.comm_type,
              sent=SpCommunication.sent_on) -> Select:
    """`stmt` narrowed by the filters; `key`, `comm_type` and `sent` are the columns they read (the
    public register's keys read the communications' own table alone)."""
    if f.state:  # addressed or copied
        stmt = stmt.where(key.in_(
            select(LetterAddressee.letter_id).where(LetterAddressee.state_id == f.state)))
    if f.mandate:
        stmt = stmt.where(key.in_(select(CoSignature.communication_id).where(
            CoSignature.mandate_id == f.mandate, CoSignature.status != CoSignatureStatus.DECLINED)))
    if f.comm_type:
        stmt = stmt.where(comm_type == CommunicationType(f.comm_type))
    if f.year:
        stmt = stmt.where(_in_year(sent, f.year))
    if f.start or f.end:
        if f.replied:
            stmt = stmt.where(key.in_(select(Reply.communication_id).where(
                *between(Reply.received_on, f.start, f.end))))
        else:
            stmt = stmt.where(*between(sent, f.start, f.end))
    stmt = where_given(stmt, (SpCommunication.status, f.status))
    if f.q:  # any addressee's reference, not only the first one's
        like = f"%{f.q.strip()}%"
        stmt = stmt.where(or_(SpCommunication.title.ilike(like), SpCommunication.id.in_(
            select(LetterAddressee.letter_id).where(LetterAddressee.reference.ilike(like)))))
    return stmt


def communications_for(user, f: Filters) -> Select:
    """The communications `user` may see, filtered, with what a list row shows loaded per page."""
    # The kind named although the tables joined imply it: the cases' index by kind and day updated
    # then gives a page in the list's order, where every case was read and sorted (1.5 s at a million).
    mine = visible_cases(user, SpCommunication).where(SpCommunication.case_type == SP_LETTER_TYPE)
    return _filtered(mine, f).options(
        selectinload(SpCommunication.addressees), selectinload(SpCommunication.cosignatures))


_cases = Case.__table__.c  # columns, whose NOT NULL lets a "Next" page start from the last row's key
LIST_SORTS = {"updated": _cases.updated_at, "sent": Letter.__table__.c.sent_on, "status": _cases.status}
KEY = _cases.id  # a communication's id is its case's: the key the cases' index by kind holds


def list_filters(args) -> Filters:
    """The internal list's filters from its query string; the page and its exports read them here."""
    start, end = list_period(args)
    return Filters(state=args.get("state", type=int) or None, mandate=args.get("mandate", type=int) or None,
                   comm_type=args.get("comm_type", type=CommunicationType) or "",
                   year=args.get("year", type=inputs.year),
                   status=args.get("status", ""), q=args.get("q") or "", start=start, end=end,
                   replied=args.get("replied") == "1")


def communications_from_args(user, args) -> Select:
    """The internal list for its query string (what its export holds)."""
    return communications_for(user, list_filters(args))


def cosignature_queue(user) -> list[CoSignature]:
    """Invitations awaiting a decision from the mandates `user` holds (supervisor of their unit)."""
    held = [m.unit_id for m in user.memberships if m.role is Role.SUPERVISOR]
    if not held:  # most readers: no query, for SQLite read every case before finding none (1 s)
        return []
    return list(db.session.scalars(
        select(CoSignature).join(Mandate, Mandate.id == CoSignature.mandate_id)
        .join(SpCommunication, SpCommunication.id == CoSignature.communication_id)
        .where(Mandate.unit_id.in_(held), CoSignature.status == CoSignatureStatus.INVITED,
               SpCommunication.status == SpCommunicationStatus.IN_COSIGNATURE,
               visibility_clause(user, SpCommunication))
        .order_by(SpCommunication.updated_at)))


def overdue_replies(user, today: date | None = None) -> Select:
    """Sent letters with no reply 60 days on: rows of (communication, its reply deadline)."""
    return (visible_cases(user, SpCommunication).add_columns(Deadline)
            .join(Deadline, Deadline.case_id == SpCommunication.id)
            .where(Deadline.kind == REPLY_DEADLINE, Deadline.closed_at.is_(None),
                   Deadline.due_on < (today or date.today()))
            .options(selectinload(SpCommunication.addressees)))


def public_register(f: Filters) -> Select:
    """Published communications only: never a draft, a letter in co-signature or one under embargo.

    What `public_record()` reads is loaded with the page, a few queries for the whole page rather
    than several per row. A published communication has its day sent in `public_sent_on`, the
    register's order (`public_register_keys`)."""
    stmt = select(SpCommunication).where(
        SpCommunication.case_type == SP_LETTER_TYPE, SpCommunication.status.in_(list(PUBLIC_STATES)),
        SpCommunication.public_sent_on.is_not(None)).options(
        selectinload(SpCommunication.cosignatures), selectinload(SpCommunication.replies),
        selectinload(SpCommunication.addressees).selectinload(LetterAddressee.copied),
        selectinload(SpCommunication.victims).selectinload(SpVictim.person).selectinload(Person.names),
    )
    return _filtered(stmt, f)


def public_register_keys(f: Filters) -> Select | None:
    """The public register's keys, newest first, from the communications' own table: those with a
    day sent in the register (`SpCommunication.record_publication`), read from its index without
    each one's case, and narrowed by the filters that table answers. None where a filter reads the
    case (a stage of the workflow, words of a title): the register's query is then paged as it is."""
    if f.status or f.q:
        return None
    own = SpCommunication.__table__.c
    return _filtered(select(own.id).where(own.public_sent_on.is_not(None)), f, own.id, own.comm_type,
                     own.public_sent_on)


def public_record(comm: SpCommunication) -> dict:
    """What the public database shows of one communication. Never the source; redacted victims as
    initials; only published letters and replies."""
    if not comm.is_public:
        raise ValueError("not published")
    clean = redactor(comm)
    return {
        "id": comm.id,
        "references": comm.references,
        "type": comm.comm_type.value,
        "date": comm.sent_on.isoformat(),
        "published_on": comm.published_on.isoformat() if comm.published_on else None,
        "mandates": [c.mandate.name for c in comm.signing],
        "addressees": [a.display_name for a in comm.recipients],
        "copied_states": sorted({c.state.name for c in comm.copies}),
        "subject": clean(comm.title),
        "summary": clean(comm.summary),
        "alleged_victims": [v.public_name for v in comm.victims],
        "reply_received": bool(comm.replies),
        "letters": [a.id for a in comm.recipients if a.public_pdf_sha256],
        "replies": [r.id for r in comm.replies if r.attachment_id],
        "press_release": comm.press_release_url or None,
    }


@dataclass
class YearFigures:
    year: int
    letters_sent: int
    states_addressed: int
    non_state_actors_addressed: int
    replies_received: int
    by_type: dict[str, int]


def figures_of_year(year: int, base: Select | None = None) -> YearFigures:
    """Letters sent in the year, the States and non-State actors they went to, replies received in it."""
    return figures_between(date(year, 1, 1), date(year, 12, 31), base)


def letters_sent_between(start: date, end: date, base: Select | None = None) -> list[Row]:
    """Id and type of each letter of `base` (all by default) sent between two dates, read from the
    dates' index and checked letter by letter against `base`'s conditions."""
    in_span = SpCommunication.sent_on.between(start, end)
    # The date sent is the letter's: its table holds every kind of letter.
    ids = ids_where(Letter, in_span, Letter.letter_type == SP_LETTER_TYPE)
    letters = starting_from((base if base is not None else select(SpCommunication)).where(in_span), ids)
    return rows_of(letters, SpCommunication.id, SpCommunication.comm_type)


def figures_between(start: date, end: date, base: Select | None = None,
                    sent: list[Row] | None = None) -> YearFigures:
    """Letters sent between two dates, the States and non-State actors they went to, replies received.

    `sent`: the letters of `letters_sent_between` when the caller has them already."""
    sent = letters_sent_between(start, end, base) if sent is None else sent
    ids = [letter_id for letter_id, _kind in sent]
    addressed = LetterAddressee.is_copy.is_(False)
    states, actors = db.session.execute(select(
        func.count(distinct(LetterAddressee.state_id)).filter(addressed, LetterAddressee.kind == AddresseeKind.STATE),
        func.count(distinct(func.lower(LetterAddressee.name))).filter(LetterAddressee.kind == AddresseeKind.NON_STATE),
    ).where(among(LetterAddressee.letter_id, ids))).one()
    # The visible letters among those answered in the span (a short list), rather than every visible
    # letter of all years: the database starts from the span's replies.
    answered = select(Reply.communication_id).where(Reply.received_on.between(start, end))
    replied = starting_from((base if base is not None else select(SpCommunication))
                            .with_only_columns(SpCommunication.id), answered)
    replies = db.session.scalar(select(func.count(Reply.id)).where(
        Reply.received_on.between(start, end), Reply.communication_id.in_(replied))) or 0
    by_type = tally(str(kind) for _letter_id, kind in sent)
    return YearFigures(start.year, len(sent), states or 0, actors or 0, replies, by_type)


def mandate_choices() -> list[tuple[int, str]]:
    """The active mandates by their names in the page's language, in that language's alphabetical order."""
    language = page_language()
    mandates = db.session.scalars(select(Mandate).where(Mandate.active))
    return [(m.id, m.shown_name) for m in sorted(mandates, key=lambda m: collation_key(m.shown_name, language))]
