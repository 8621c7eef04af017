"""Mandates and their communications (urgent appeals, allegation letters, other letters).

A communication is a `Letter` (so a `Case`) owned by the lead mandate's unit, so the letters
pipeline, the workflow engine, the audit trail, deadlines, persons and the access policy apply to it
as to every letter and case. Co-signing mandates, victims and replies hang off it. The confidential source is known only to the lead desk
(`casework.special_procedures.permissions`).
"""
from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import RECORD_NAMES, Audited
from casework.core.db import StrEnumType
from casework.core.persons import Person
from casework.core.states import State
from casework.core.units import Unit
from casework.extensions import db
from casework.letters.document import LetterKind
from casework.letters.models import Letter, LetterAddressee

RECORD_NAMES.update({
    "sp_communications": "communication", "sp_mandates": "mandate", "sp_cosignatures": "mandate on the letter",
    "sp_victims": "alleged victim", "sp_replies": "reply",
    # Before the letters were the letters pipeline's: their trail keeps these names.
    "sp_addressees": "addressee", "sp_addressee_copies": "State copied",
})
PUBLICATION_DAYS = 60  # the letter and any reply are made public 60 days after sending
NON_STATE_CODE = "OTH"  # the reference code of non-State addressees unless the unit sets `sp_non_state_code`


class MandateKind(enum.StrEnum):
    THEMATIC = "thematic"
    COUNTRY = "country"

    @property
    def label(self) -> str:
        return str(_MANDATE_KINDS[self])


_MANDATE_KINDS = {MandateKind.THEMATIC: _l("thematic"), MandateKind.COUNTRY: _l("country")}


class Mandate(Audited, db.Model):
    """A special-procedures mandate: its holder who signs, the resolutions creating it, its desk (unit)."""

    __tablename__ = "sp_mandates"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), unique=True)
    kind: Mapped[MandateKind] = mapped_column(StrEnumType(MandateKind), default=MandateKind.THEMATIC)
    name: Mapped[str] = mapped_column(String(300))  # "Special Rapporteur on the situation of human rights defenders"
    country_id: Mapped[int | None] = mapped_column(ForeignKey("states.id"))  # country mandates
    holder_name: Mapped[str] = mapped_column(String(200), default="")
    holder_title: Mapped[str] = mapped_column(String(300), default="")  # as signed under the name
    resolutions: Mapped[str] = mapped_column(String(300), default="")  # "25/18, 52/4"
    active: Mapped[bool] = mapped_column(default=True)

    unit: Mapped[Unit] = relationship(lazy="joined")
    country: Mapped[State | None] = relationship()

    @property
    def audit_case_id(self) -> int | None:
        return None

    @property
    def shown_name(self) -> str:
        """The mandate's name in the page's language: its unit's official name while it keeps the
        copy of it it was created with ("Rapporteur spécial sur la torture…"), else as recorded."""
        return self.unit.shown_name if self.name == self.unit.name else self.name

    def __str__(self) -> str:
        return self.name


class CommunicationType(enum.StrEnum):
    UA = "UA"  # urgent appeal
    AL = "AL"  # allegation letter
    OL = "OL"  # other letter: legislation, policy or practice


TYPE_LABELS = {CommunicationType.UA: _l("Urgent appeal"), CommunicationType.AL: _l("Allegation letter"),
               CommunicationType.OL: _l("Other letter")}


class SpCommunicationStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_COSIGNATURE = "in_cosignature"
    APPROVED = "approved"
    SENT = "sent"
    PUBLISHED = "published"
    IN_REPORT = "in_report"
    CLOSED = "closed"


S = SpCommunicationStatus
PUBLIC_STATES = frozenset({S.PUBLISHED, S.IN_REPORT, S.CLOSED})


SP_LETTER_TYPE = "sp_communication"


class SpCommunication(Letter):
    """A letter of one or more mandate holders, sent to one or more addressees.

    A letter of the letters pipeline with a workflow of its own: its language, date sent,
    addressees (each with its own reference and PDF, and the States copied on a non-State
    actor's letter) and signature blocks are the letter's (`casework.letters.models`).
    """

    __tablename__ = "sp_communications"
    # The public register newest first, from its own index: only the public letters are in it.
    __table_args__ = (Index("ix_sp_communications_public", "public_sent_on", "id",
                            sqlite_where=text("public_sent_on IS NOT NULL"),
                            postgresql_where=text("public_sent_on IS NOT NULL")),)
    # Changes to the source show on the timeline as "changed", never with the text.
    __audit_redacted__ = frozenset({"source"})
    # The day sent, which is audited, copied to the register's order at publication.
    __audit_ignored__ = frozenset({"updated_at", "public_sent_on"})

    id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), primary_key=True)
    comm_type: Mapped[CommunicationType] = mapped_column(StrEnumType(CommunicationType))
    lead_mandate_id: Mapped[int] = mapped_column(ForeignKey("sp_mandates.id"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")  # the information received, as the letter tells it
    themes: Mapped[str] = mapped_column(String(300), default="")
    legislation: Mapped[str] = mapped_column(Text, default="")  # other letters: the law or bill concerned
    questions: Mapped[str] = mapped_column(Text, default="")  # one question per line, numbered in the letter
    source: Mapped[str] = mapped_column(Text, default="")  # strictly confidential: the lead desk only
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the publication job acts for them
    published_on: Mapped[date | None]
    # The day sent, once published (`record_publication`): the public register's order, kept on
    # this table with the key. Read from the letters' day sent and the cases' state, a page of
    # the register joined every letter sent to its case (page 100: 86 ms at a million cases).
    public_sent_on: Mapped[date | None]
    press_release_on: Mapped[date | None]
    press_release_url: Mapped[str] = mapped_column(String(500), default="")
    report_session: Mapped[str] = mapped_column(String(60), default="")  # "HRC 62"

    lead_mandate: Mapped[Mandate] = relationship(lazy="joined")
    cosignatures: Mapped[list[CoSignature]] = relationship(
        back_populates="communication", cascade="all, delete-orphan", order_by="CoSignature.position"
    )
    victims: Mapped[list[SpVictim]] = relationship(
        back_populates="communication", cascade="all, delete-orphan", order_by="SpVictim.id"
    )
    replies: Mapped[list[Reply]] = relationship(
        back_populates="communication", cascade="all, delete-orphan", order_by="Reply.received_on"
    )

    __mapper_args__ = {"polymorphic_identity": SP_LETTER_TYPE}

    def __init__(self, **values) -> None:
        """Always a signed letter of its own type, printed once per addressee."""
        super().__init__(letter_type=SP_LETTER_TYPE, kind=LetterKind.LETTER, **values)
    can_belong_to_a_case = False  # always a case of its own: listed with the simpler visibility condition
    detail_template = "special_procedures/detail.html"

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.comm_type]

    @property
    def references(self) -> list[str]:
        """Each addressee's reference, allocated at sending ("AL CHN 12/2019")."""
        return [r.reference for r in self.recipients if r.reference]

    @property
    def signing(self) -> list[CoSignature]:
        """The mandates whose blocks the letter carries: the lead, and co-signers not declined."""
        return [c for c in self.cosignatures if c.status is not CoSignatureStatus.DECLINED]

    @property
    def pending(self) -> list[CoSignature]:
        return [c for c in self.cosignatures if c.status is CoSignatureStatus.INVITED]

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATES

    def record_publication(self, on: date) -> None:
        """Published on `on`: public from then on (no state leads back), and so in the public
        register, which lists the letters by the day they were sent."""
        self.published_on, self.public_sent_on = on, self.sent_on

    @property
    def publication_due_on(self) -> date | None:
        return self.sent_on + timedelta(days=PUBLICATION_DAYS) if self.sent_on else None

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class CoSignatureStatus(enum.StrEnum):
    LEAD = "lead"
    INVITED = "invited"
    APPROVED = "approved"
    DECLINED = "declined"


class CommunicationPart(Audited):
    """A record of a communication: its changes show on the communication's timeline."""

    @property
    def audit_case_id(self) -> int | None:
        return self.communication_id


class CoSignature(CommunicationPart, db.Model):
    """A mandate on the letter: the lead, or a co-signer invited, approving or declining.

    A part of the communication with a workflow of its own (`special_procedures.workflow`): its
    decisions are fired on the engine and show in the communication's history. When the letter
    is sent, the signing mandates' blocks (name and title) become the letter's signatories, so a
    later holder of the mandate never changes a letter already sent.
    """

    workflow_key = "sp_cosignature"

    __tablename__ = "sp_cosignatures"
    __table_args__ = (UniqueConstraint("communication_id", "mandate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    communication_id: Mapped[int] = mapped_column(ForeignKey("sp_communications.id", ondelete="CASCADE"), index=True)
    mandate_id: Mapped[int] = mapped_column(ForeignKey("sp_mandates.id"), index=True)
    status: Mapped[CoSignatureStatus] = mapped_column(StrEnumType(CoSignatureStatus))
    position: Mapped[int] = mapped_column(default=0)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    comment: Mapped[str] = mapped_column(Text, default="")

    communication: Mapped[SpCommunication] = relationship(back_populates="cosignatures")
    mandate: Mapped[Mandate] = relationship(lazy="joined")
    decided_by = relationship("User")

    @property
    def part_of(self) -> SpCommunication:
        """The case whose permissions, history and deadlines its transitions use."""
        return self.communication

    @property
    def signature(self) -> tuple[str, str]:
        """(name, title) of the mandate's current holder; once the letter is sent, the blocks it
        was sent with are the letter's signatories."""
        return self.mandate.holder_name, self.mandate.holder_title or self.mandate.name


class SpVictim(CommunicationPart, db.Model):
    """An alleged victim (a person of the registry) and whether public output shows only initials."""

    __tablename__ = "sp_victims"
    __table_args__ = (UniqueConstraint("communication_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    communication_id: Mapped[int] = mapped_column(ForeignKey("sp_communications.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    profession: Mapped[str] = mapped_column(String(200), default="")
    defender: Mapped[bool] = mapped_column(default=False)
    redact: Mapped[bool] = mapped_column(default=True)

    communication: Mapped[SpCommunication] = relationship(back_populates="victims")
    person: Mapped[Person] = relationship(lazy="joined")

    @property
    def public_name(self) -> str:
        return self.person.initials if self.redact else self.person.full_name


class Reply(CommunicationPart, db.Model):
    """A reply received from an addressee, at any time after sending."""

    __tablename__ = "sp_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    communication_id: Mapped[int] = mapped_column(ForeignKey("sp_communications.id", ondelete="CASCADE"), index=True)
    addressee_id: Mapped[int | None] = mapped_column(ForeignKey("letter_addressees.id", ondelete="SET NULL"))
    received_on: Mapped[date] = mapped_column(index=True)  # the figures count replies by it
    language: Mapped[str] = mapped_column(String(5), default="en")
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))

    communication: Mapped[SpCommunication] = relationship(back_populates="replies")
    addressee: Mapped[LetterAddressee | None] = relationship()
    attachment = relationship("Attachment")


def format_reference(comm_type: CommunicationType, code: str, number: int, year: int) -> str:
    """"AL CHN 12/2019": the type, the addressee's code, the running number of its year."""
    return f"{comm_type.value} {code} {number}/{year}"
