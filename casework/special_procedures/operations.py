"""Operations on communications: the only code that changes them. They flush; the view commits."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from casework.core import jobs
from casework.core.attachments import attach_file
from casework.core.cases import CaseAssignment
from casework.core.counters import next_number
from casework.core.db import utcnow
from casework.core.deadlines import meet_open_deadlines
from casework.core.persons import CasePerson, Person, PersonRole, Sex
from casework.core.states import State
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters.models import AddresseeKind, LetterAddressee, LetterSignatory
from casework.special_procedures.models import (
    NON_STATE_CODE, CommunicationType, CoSignature, CoSignatureStatus, Mandate, Reply,
    SpCommunication, SpCommunicationStatus, SpVictim, format_reference,
)
from casework.special_procedures.permissions import holders_of
from casework.special_procedures.workflow import COSIGNATURE_WORKFLOW, REPLY_DEADLINE

S = SpCommunicationStatus


@dataclass
class AddresseeInput:
    """A State (by id), or a non-State actor by name with the States to be copied."""

    state_id: int | None = None
    name: str = ""
    contact_name: str = ""
    address: str = ""
    copy_state_ids: list[int] = field(default_factory=list)

    @property
    def kind(self) -> AddresseeKind:
        return AddresseeKind.STATE if self.state_id else AddresseeKind.NON_STATE


@dataclass
class CommunicationContent:
    """What the drafting form edits."""

    comm_type: CommunicationType
    title: str
    language: str = "en"
    summary: str = ""
    questions: str = ""
    themes: str = ""
    legislation: str = ""
    source: str = ""
    addressees: list[AddresseeInput] = field(default_factory=list)


@dataclass
class VictimInput:
    family_name: str
    given_names: str = ""
    sex: Sex = Sex.UNKNOWN
    profession: str = ""
    defender: bool = False
    redact: bool = True


def create_communication(content: CommunicationContent, lead: Mandate, actor) -> SpCommunication:
    """A new draft of the lead mandate's desk, the lead mandate first on the letter."""
    comm = SpCommunication(unit_id=lead.unit_id, lead_mandate_id=lead.id, status=S.DRAFT, confidential=False,
                           officer_id=actor.id, drafted_by_id=actor.id, comm_type=content.comm_type,
                           title=content.title)
    comm.lead_mandate = lead
    _fill(comm, content)
    comm.cosignatures = [CoSignature(mandate_id=lead.id, status=CoSignatureStatus.LEAD, position=0)]
    db.session.add(comm)
    db.session.flush()
    return comm


def update_communication(comm: SpCommunication, content: CommunicationContent, actor) -> None:
    """Save the drafter's changes; only a draft changes (co-signers approve a fixed text)."""
    if comm.status != S.DRAFT:
        raise Refused(_("Only a draft can be changed; return the letter to drafting first."))
    comm.comm_type, comm.title = content.comm_type, content.title
    _fill(comm, content)
    db.session.flush()


def _fill(comm: SpCommunication, content: CommunicationContent) -> None:
    for name in ("language", "summary", "questions", "themes", "legislation", "source"):
        setattr(comm, name, getattr(content, name).strip() if name != "language" else content.language)
    comm.addressees = _addressees(content.addressees)


def _addressees(given: list[AddresseeInput]) -> list[LetterAddressee]:
    """The letter's addressees in order, each non-State actor followed by the States copied on
    its letter."""
    wanted = {i for data in given for i in (data.state_id, *data.copy_state_ids) if i}
    states = {s.id: s for s in db.session.scalars(select(State).where(State.id.in_(wanted)))}
    rows: list[LetterAddressee] = []
    for data in given:
        state = states.get(data.state_id)
        recipient = LetterAddressee(kind=data.kind, state=state, name=state.mission_name if state else data.name.strip(),
                                    contact_name=data.contact_name.strip(), address=data.address.strip())
        rows.append(recipient)
        if data.kind is AddresseeKind.NON_STATE:
            rows += [LetterAddressee(kind=AddresseeKind.STATE, state=states[i], name=states[i].mission_name,
                                     is_copy=True, copy_of=recipient)
                     for i in dict.fromkeys(data.copy_state_ids) if i in states]
    for position, row in enumerate(rows):
        row.position = position
    return rows


def add_victim(comm: SpCommunication, data: VictimInput, actor) -> SpVictim:
    """Register an alleged victim in the persons registry and link them to the communication."""
    if comm.status in (S.SENT, S.PUBLISHED, S.IN_REPORT, S.CLOSED):
        raise Refused(_("The letter has been sent; its alleged victims can no longer change."))
    person = Person(family_name=data.family_name.strip(), given_names=data.given_names.strip(), sex=data.sex,
                    unit_id=comm.unit_id, protected_identity=data.redact)
    db.session.add(person)
    db.session.flush()
    db.session.add(CasePerson(case_id=comm.id, person_id=person.id, role=PersonRole.ALLEGED_VICTIM))
    victim = SpVictim(communication_id=comm.id, person_id=person.id, profession=data.profession.strip(),
                      defender=data.defender, redact=data.redact)
    db.session.add(victim)
    db.session.flush()
    return victim


def invite_mandates(comm: SpCommunication, mandates: list[Mandate], actor) -> list[CoSignature]:
    """Ask mandates to co-sign; their holders are assigned to the letter so they can read it."""
    if comm.status not in (S.DRAFT, S.IN_COSIGNATURE):
        raise Refused(_("Mandates are invited while the letter is drafted or in co-signature."))
    present = {c.mandate_id: c for c in comm.cosignatures}
    invited = []
    for mandate in mandates:
        row = present.get(mandate.id)
        if row is None:
            row = CoSignature(mandate_id=mandate.id, position=len(comm.cosignatures),
                              status=COSIGNATURE_WORKFLOW.initial)
            row.mandate = mandate
            comm.cosignatures.append(row)
        elif row.status is CoSignatureStatus.DECLINED:
            fire(row, "invite_again", actor)
        else:
            continue
        assigned = {a.user_id for a in comm.assignments}
        for user_id in holders_of(mandate):
            if user_id not in assigned:
                comm.assignments.append(CaseAssignment(user_id=user_id, assigned_by_id=actor.id))
        invited.append(row)
    db.session.flush()
    return invited


def decide_cosignature(cosignature: CoSignature, approve: bool, actor, comment: str = "") -> None:
    """The mandate holder approves the letter or declines: a declined mandate leaves the letter.
    The co-signature workflow's guard lets only the holder decide (anyone else: 403)."""
    fire(cosignature, "approve" if approve else "decline", actor, comment=comment.strip())
    cosignature.decided_by_id, cosignature.decided_at, cosignature.comment = actor.id, utcnow(), comment.strip()
    db.session.flush()


def reset_approvals(comm: SpCommunication, actor) -> None:
    """Back to drafting: the text may change, so every co-signer who approved is asked again."""
    for row in comm.cosignatures:
        if row.status is CoSignatureStatus.APPROVED:
            fire(row, "invite_again", actor)


def addressee_code(comm: SpCommunication, addressee: LetterAddressee) -> str:
    """The ISO-3 code of a State; the unit's code for non-State actors ("OTH" by default)."""
    if addressee.is_state:
        return addressee.state.iso3
    return str((comm.unit.settings or {}).get("sp_non_state_code") or NON_STATE_CODE)


def allocate_reference(comm: SpCommunication, addressee: LetterAddressee, year: int) -> str:
    """Take the next number of the addressee's country for the year; safe under concurrency."""
    code = addressee_code(comm, addressee)
    number = next_number(f"sp:{code}:{year}")
    addressee.reference = format_reference(comm.comm_type, code, number, year)
    return addressee.reference


def send_communication(comm: SpCommunication, sent_on: date, actor) -> None:
    """Send the approved letter: references allocated, the signing mandates' blocks fixed as the
    letter's signatories, and one PDF per addressee (the States copied get their addressee's)."""
    from casework.letters.jobs import render_copies

    fire(comm, "send", actor, on=sent_on)
    for addressee in comm.recipients:
        allocate_reference(comm, addressee, sent_on.year)
    comm.reference = comm.recipients[0].reference
    comm.signatories = [LetterSignatory(name=name, title=title, position=position)
                        for position, (name, title) in enumerate(c.signature for c in comm.signing)]
    comm.sent_on, comm.letter_date, comm.sent_by_id = sent_on, sent_on, actor.id
    db.session.flush()
    jobs.enqueue(render_copies, comm.id, subject=comm, requested_by=actor)


def record_reply(comm: SpCommunication, received_on: date, language: str, reply_file, actor,
                 addressee: LetterAddressee | None = None) -> Reply:
    """Log a reply (any number, any time after sending); the first one stops the reply clock."""
    if comm.sent_on is None:
        raise Refused(_("A reply can be recorded once the letter has been sent."))
    if received_on < comm.sent_on:
        raise Refused(_("A reply cannot be received before the letter was sent (%(date)s).",
                        date=comm.sent_on.isoformat()))
    attachment = attach_file(comm, reply_file, actor, description="Reply") if reply_file else None
    reply = Reply(communication_id=comm.id, addressee_id=addressee.id if addressee else None,
                  received_on=received_on, language=language, attachment_id=attachment.id if attachment else None)
    db.session.add(reply)
    meet_open_deadlines(comm.id, [REPLY_DEADLINE], "record_reply", received_on)
    db.session.flush()
    return reply


def publish(comm: SpCommunication, on: date, actor, event: str = "publish") -> None:
    """Make the letter and its replies public; the public PDFs (initials for redacted victims) follow."""
    from casework.letters.jobs import render_copies

    fire(comm, event, actor, on=on)
    comm.record_publication(on)
    db.session.flush()
    jobs.enqueue(render_copies, comm.id, True, subject=comm, requested_by=actor)


def record_press_release(comm: SpCommunication, on: date, url: str, actor) -> None:
    """A press release makes the communication public before the 60 days."""
    comm.press_release_on, comm.press_release_url = on, url.strip()
    publish(comm, on, actor, event="publish_with_press_release")


def include_in_report(comm: SpCommunication, session: str, actor) -> None:
    """Record the Council session whose joint communications report includes the letter."""
    comm.report_session = session.strip()
    fire(comm, "include_in_report", actor)


def ensure_mandates() -> int:
    """A mandate record for every mandate unit that has none yet; returns how many were added."""
    from casework.core.units import Unit, UnitKind

    known = set(db.session.scalars(select(Mandate.unit_id)))
    added = 0
    for unit in db.session.scalars(select(Unit).where(Unit.kind == UnitKind.MANDATE).order_by(Unit.code)):
        if unit.id not in known:
            db.session.add(Mandate(unit_id=unit.id, name=unit.name, holder_title=unit.name))
            added += 1
    db.session.flush()
    return added


def change_holder(mandate: Mandate, name: str, title: str, resolutions: str, actor) -> None:
    """A new holder signs future letters; letters already sent keep the blocks they were sent with."""
    mandate.holder_name, mandate.holder_title = name.strip(), title.strip()
    mandate.resolutions = resolutions.strip()
    db.session.flush()
