"""Visits field offices make to places of detention, and what each records.

A visit is a case record (`Visit`, a `Case` subclass) owned by the field office, so the one
access policy, the workflow engine, the audit trail and letters apply to it as to every case.
Its parts (conditions, interviews, recommendations, follow-ups of earlier recommendations) show
on its timeline. The words for each value are defined here, next to it.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import RECORD_NAMES, Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType
from casework.core.persons import Person
from casework.detention.places.models import Facility
from casework.extensions import db


class VisitStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"  # by the head of office
    FINAL = "final"  # reviewed, and its summary report issued


class VisitKind(enum.StrEnum):
    FIRST = "first"
    FOLLOW_UP = "follow_up"


KIND_LABELS = {VisitKind.FIRST: _l("First visit"), VisitKind.FOLLOW_UP: _l("Follow-up visit")}


class Access(enum.StrEnum):
    GRANTED = "granted"
    RESTRICTED = "restricted"
    REFUSED = "refused"


ACCESS_LABELS = {Access.GRANTED: _l("Granted"), Access.RESTRICTED: _l("Restricted"), Access.REFUSED: _l("Refused")}


class ConditionItem(enum.StrEnum):
    """The conditions checklist of a visit, in the order the form and the report give them."""

    CELLS = "cells"
    OVERCROWDING = "overcrowding"
    FOOD = "food"
    WATER = "water"
    HEALTH = "health"
    ISOLATION = "isolation"
    ILL_TREATMENT = "ill_treatment"


CONDITION_LABELS = {
    ConditionItem.CELLS: _l("Cells and sleeping places"), ConditionItem.OVERCROWDING: _l("Overcrowding"),
    ConditionItem.FOOD: _l("Food"), ConditionItem.WATER: _l("Water and sanitation"), ConditionItem.HEALTH: _l("Health care"),
    ConditionItem.ISOLATION: _l("Isolation and solitary confinement"),
    ConditionItem.ILL_TREATMENT: _l("Allegations of ill-treatment"),
}


class Assessment(enum.StrEnum):
    NOT_ASSESSED = "not_assessed"
    ADEQUATE = "adequate"
    CONCERN = "concern"
    SERIOUS = "serious"


ASSESSMENT_LABELS = {Assessment.NOT_ASSESSED: _l("Not assessed"), Assessment.ADEQUATE: _l("Adequate"),
                     Assessment.CONCERN: _l("Concern"), Assessment.SERIOUS: _l("Serious")}

# The population on the day, in the order the form, the page and the report give it.
POPULATION_LABELS = {
    "pop_total": _l("Total held"), "pop_women": _l("Women"), "pop_men": _l("Men"), "pop_children": _l("Children"),
    "pop_pretrial": _l("Pre-trial"), "pop_sentenced": _l("Sentenced"), "pop_administrative": _l("Administrative"),
    "pop_foreigners": _l("Foreign nationals"),
}
POPULATION_FIELDS = tuple(POPULATION_LABELS)


VISIT_TYPE = "detention_visit"


class Visit(Case):
    """A visit of a field office's team to a place of detention."""

    __tablename__ = "detention_visits"
    __table_args__ = (
        Index("ix_detention_visits_facility_started", "facility_id", "started_on"),
        # The list's order with its tie-break: a page read from the index alone.
        Index("ix_detention_visits_started", "started_on", "id"),
    )

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    # "FO-COL/DV/2026/014": the visit's number, also its reference and its summary report's.
    # Unique, so two visits recorded at the same moment can never share a number.
    number: Mapped[str] = mapped_column(String(60), unique=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("detention_facilities.id"))
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    team: Mapped[str] = mapped_column(Text, default="")  # one member per line
    announced: Mapped[bool] = mapped_column(default=False)
    visit_kind: Mapped[VisitKind] = mapped_column(StrEnumType(VisitKind), default=VisitKind.FIRST)
    access: Mapped[Access] = mapped_column(StrEnumType(Access), default=Access.GRANTED)
    access_notes: Mapped[str] = mapped_column(Text, default="")  # restrictions, or the reasons given for refusal
    # The official capacity on the day: copied from the register when the visit is recorded, so
    # that the occupancy of past visits does not change when the register is updated.
    capacity: Mapped[int | None]
    pop_total: Mapped[int | None]
    pop_women: Mapped[int | None]
    pop_men: Mapped[int | None]
    pop_children: Mapped[int | None]
    pop_pretrial: Mapped[int | None]
    pop_sentenced: Mapped[int | None]
    pop_administrative: Mapped[int | None]
    pop_foreigners: Mapped[int | None]
    issues_raised: Mapped[str] = mapped_column(Text, default="")  # with the director, at the end of the visit
    authority_response: Mapped[str] = mapped_column(Text, default="")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]

    facility: Mapped[Facility] = relationship()
    conditions: Mapped[list[VisitCondition]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitCondition.id")
    recommendations: Mapped[list[VisitRecommendation]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitRecommendation.position",
        foreign_keys="VisitRecommendation.visit_id")
    follow_ups: Mapped[list[RecommendationFollowUp]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="RecommendationFollowUp.id")
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Interview.id")
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])
    reviewed_by = relationship("User", foreign_keys=[reviewed_by_id])

    __mapper_args__ = {"polymorphic_identity": VISIT_TYPE}
    detail_template = "detention/visit.html"
    can_belong_to_a_case = False  # always a case of its own: listed with the simpler visibility condition

    @property
    def type_label(self) -> str:
        return _("Detention visit")

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.visit_kind])

    @property
    def access_label(self) -> str:
        return str(ACCESS_LABELS[self.access])

    @property
    def population(self) -> list[tuple[str, int | None]]:
        """Who was held on the day, beyond the total: (label, number), in the report's order."""
        return [(str(POPULATION_LABELS[name]), getattr(self, name)) for name in POPULATION_FIELDS[1:]]

    @property
    def occupancy(self) -> int | None:
        """Persons held per 100 places on the day (above 100: overcrowded)."""
        if self.pop_total is None or not self.capacity:
            return None
        return round(self.pop_total * 100 / self.capacity)

    @property
    def form_key(self) -> str:
        """The key of this visit's form among the user's autosaved drafts."""
        return f"visit:{self.id}"

    def condition(self, item: ConditionItem) -> VisitCondition | None:
        return next((c for c in self.conditions if c.item is item), None)

    def letter_context(self) -> dict:
        """The visit as plain values, for its summary report (casework.detention.visits.letters)."""
        from casework.detention.visits.letters import visit_report_values

        return visit_report_values(self)


class VisitPart(Audited):
    """A record of a visit: its changes show on the visit's timeline."""

    @property
    def audit_case_id(self) -> int | None:
        return self.visit_id


class VisitCondition(VisitPart, db.Model):
    """One line of the conditions checklist: how the team assessed it, and what it saw."""

    __tablename__ = "detention_visit_conditions"
    __table_args__ = (UniqueConstraint("visit_id", "item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("detention_visits.id", ondelete="CASCADE"))
    item: Mapped[ConditionItem] = mapped_column(StrEnumType(ConditionItem))
    assessment: Mapped[Assessment] = mapped_column(StrEnumType(Assessment), default=Assessment.NOT_ASSESSED)
    note: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[Visit] = relationship(back_populates="conditions")

    @property
    def label(self) -> str:
        return CONDITION_LABELS[self.item]

    @property
    def assessment_label(self) -> str:
        return str(ASSESSMENT_LABELS[self.assessment])


class Consent(enum.StrEnum):
    """What the detainee agreed may be done with what they said (DOMAIN §2: consent is scoped)."""

    NAMED = "named"  # may be named
    NO_DETAILS = "no_details"  # used without identifying details
    NONE = "none"  # nothing attributable


CONSENT_LABELS = {Consent.NONE: _l("Nothing attributable"), Consent.NO_DETAILS: _l("May be used without details "
                  "that identify them"), Consent.NAMED: _l("May be named")}


class Interview(VisitPart, db.Model):
    """A detainee the team interviewed in private: confidential, seen only by those who may
    edit the visit; the person is in the persons registry (protected identity by default)."""

    __tablename__ = "detention_interviews"
    __audit_redacted__ = frozenset({"notes"})

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("detention_visits.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    consent: Mapped[Consent] = mapped_column(StrEnumType(Consent), default=Consent.NONE)
    in_private: Mapped[bool] = mapped_column(default=True)  # without guards or staff within earshot
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    visit: Mapped[Visit] = relationship(back_populates="interviews")
    person: Mapped[Person] = relationship()

    @property
    def consent_label(self) -> str:
        return str(CONSENT_LABELS[self.consent])


class RecommendationStatus(enum.StrEnum):
    OPEN = "open"  # not yet followed up
    IMPLEMENTED = "implemented"
    PARTIALLY_IMPLEMENTED = "partially_implemented"
    NOT_IMPLEMENTED = "not_implemented"
    NO_LONGER_RELEVANT = "no_longer_relevant"


RECOMMENDATION_STATUS_LABELS = {
    RecommendationStatus.OPEN: lazy_pgettext("recommendation", "Open"), RecommendationStatus.IMPLEMENTED: _l("Implemented"),
    RecommendationStatus.PARTIALLY_IMPLEMENTED: _l("Partially implemented"),
    RecommendationStatus.NOT_IMPLEMENTED: _l("Not implemented"),
    RecommendationStatus.NO_LONGER_RELEVANT: _l("No longer relevant"),
}

# Followed up no more once found in one of these states.
SETTLED = frozenset({RecommendationStatus.IMPLEMENTED, RecommendationStatus.NO_LONGER_RELEVANT})


class VisitRecommendation(VisitPart, db.Model):
    """A recommendation the team made at a visit, to the director or another authority."""

    __tablename__ = "detention_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("detention_visits.id", ondelete="CASCADE"), index=True)
    addressee: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date | None]
    # As found at the latest follow-up visit (visits.operations.refresh_status keeps it so); open until then.
    status: Mapped[RecommendationStatus] = mapped_column(
        StrEnumType(RecommendationStatus), default=RecommendationStatus.OPEN)
    position: Mapped[int] = mapped_column(default=0)

    visit: Mapped[Visit] = relationship(back_populates="recommendations", foreign_keys=[visit_id])
    follow_ups: Mapped[list[RecommendationFollowUp]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="RecommendationFollowUp.id")

    @property
    def status_label(self) -> str:
        return str(RECOMMENDATION_STATUS_LABELS[self.status])

    @property
    def settled(self) -> bool:
        return self.status in SETTLED

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.settled and self.deadline is not None and self.deadline < (today or date.today())


class RecommendationFollowUp(VisitPart, db.Model):
    """What a later visit found about an earlier recommendation."""

    __tablename__ = "detention_recommendation_follow_ups"
    __table_args__ = (UniqueConstraint("recommendation_id", "visit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("detention_recommendations.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("detention_visits.id", ondelete="CASCADE"), index=True)
    status: Mapped[RecommendationStatus] = mapped_column(StrEnumType(RecommendationStatus))
    note: Mapped[str] = mapped_column(Text, default="")

    recommendation: Mapped[VisitRecommendation] = relationship(back_populates="follow_ups")
    visit: Mapped[Visit] = relationship(back_populates="follow_ups")

    @property
    def status_label(self) -> str:
        return str(RECOMMENDATION_STATUS_LABELS[self.status])


RECORD_NAMES.update({
    "detention_visits": _l("visit"), "detention_visit_conditions": _l("condition"),
    "detention_interviews": _l("interview"), "detention_recommendations": _l("recommendation"),
    "detention_recommendation_follow_ups": _l("follow-up of a recommendation"),
})
