"""Letter records: a Case subclass, so the workflow engine, audit trail and access rules apply."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType, utcnow
from casework.core.states import State, mission_name_in
from casework.extensions import db
from casework.letters.document import LetterKind


class LetterStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    FINAL = "final"  # the final PDF exists and may be sent
    SENT = "sent"
    REPLIED = "replied"


class AddresseeKind(enum.StrEnum):
    STATE = "state"  # always through its Permanent Mission
    NON_STATE = "non_state"  # a company, an international financial institution, an armed group
    PERSON = "person"  # an author or counsel


class Letter(Case):
    """An outgoing letter or note verbale, attached to a case (parent) or to none (a circular)."""

    __tablename__ = "letters"
    # Letters by the day sent, with the key that keeps that order from page to page (the public
    # register of the special procedures), read in order and stopped at a page.
    __table_args__ = (Index("ix_letters_sent", "sent_on", "id"),)

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    letter_type: Mapped[str] = mapped_column(String(60))
    kind: Mapped[LetterKind] = mapped_column(StrEnumType(LetterKind))
    language: Mapped[str] = mapped_column(String(5), default="en")
    letter_date: Mapped[date | None]
    body: Mapped[str] = mapped_column(Text, default="")
    drafted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    # The final PDF is stored once, by content; "sent" always refers to this exact file.
    final_pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    final_pdf_size: Mapped[int | None] = mapped_column(BigInteger)
    final_rendered_at: Mapped[datetime | None]
    sent_on: Mapped[date | None]
    sent_channel: Mapped[str | None] = mapped_column(String(60))
    reply_received_on: Mapped[date | None]
    reply_attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))

    addressees: Mapped[list[LetterAddressee]] = relationship(
        back_populates="letter", cascade="all, delete-orphan", order_by="LetterAddressee.position"
    )
    signatories: Mapped[list[LetterSignatory]] = relationship(
        back_populates="letter", cascade="all, delete-orphan", order_by="LetterSignatory.position"
    )
    annexes: Mapped[list[LetterAnnex]] = relationship(
        back_populates="letter", cascade="all, delete-orphan", order_by="LetterAnnex.position"
    )
    drafted_by = relationship("User", foreign_keys=[drafted_by_id])
    approved_by = relationship("User", foreign_keys=[approved_by_id])

    __mapper_args__ = {"polymorphic_identity": "letter"}
    detail_template = "letters/detail.html"

    @classmethod
    def of_this_kind(cls):
        """The condition for letters written on the letters pages, leaving out the kinds of letter
        with pages and a register of their own (special-procedures communications)."""
        return cls.case_type == "letter"

    @property
    def type_label(self) -> str:
        return {LetterKind.NOTE_VERBALE: "Note verbale", LetterKind.REPORT: "Report"}.get(self.kind, "Letter")

    @property
    def url(self) -> str:
        from flask import url_for

        return url_for("cases.detail", case_id=self.id)

    @property
    def subject(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """A letter is published only where its kind says so (a special-procedures communication)."""
        return False

    @property
    def recipients(self) -> list[LetterAddressee]:
        return [a for a in self.addressees if not a.is_copy]

    @property
    def copies(self) -> list[LetterAddressee]:
        return [a for a in self.addressees if a.is_copy]


class LetterPart(Audited):
    """A record of a letter: its changes show on the letter's timeline."""

    @property
    def audit_case_id(self) -> int | None:
        return self.letter_id


class LetterAddressee(LetterPart, db.Model):
    """Who a letter goes to, or is copied to: one printed copy of the letter.

    A letter printed once for all its addressees keeps its PDF on the letter. A letter whose
    type prints one letter per recipient (`LetterType.compose_copy`: a special-procedures letter,
    each with its own reference) keeps each recipient's PDF here, and a party copied on one
    recipient's letter only (`copy_of`: the State where a company is based) gets that same PDF.
    """

    __tablename__ = "letter_addressees"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AddresseeKind] = mapped_column(StrEnumType(AddresseeKind))
    state_id: Mapped[int | None] = mapped_column(ForeignKey("states.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    contact_name: Mapped[str] = mapped_column(String(200), default="")  # "Dear Mr. Chief Executive Officer"
    address: Mapped[str] = mapped_column(Text, default="")
    is_copy: Mapped[bool] = mapped_column(default=False)
    copy_of_id: Mapped[int | None] = mapped_column(ForeignKey("letter_addressees.id", ondelete="CASCADE"),
                                                   index=True)
    position: Mapped[int] = mapped_column(default=0)
    reference: Mapped[str | None] = mapped_column(String(40), unique=True, index=True)  # its own, when numbered
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))  # this copy as sent
    pdf_size: Mapped[int | None] = mapped_column(BigInteger)
    public_pdf_sha256: Mapped[str | None] = mapped_column(String(64))  # as published, names redacted

    letter: Mapped[Letter] = relationship(back_populates="addressees")
    state: Mapped[State | None] = relationship(lazy="joined")
    copy_of: Mapped[LetterAddressee | None] = relationship(remote_side=[id], back_populates="copied")
    copied: Mapped[list[LetterAddressee]] = relationship(back_populates="copy_of", order_by="LetterAddressee.position")

    @property
    def is_state(self) -> bool:
        return self.kind is AddresseeKind.STATE

    @property
    def printed_name(self) -> str:
        """The name the letter prints: a State's Mission in the letter's language, as lists show it."""
        if self.is_state and self.state is not None and self.letter is not None:
            return mission_name_in(self.state, self.letter.language)
        return self.name

    @property
    def display_name(self) -> str:
        """The State's name (its Mission is who receives it), or the other party's."""
        return self.state.name if self.is_state and self.state else self.name

    @property
    def file_name(self) -> str:
        """The PDF's download name: "UA COL 1/2026" → "UA_COL_1-2026.pdf"; a copy of one
        recipient's letter is named after it, with the party copied: "AL_OTH_3-2026_copy_GBR.pdf"."""
        if self.copy_of is not None:
            party = self.state.iso3 if self.state else str(self.id)
            return self.copy_of.file_name.replace(".pdf", f"_copy_{party}.pdf")
        return f"{(self.reference or f'letter-{self.id}').replace('/', '-').replace(' ', '_')}.pdf"


class LetterSignatory(LetterPart, db.Model):
    """A mandate holder, committee chair or official who signs, with their title."""

    __tablename__ = "letter_signatories"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(400))
    position: Mapped[int] = mapped_column(default=0)

    letter: Mapped[Letter] = relationship(back_populates="signatories")


class LetterAnnex(LetterPart, db.Model):
    """An annex printed after the letter, each on a new page."""

    __tablename__ = "letter_annexes"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    letter: Mapped[Letter] = relationship(back_populates="annexes")


class LetterBatch(LetterPart, db.Model):
    """PDFs made together and downloaded as one zip: the copies of a circular, one per Mission,
    or the final letters of many cases (`letter_id` empty)."""

    __tablename__ = "letter_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    # The final PDF the copies were made from: a batch of an earlier version is superseded.
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    letter: Mapped[Letter | None] = relationship()
    items: Mapped[list[LetterBatchItem]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="LetterBatchItem.id"
    )

    @property
    def is_circular(self) -> bool:
        return self.letter_id is not None

    @property
    def superseded(self) -> bool:
        return self.is_circular and self.source_sha256 != self.letter.final_pdf_sha256


class LetterBatchItem(db.Model):
    """One PDF of a batch: a Mission's copy of the circular, or one case's final letter."""

    __tablename__ = "letter_batch_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("letter_batches.id", ondelete="CASCADE"), index=True)
    state_id: Mapped[int | None] = mapped_column(ForeignKey("states.id"))  # circular copies
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))  # case letters
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))

    batch: Mapped[LetterBatch] = relationship(back_populates="items")
    state: Mapped[State | None] = relationship()
    letter: Mapped[Letter | None] = relationship(foreign_keys=[letter_id])
    job = relationship("JobRecord")

    @property
    def sha256(self) -> str | None:
        """The PDF this item stands for: its own copy, or the case letter's final PDF."""
        return self.pdf_sha256 if self.letter_id is None else self.letter.final_pdf_sha256
