"""The working groups on arbitrary detention (WGAD) and on enforced disappearances (WGEID), DOMAIN §6.

Each working group is a unit of kind MANDATE; its cases are `Case`s of that unit, so the workflow
engine, the audit trail, deadlines, persons, letters and the one access policy apply to them as to
every case. The detained and the disappeared are persons of the registry. The source is known only
to the working group's unit (`casework.working_groups.permissions`) and is never put in a letter.
"""
from __future__ import annotations

import enum
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from casework.core.audit import RECORD_NAMES, Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType
from casework.core.deadlines import add_months
from casework.core.persons import PersonRole
from casework.core.states import State
from casework.extensions import db

WGAD_CODE, WGEID_CODE = "WGAD", "WGEID"
CATEGORIES = ("I", "II", "III", "IV", "V")
CATEGORY_LABELS = {
    "I": _l("No legal basis can be invoked to justify the deprivation of liberty"),
    "II": _l("It results from the exercise of rights or freedoms (UDHR arts. 7, 13, 14, 18–21; ICCPR arts. 12, "
          "18, 19, 21, 22, 25–27)"),
    "III": _l("Total or partial non-observance of the norms relating to the right to a fair trial"),
    "IV": _l("Prolonged administrative custody of asylum seekers, immigrants or refugees without review or remedy"),
    "V": _l("Discrimination on the grounds of birth, origin, sex, language, religion, opinion, status or other"),
}
URGENT_WINDOW_MONTHS = 3  # WGEID: the urgent procedure covers disappearances within the last 3 months


class Member(Audited, db.Model):
    """A member of a working group, with the State of which they are a national."""

    __tablename__ = "wg_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"))
    active: Mapped[bool] = mapped_column(default=True)

    state: Mapped[State] = relationship(lazy="joined")

    @property
    def audit_case_id(self) -> int | None:
        return None

    def __str__(self) -> str:
        return f"{self.name} ({self.state.name})"


class WorkingGroupCase(Case):
    """What both working groups record: the State, the source, when it came in. Not a table."""

    __abstract__ = True
    # Shown on the timeline as "changed", never with the values: they would name the source.
    __audit_redacted__ = frozenset({"source_name", "source_contact"})
    can_belong_to_a_case = False
    detail_template = "working_groups/detail.html"
    # The source is never named in a letter: letters go to the Government.
    roles_withheld_from_letters = frozenset({PersonRole.SOURCE})
    # The source is known to the group's unit and to those its supervisors assign (core.permissions).
    identities_guarded = True
    subject_role: PersonRole

    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"))
    received_on: Mapped[date] = mapped_column(index=True)
    language: Mapped[str] = mapped_column(String(5), default="en")
    source_name: Mapped[str] = mapped_column(String(300), default="")
    source_contact: Mapped[str] = mapped_column(Text, default="")
    transmitted_on: Mapped[date | None]
    reply_received_on: Mapped[date | None]

    @declared_attr
    def state(cls) -> Mapped[State]:
        return relationship(lazy="joined")

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        """The lists and figures read a group's cases by State and date received."""
        return (Index(f"ix_{cls.__tablename__}_state_received", "state_id", "received_on"),)

    @property
    def subjects(self) -> list:
        """The detained or disappeared persons, in the order they were linked."""
        return [link.person for link in sorted(self.person_links, key=lambda link: link.id)
                if link.role is self.subject_role]

    def letter_states(self) -> list[State]:
        return [self.state]


class DetentionStatus(enum.StrEnum):
    RECEIVED = "received"
    TRANSMITTED = "transmitted"
    REPLY_RECEIVED = "reply_received"
    NO_REPLY = "no_reply"
    SOURCE_COMMENTS = "source_comments"
    OPINION_ADOPTED = "opinion_adopted"
    SENT_TO_GOVERNMENT = "sent_to_government"
    SENT_TO_SOURCE = "sent_to_source"
    PUBLISHED = "published"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"
    FILED = "filed"


class DetentionCommunication(WorkingGroupCase):
    """A regular communication of the Working Group on Arbitrary Detention."""

    __tablename__ = "wgad_communications"

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    place_of_detention: Mapped[str] = mapped_column(String(300), default="")
    arrested_on: Mapped[date | None]
    legal_basis: Mapped[str] = mapped_column(Text, default="")  # as invoked by the authorities
    summary: Mapped[str] = mapped_column(Text, default="")

    opinion: Mapped[Opinion | None] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                   uselist=False)
    reviews: Mapped[list[ReviewRequest]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                        order_by="ReviewRequest.received_on")

    __mapper_args__ = {"polymorphic_identity": "wgad_communication"}
    subject_role = PersonRole.ALLEGED_VICTIM

    @property
    def type_label(self) -> str:
        return _("Arbitrary detention: regular communication")

    def letter_context(self) -> dict:
        from casework.working_groups.letters import detention_context

        return detention_context(self)


class Outcome(enum.StrEnum):
    ARBITRARY = "arbitrary"
    NOT_ARBITRARY = "not_arbitrary"
    FILED = "filed"


OUTCOME_LABELS = {Outcome.ARBITRARY: _l("Arbitrary"), Outcome.NOT_ARBITRARY: _l("Not arbitrary"),
                  Outcome.FILED: _l("Filed")}


class Opinion(Audited, db.Model):
    """The opinion adopted at a session: `Opinion No. n/yyyy`, numbered per year of adoption."""

    __tablename__ = "wgad_opinions"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("wgad_communications.id", ondelete="CASCADE"), unique=True)
    number: Mapped[int]
    year: Mapped[int]
    session: Mapped[int]  # the Working Group's session number (three a year)
    adopted_on: Mapped[date]
    outcome: Mapped[Outcome] = mapped_column(StrEnumType(Outcome))
    categories: Mapped[str] = mapped_column(String(20), default="")  # "I,II,III" when arbitrary
    sent_to_government_on: Mapped[date | None]
    sent_to_source_on: Mapped[date | None]
    published_on: Mapped[date | None]

    case: Mapped[DetentionCommunication] = relationship(back_populates="opinion")
    members: Mapped[list[OpinionMember]] = relationship(back_populates="opinion", cascade="all, delete-orphan",
                                                        order_by="OpinionMember.id")

    @property
    def label(self) -> str:
        return f"Opinion No. {self.number}/{self.year}"

    @property
    def category_list(self) -> list[str]:
        return [c for c in self.categories.split(",") if c]

    @property
    def not_taking_part(self) -> list[Member]:
        return [row.member for row in self.members if not row.took_part]


class OpinionMember(Audited, db.Model):
    """Whether one member of the Working Group took part in adopting an opinion."""

    __tablename__ = "wgad_opinion_members"
    __table_args__ = (UniqueConstraint("opinion_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opinion_id: Mapped[int] = mapped_column(ForeignKey("wgad_opinions.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("wg_members.id"))
    took_part: Mapped[bool] = mapped_column(default=True)

    opinion: Mapped[Opinion] = relationship(back_populates="members")
    member: Mapped[Member] = relationship(lazy="joined")


class ReviewRequest(Audited, db.Model):
    """An exceptional request to review an opinion, from the Government or the source."""

    __tablename__ = "wgad_review_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("wgad_communications.id", ondelete="CASCADE"), index=True)
    requested_by: Mapped[str] = mapped_column(String(20))  # "government" or "source"
    received_on: Mapped[date]
    grounds: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[DetentionCommunication] = relationship(back_populates="reviews")


class Procedure(enum.StrEnum):
    URGENT = "urgent"
    STANDARD = "standard"


class DisappearanceStatus(enum.StrEnum):
    RECEIVED = "received"
    OUTSTANDING = "outstanding"  # transmitted to the Government; fate and whereabouts not established
    REPLY_RECEIVED = "reply_received"
    AWAITING_OBJECTION = "awaiting_objection"  # a reply that would clarify, forwarded: six-month rule
    CLARIFIED = "clarified"
    DISCONTINUED = "discontinued"


class DisappearanceCase(WorkingGroupCase):
    """A case of the Working Group on Enforced or Involuntary Disappearances: one disappearance."""

    __tablename__ = "wgeid_cases"

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    disappeared_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(300), default="")
    circumstances: Mapped[str] = mapped_column(Text, default="")
    procedure: Mapped[Procedure] = mapped_column(StrEnumType(Procedure))
    session: Mapped[int | None]  # standard procedure: the session that decided to transmit
    reply_forwarded_on: Mapped[date | None]
    clarification: Mapped[str] = mapped_column(Text, default="")  # the fate or whereabouts established
    clarified_on: Mapped[date | None]
    discontinuation_reason: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"polymorphic_identity": "wgeid_case"}
    subject_role = PersonRole.DISAPPEARED_PERSON

    @property
    def type_label(self) -> str:
        return _("Enforced disappearance: urgent case") if self.procedure is Procedure.URGENT \
            else _("Enforced disappearance: standard case")

    @property
    def urgent_eligible(self) -> bool:
        return urgent_eligible(self.disappeared_on, self.received_on)

    def letter_context(self) -> dict:
        from casework.working_groups.letters import disappearance_context

        return disappearance_context(self)


def urgent_until(disappeared_on: date) -> date:
    """The last day a disappearance can be received under the urgent procedure."""
    return add_months(disappeared_on, URGENT_WINDOW_MONTHS)


def urgent_eligible(disappeared_on: date, received_on: date) -> bool:
    """Within the last three months when received (DOMAIN §6)."""
    return disappeared_on <= received_on <= urgent_until(disappeared_on)


RECORD_NAMES.update({
    "wg_members": "working group member", "wgad_communications": "arbitrary detention communication",
    "wgad_opinions": "opinion", "wgad_opinion_members": "member taking part", "wgad_review_requests":
    "review request", "wgeid_cases": "disappearance case",
})
