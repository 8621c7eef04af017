"""Individual communications to the treaty bodies: the case, its interim measures, decisions and
follow-up rounds."""
from __future__ import annotations

import enum
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.communications.committees import CommitteeRules, rules_for
from casework.core.audit import Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType, TimestampMixin
from casework.core.persons import PersonRole
from casework.core.states import State
from casework.extensions import db

CASE_TYPE = "communication"
SUBMISSION_LANGUAGES = {"en": _l("English"), "fr": _l("French"), "ru": _l("Russian"), "es": _l("Spanish")}


class CommunicationStatus(enum.StrEnum):
    RECEIVED = "received"
    CLARIFICATION_REQUESTED = "clarification_requested"
    NOT_REGISTERED = "not_registered"
    REGISTERED = "registered"
    TRANSMITTED = "transmitted"
    OBSERVATIONS_RECEIVED = "observations_received"
    COMMENTS_REQUESTED = "comments_requested"
    READY_FOR_DECISION = "ready_for_decision"
    ADMISSIBLE = "admissible"
    DECIDED = "decided"
    NOTIFIED = "notified"
    PUBLISHED = "published"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


class NotRegisteredReason(enum.StrEnum):
    STATE_NOT_PARTY = "state_not_party"
    ANONYMOUS = "anonymous"
    OUTSIDE_COMPETENCE = "outside_competence"
    BEFORE_ENTRY_INTO_FORCE = "before_entry_into_force"
    NO_REPLY_TO_CLARIFICATION = "no_reply_to_clarification"


class FollowUpOutcome(enum.StrEnum):
    SATISFACTORY = "satisfactory"
    UNSATISFACTORY = "unsatisfactory"


class Communication(Case):
    """A complaint to a committee; the unit is the committee. Numbered `n/yyyy` at registration."""

    __tablename__ = "communications"
    __table_args__ = (
        UniqueConstraint("committee_id", "year", "number", name="uq_communications_number"),
        # A State's communications by day received, with the key: the list filtered by State pages
        # and counts from the index alone, not from every row of the State's.
        Index("ix_communications_state_received", "state_id", "received_on", "id"),
        Index("ix_communications_committee_received", "committee_id", "received_on", "id"),
        Index("ix_communications_committee_registered", "committee_id", "registered_on", "id"),
        # Every committee's communications in the list's orders, for the readers of them all (the
        # secretariat): a page read in order, not the whole table sorted (250 ms at 200,000 cases).
        Index("ix_communications_received", "received_on", "id"),
        Index("ix_communications_registered", "registered_on", "id"),
        Index("ix_communications_number", "year", "number", "id"),
    )
    __mapper_args__ = {"polymorphic_identity": CASE_TYPE}
    can_belong_to_a_case = False  # always a case of its own: listed with the simpler visibility condition

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    # The committee's unit, repeated here so the numbering constraint and the lists need no join.
    committee_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # indexed with received_on
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"), index=True)
    number: Mapped[int | None]
    year: Mapped[int | None]
    received_on: Mapped[date]
    submitted_on: Mapped[date | None]
    registered_on: Mapped[date | None]  # the key figures count by it: ix_communications_registered
    submission_language: Mapped[str] = mapped_column(String(2), default="en")
    subject_matter: Mapped[str] = mapped_column(Text, default="")
    procedural_issues: Mapped[str] = mapped_column(Text, default="")
    articles_invoked: Mapped[list[str]] = mapped_column(JSON, default=list)  # e.g. ["CCPR-14-1"]
    domestic_remedies: Mapped[str] = mapped_column(Text, default="")
    confidentiality_requested: Mapped[bool] = mapped_column(default=False)  # initials in public output
    not_registered_reason: Mapped[NotRegisteredReason | None] = mapped_column(StrEnumType(NotRegisteredReason))
    advice_given: Mapped[str] = mapped_column(Text, default="")
    joined_to_id: Mapped[int | None] = mapped_column(ForeignKey("communications.id"), index=True)
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("communications.id"))
    follow_up_outcome: Mapped[FollowUpOutcome | None] = mapped_column(StrEnumType(FollowUpOutcome))

    state: Mapped[State] = relationship(lazy="joined")
    committee = relationship("Unit", foreign_keys=[committee_id], viewonly=True)
    joined_to: Mapped[Communication | None] = relationship(
        remote_side=[id], foreign_keys=[joined_to_id], back_populates="joined")
    joined: Mapped[list[Communication]] = relationship(foreign_keys=[joined_to_id], back_populates="joined_to")
    split_from: Mapped[Communication | None] = relationship(
        remote_side=[id], foreign_keys=[split_from_id], back_populates="split_parts")
    split_parts: Mapped[list[Communication]] = relationship(
        foreign_keys=[split_from_id], back_populates="split_from", order_by="Communication.id")
    interim_measures: Mapped[list[InterimMeasure]] = relationship(
        back_populates="communication", cascade="all, delete-orphan", order_by="InterimMeasure.id")
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="communication", cascade="all, delete-orphan", order_by="Decision.adopted_on")
    follow_up_rounds: Mapped[list[FollowUpRound]] = relationship(
        back_populates="communication", cascade="all, delete-orphan", order_by="FollowUpRound.number")

    detail_template = "communications/detail.html"

    @property
    def rules(self) -> CommitteeRules:
        return rules_for(self.unit)

    @property
    def number_label(self) -> str | None:
        """`2751/2016`, once registered."""
        return f"{self.number}/{self.year}" if self.number else None

    @property
    def type_label(self) -> str:
        return _("Communication")

    @property
    def label(self) -> str:
        return self.reference or f"Unregistered, received {self.received_on.isoformat()}"

    @property
    def final_decision(self) -> Decision | None:
        """The decision that ended the examination (an admissibility decision does not)."""
        final = [d for d in self.decisions if d.decision_type is not DecisionType.ADMISSIBLE]
        return final[-1] if final else None

    @property
    def submission_language_label(self) -> str:
        """The language the author wrote in, named in the reader's language."""
        return str(SUBMISSION_LANGUAGES.get(self.submission_language, self.submission_language))

    def persons_in(self, role: PersonRole) -> list:
        return [link.person for link in self.person_links if link.role == role]

    def letter_states(self) -> list[State]:
        """Whom a note verbale about the case goes to: the State party's Permanent Mission."""
        return [self.state]

    def letter_context(self) -> dict[str, str]:
        """Fields the letter types may use, as plain strings."""
        rules = self.rules
        decision = self.final_decision
        due = {d.kind: d.due_on.isoformat() for d in self.deadlines if d.is_open}
        return {
            **{f"{kind}_due": due.get(kind, "") for kind in
               ("state_observations", "admissibility_request", "author_comments", "follow_up_reply")},
            # The period's parts, not its English wording: the letter writes it in its own language.
            **({"follow_up_months": str(rules.follow_up_reply.months), "follow_up_days": str(rules.follow_up_reply.days)}
               if decision and decision.found_violation else {}),
            "committee": rules.name, "committee_fr": rules.name_in("fr"), "committee_es": rules.name_in("es"),
            "committee_code": rules.code, "author_term": rules.author_term,
            "decision_term": rules.decision_term, "number": self.number_label or "",
            "state": self.state.name, "articles": ", ".join(self.articles_invoked or []),
            "subject_matter": self.subject_matter, "received_on": self.received_on.isoformat(),
            "decision_symbol": decision.symbol if decision else "",
            "decision_date": decision.adopted_on.isoformat() if decision else "",
            "interim_measures": "; ".join(m.measure for m in self.interim_measures if m.status is MeasureStatus.GRANTED),
        }


class MeasureStatus(enum.StrEnum):
    REQUESTED = "requested"  # by the author
    GRANTED = "granted"  # requested of the State by the Special Rapporteur
    REFUSED = "refused"
    LIFTED = "lifted"


class Compliance(enum.StrEnum):
    UNKNOWN = "unknown"
    COMPLIED = "complied"
    NOT_COMPLIED = "not_complied"


class InterimMeasure(Audited, TimestampMixin, db.Model):
    """One interim-measures request, e.g. "do not deport while the case is examined"."""

    __tablename__ = "interim_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    communication_id: Mapped[int] = mapped_column(ForeignKey("communications.id", ondelete="CASCADE"), index=True)
    measure: Mapped[str] = mapped_column(String(300))
    requested_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[MeasureStatus] = mapped_column(StrEnumType(MeasureStatus), default=MeasureStatus.REQUESTED)
    decided_on: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    lifted_on: Mapped[date | None]
    compliance: Mapped[Compliance] = mapped_column(StrEnumType(Compliance), default=Compliance.UNKNOWN)
    notes: Mapped[str] = mapped_column(Text, default="")

    communication: Mapped[Communication] = relationship(back_populates="interim_measures")
    decided_by = relationship("User")

    workflow_key = "interim_measure"  # a part of its case, with a workflow of its own

    @property
    def part_of(self) -> Communication:
        return self.communication

    @property
    def audit_case_id(self) -> int:
        return self.communication_id


class DecisionType(enum.StrEnum):
    VIEWS_VIOLATION = "views_violation"
    VIEWS_NO_VIOLATION = "views_no_violation"
    INADMISSIBLE = "inadmissible"
    DISCONTINUED = "discontinued"
    ADMISSIBLE = "admissible"  # a separate admissibility decision; the merits follow
    FRIENDLY_SETTLEMENT = "friendly_settlement"


class Decision(Audited, TimestampMixin, db.Model):
    """A decision adopted by the committee at a session."""

    __tablename__ = "communication_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    communication_id: Mapped[int] = mapped_column(ForeignKey("communications.id", ondelete="CASCADE"), index=True)
    decision_type: Mapped[DecisionType] = mapped_column(StrEnumType(DecisionType))
    adopted_on: Mapped[date] = mapped_column(index=True)
    session: Mapped[int]
    symbol: Mapped[str] = mapped_column(String(80))
    articles_violated: Mapped[list[str]] = mapped_column(JSON, default=list)
    individual_opinions: Mapped[str] = mapped_column(Text, default="")
    members_not_participating: Mapped[str] = mapped_column(Text, default="")

    communication: Mapped[Communication] = relationship(back_populates="decisions")

    @property
    def audit_case_id(self) -> int:
        return self.communication_id

    @property
    def found_violation(self) -> bool:
        return self.decision_type is DecisionType.VIEWS_VIOLATION

    @property
    def label(self) -> str:
        """The kind of decision in the committee's own word ("Opinion – violation" for CERD)."""
        return self.communication.rules.decision_label(self.decision_type.value)


class Grade(enum.StrEnum):
    A = "A"  # largely satisfactory
    B = "B"  # partially satisfactory
    C = "C"  # not satisfactory
    D = "D"  # no cooperation
    E = "E"  # measures contrary to the Views


GRADE_LABELS = {
    Grade.A: _l("A — largely satisfactory"), Grade.B: _l("B — partially satisfactory"), Grade.C: _l("C — not satisfactory"),
    Grade.D: _l("D — no cooperation"), Grade.E: _l("E — measures contrary to the Views"),
}


class FollowUpRound(Audited, TimestampMixin, db.Model):
    """One round of follow-up: the State's reply, the author's comments, the committee's grade."""

    __tablename__ = "follow_up_rounds"
    __table_args__ = (UniqueConstraint("communication_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    communication_id: Mapped[int] = mapped_column(ForeignKey("communications.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    state_reply_on: Mapped[date | None]
    author_comments_on: Mapped[date | None]
    grade: Mapped[Grade | None] = mapped_column(StrEnumType(Grade))
    graded_on: Mapped[date | None]
    summary: Mapped[str] = mapped_column(Text, default="")

    communication: Mapped[Communication] = relationship(back_populates="follow_up_rounds")

    @property
    def audit_case_id(self) -> int:
        return self.communication_id

