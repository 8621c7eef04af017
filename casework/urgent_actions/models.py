"""Urgent actions of the Committee on Enforced Disappearances (article 30 of the Convention).

An urgent action is a `Case`: the workflow engine, the audit trail, deadlines, letters and the
access policy apply to it as to every case. The disappeared person and the authors are persons of
the registry, linked with their role; the authors' identity is known only to the CED unit
(`casework.urgent_actions.permissions`).
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import RECORD_NAMES, Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType, utcnow
from casework.core.persons import Person, PersonRole
from casework.core.states import State
from casework.extensions import db


class UrgentActionStatus(enum.StrEnum):
    RECEIVED = "received"
    INFORMATION_REQUESTED = "information_requested"
    NOT_REGISTERED = "not_registered"
    FORWARDED_TO_WGEID = "forwarded_to_wgeid"
    REGISTERED = "registered"
    AWAITING_REPLY = "awaiting_reply"  # a note verbale or follow-up note went to the State
    MEETING_WITH_RAPPORTEURS = "meeting_with_rapporteurs"  # no reply after the last reminder
    REPLY_RECEIVED = "reply_received"
    IN_FOLLOW_UP = "in_follow_up"  # the reply went to the authors for comments
    LOCATED_ALIVE = "located_alive"  # and free: closed
    LOCATED_IN_DETENTION = "located_in_detention"  # kept open while the risk lasts
    LOCATED_DECEASED = "located_deceased"  # kept open for the investigation
    CLOSED_DECEASED = "closed_deceased"  # located deceased, closed
    DISCONTINUED = "discontinued"
    SUSPENDED = "suspended"


S = UrgentActionStatus
CLOSED = frozenset({S.LOCATED_ALIVE, S.CLOSED_DECEASED, S.DISCONTINUED})
NEVER_REGISTERED = frozenset({S.RECEIVED, S.INFORMATION_REQUESTED, S.NOT_REGISTERED, S.FORWARDED_TO_WGEID})
OPEN = frozenset(S) - CLOSED - NEVER_REGISTERED - {S.SUSPENDED}


class Located(enum.StrEnum):
    """Where the person was found; stays known whatever follow-up comes after."""

    ALIVE_AND_FREE = "alive_and_free"
    IN_DETENTION = "in_detention"
    DECEASED = "deceased"


LOCATED_LABELS = {
    Located.ALIVE_AND_FREE: _l("Located alive and free"),
    Located.IN_DETENTION: _l("Located in detention"),
    Located.DECEASED: _l("Located deceased"),
}


class Criterion(enum.StrEnum):
    """The registration criteria of article 30, checked one by one by the officer."""

    IN_WRITING = "in_writing"
    NOT_ANONYMOUS = "not_anonymous"
    WITHIN_JURISDICTION = "within_jurisdiction"  # in a State party, or of a national of one
    AFTER_ENTRY_INTO_FORCE = "after_entry_into_force"
    NOT_MANIFESTLY_UNFOUNDED = "not_manifestly_unfounded"
    NOT_AN_ABUSE = "not_an_abuse"
    REPORTED_NATIONALLY = "reported_nationally"  # to the competent national authorities
    NOT_BEFORE_OTHER_PROCEDURE = "not_before_other_procedure"


CRITERIA_LABELS = {
    Criterion.IN_WRITING: _l("Submitted in writing"),
    Criterion.NOT_ANONYMOUS: _l("Not anonymous"),
    Criterion.WITHIN_JURISDICTION: _l("Disappearance in a State party, or of a national of one"),
    Criterion.AFTER_ENTRY_INTO_FORCE: _l("Began after the Convention entered into force for the State"),
    Criterion.NOT_MANIFESTLY_UNFOUNDED: _l("Not manifestly unfounded"),
    Criterion.NOT_AN_ABUSE: _l("Not an abuse of the right to submit"),
    Criterion.REPORTED_NATIONALLY: _l("Already reported to the competent national authorities"),
    Criterion.NOT_BEFORE_OTHER_PROCEDURE: _l("Not being examined under another procedure of the same nature"),
}


class UrgentActionGroup(Audited, db.Model):
    """One event that brought several urgent actions at once (e.g. 43 students), one per person."""

    __tablename__ = "urgent_action_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # How many persons the group registers, and those still waiting while a large group is
    # registered in the background (`casework.urgent_actions.jobs`); None once all are registered.
    size: Mapped[int | None]
    waiting: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))

    # The persons waiting are named in the urgent actions themselves; the trail says only "changed".
    __audit_redacted__ = frozenset({"waiting"})

    members: Mapped[list[UrgentAction]] = relationship(
        back_populates="group", order_by="UrgentAction.number", foreign_keys="UrgentAction.group_id"
    )


class UrgentAction(Case):
    """A request that a disappeared person be sought and found."""

    __tablename__ = "urgent_actions"
    __table_args__ = (
        UniqueConstraint("registration_year", "number"),
        Index("ix_urgent_actions_state_year", "state_id", "registration_year"),
        # The list's order with its tie-break: a page read from the index alone; on PostgreSQL with
        # the States, which a State's list then tests in the index (SQLite reads the State's own).
        Index("ix_urgent_actions_registered", "registered_on", "id",
              postgresql_include=["state_id", "second_state_id"]),
        # A State's list names it as either State. Only the parallel registrations are indexed: SQLite's
        # statistics leave the empty values out of their count, took one State's for a third of the
        # table, and read every urgent action instead (33 ms at a million cases).
        Index("ix_urgent_actions_second_state_id", "second_state_id", sqlite_where=text("second_state_id IS NOT NULL"),
              postgresql_where=text("second_state_id IS NOT NULL")),
    )
    # Shown on the case's timeline as "changed", never with the values: they would name the authors.
    __audit_redacted__ = frozenset({"authors_relationship", "authors_contact"})

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int | None]
    registration_year: Mapped[int | None]
    received_on: Mapped[date]
    registered_on: Mapped[date | None]
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"), index=True)
    second_state_id: Mapped[int | None] = mapped_column(ForeignKey("states.id"))  # parallel registration
    group_id: Mapped[int | None] = mapped_column(ForeignKey("urgent_action_groups.id"), index=True)
    language: Mapped[str] = mapped_column(String(5), default="es")
    # The disappearance (one event; rarely one urgent action covers two persons).
    age_at_disappearance: Mapped[int | None]
    last_seen_on: Mapped[date | None]
    last_seen_place: Mapped[str] = mapped_column(String(300), default="")
    circumstances: Mapped[str] = mapped_column(Text, default="")
    alleged_perpetrators: Mapped[str] = mapped_column(Text, default="")
    other_procedures: Mapped[str] = mapped_column(Text, default="")
    protection_needs: Mapped[str] = mapped_column(Text, default="")
    # Authors: persons of the registry (role "author"); how they relate to the disappeared person
    # and how to reach them are known only to the CED unit.
    authors_relationship: Mapped[str] = mapped_column(String(300), default="")
    authors_contact: Mapped[str] = mapped_column(Text, default="")
    # The registration check: each criterion met or not, and the reason for the decision.
    criteria: Mapped[dict] = mapped_column(JSON, default=dict)
    decision_reason: Mapped[str] = mapped_column(Text, default="")

    state: Mapped[State] = relationship(foreign_keys=[state_id], lazy="joined")
    second_state: Mapped[State | None] = relationship(foreign_keys=[second_state_id])
    group: Mapped[UrgentActionGroup | None] = relationship(back_populates="members", foreign_keys=[group_id])
    # Undated complaints last on every database (SQLite and PostgreSQL disagree on where NULLs sort),
    # so the case page and the "Edit details" page, which corrects the first one, agree everywhere.
    complaints: Mapped[list[NationalComplaint]] = relationship(
        back_populates="urgent_action", cascade="all, delete-orphan",
        order_by=lambda: (NationalComplaint.filed_on.asc().nulls_last(), NationalComplaint.id),
    )
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="urgent_action", cascade="all, delete-orphan", order_by="Recommendation.id"
    )
    # Where each disappeared person was found: one line per person located (`Outcome`).
    outcomes: Mapped[list[Outcome]] = relationship(
        back_populates="urgent_action", cascade="all, delete-orphan", order_by="Outcome.id"
    )

    __mapper_args__ = {"polymorphic_identity": "urgent_action"}
    can_belong_to_a_case = False  # always a case of its own: listed with the simpler visibility condition
    detail_template = "urgent_actions/detail.html"
    # The note verbale goes to the State: the authors are never named in a letter's case data.
    roles_withheld_from_letters = frozenset({PersonRole.AUTHOR})
    # The authors are known to the CED unit and to those its supervisors assign (core.permissions).
    identities_guarded = True

    @property
    def type_label(self) -> str:
        return _("Urgent action")

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def disappeared(self) -> list:
        """The disappeared persons, in the order they were linked."""
        return [link.person for link in sorted(self.person_links, key=lambda link: link.id)
                if link.role is PersonRole.DISAPPEARED_PERSON]

    def outcome_of(self, person) -> Outcome | None:
        """Where `person` was found, if recorded."""
        return next((o for o in self.outcomes if o.person_id == person.id), None)

    @property
    def still_missing(self) -> list:
        """The disappeared persons with no outcome yet: the request stays open for them."""
        found = {o.person_id for o in self.outcomes}
        return [person for person in self.disappeared if person.id not in found]

    def letter_context(self) -> dict[str, str]:
        """Plain values for the letter templates. Never anything about the authors."""
        from casework.urgent_actions.letters import urgent_action_context

        return urgent_action_context(self)


def format_reference(number: int, year: int) -> str:
    """"UA 12/2026": the running number of the registration year."""
    return f"UA {number}/{year}"


class Outcome(Audited, db.Model):
    """Where one disappeared person of an urgent action was found, and when.

    One line per person: a request covering two persons has two outcomes, and the statistics count
    persons located, not requests. A later finding (released from detention) changes the line; the
    audit trail keeps what it said before."""

    __tablename__ = "urgent_action_outcomes"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("urgent_actions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    outcome: Mapped[Located] = mapped_column(StrEnumType(Located))
    located_on: Mapped[date] = mapped_column(index=True)  # persons located in a period
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    urgent_action: Mapped[UrgentAction] = relationship(back_populates="outcomes")
    person: Mapped[Person] = relationship()


# How the trail names these records ("Outcome of a disappeared person added"); the outcome itself
# is named in words where it changes ("Outcome: In detention → Alive and free").
RECORD_NAMES.update({"urgent_action_outcomes": _l("outcome of a disappeared person")})


class NationalComplaint(Audited, db.Model):
    """A report of the disappearance to a competent national authority."""

    __tablename__ = "urgent_action_complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("urgent_actions.id", ondelete="CASCADE"), index=True)
    authority: Mapped[str] = mapped_column(String(300))
    filed_on: Mapped[date | None]
    file_number: Mapped[str] = mapped_column(String(120), default="")

    urgent_action: Mapped[UrgentAction] = relationship(back_populates="complaints")


class RecommendationKind(enum.StrEnum):
    SEARCH = "search"
    INVESTIGATE = "investigate"
    PROTECT_RELATIVES = "protect_relatives"
    INTERIM_MEASURES = "interim_measures"
    OTHER = "other"


class ResponseStatus(enum.StrEnum):
    AWAITED = "awaited"
    IMPLEMENTED = "implemented"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    NOT_IMPLEMENTED = "not_implemented"
    NO_INFORMATION = "no_information"


class Recommendation(Audited, db.Model):
    """One recommendation to the State, sent at registration (round 0) or in a follow-up note."""

    __tablename__ = "urgent_action_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("urgent_actions.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(default=0)
    kind: Mapped[RecommendationKind] = mapped_column(StrEnumType(RecommendationKind))
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None]
    response_status: Mapped[ResponseStatus] = mapped_column(
        StrEnumType(ResponseStatus), default=ResponseStatus.AWAITED
    )
    state_response: Mapped[str] = mapped_column(Text, default="")
    responded_on: Mapped[date | None]

    urgent_action: Mapped[UrgentAction] = relationship(back_populates="recommendations")

