"""Individual cases raised with the authorities, and releases.

The Office reports releases disaggregated into women, men and children. They come from two
kinds of record:

- an individual case whose outcome is a release (`RELEASE_OUTCOMES`): one person, with their
  category (woman, man or child);
- an aggregate release record: counts of women, men and children for a country and a period
  (a COVID-19 release programme, a decongestion plan), for releases the Office contributed to
  without individual records.

A person can be in both: an individual case released under the same programme. The aggregate
record then *covers* that case (`CoveredRelease`, at most one aggregate per case), and the
totals count every person once: **the aggregate records' counts, plus the individual releases
that no aggregate record covers** (`casework.detention.cases.queries.release_totals`).
"""
from __future__ import annotations

import enum
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import RECORD_NAMES, Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType, TimestampMixin
from casework.core.persons import Person
from casework.core.states import State
from casework.core.units import Unit
from casework.detention.places.models import Facility
from casework.detention.visits.models import Visit
from casework.extensions import db


class DetentionCaseStatus(enum.StrEnum):
    OPEN = "open"
    RAISED = "raised"  # with the authorities
    OUTCOME_RECORDED = "outcome_recorded"
    CLOSED = "closed"


class CaseIssue(enum.StrEnum):
    NO_LEGAL_BASIS = "no_legal_basis"
    EXCESSIVE_PRETRIAL = "excessive_pretrial"
    ILL_TREATMENT = "ill_treatment"
    MEDICAL_NEED = "medical_need"
    CHILD_WITH_ADULTS = "child_with_adults"
    NO_ACCESS_TO_LAWYER = "no_access_to_lawyer"
    INCOMMUNICADO = "incommunicado"
    OTHER = "other"


ISSUE_LABELS = {
    CaseIssue.NO_LEGAL_BASIS: _l("No legal basis for the detention"),
    CaseIssue.EXCESSIVE_PRETRIAL: _l("Excessive pre-trial detention"),
    CaseIssue.ILL_TREATMENT: _l("Ill-treatment"), CaseIssue.MEDICAL_NEED: _l("Medical need"),
    CaseIssue.CHILD_WITH_ADULTS: _l("Child held with adults"),
    CaseIssue.NO_ACCESS_TO_LAWYER: _l("No access to a lawyer"),
    CaseIssue.INCOMMUNICADO: _l("Held incommunicado"), CaseIssue.OTHER: _l("Other"),
}


class CaseOutcome(enum.StrEnum):
    RELEASED = "released"
    TRANSFERRED = "transferred"
    CHARGES_DROPPED = "charges_dropped"
    EXPEDITED = "expedited"
    MEDICAL_CARE = "medical_care"
    ALTERNATIVE_TO_DETENTION = "alternative_to_detention"


OUTCOME_LABELS = {
    CaseOutcome.RELEASED: _l("Released"), CaseOutcome.TRANSFERRED: _l("Transferred"),
    CaseOutcome.CHARGES_DROPPED: _l("Charges dropped"), CaseOutcome.EXPEDITED: _l("Case expedited"),
    CaseOutcome.MEDICAL_CARE: _l("Medical care provided"),
    CaseOutcome.ALTERNATIVE_TO_DETENTION: _l("Alternative to detention"),
}

# The outcomes that count as a release: the person left detention. (Charges dropped does not by
# itself: the person may be held on other charges; when they are freed the outcome is "released".)
RELEASE_OUTCOMES = frozenset({CaseOutcome.RELEASED, CaseOutcome.ALTERNATIVE_TO_DETENTION})


class ReleaseCategory(enum.StrEnum):
    """How releases are reported: women, men and children (under 18)."""

    WOMAN = "woman"
    MAN = "man"
    CHILD = "child"


CATEGORY_LABELS = {ReleaseCategory.WOMAN: _l("Woman"), ReleaseCategory.MAN: _l("Man"), ReleaseCategory.CHILD: _l("Child")}


class DetentionCase(Case):
    """One detained person's situation, raised by a field office with the authorities."""

    __tablename__ = "detention_cases"

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("detention_facilities.id"), index=True)
    # The detained person; also linked to the case as "detainee" so the registry shows the case.
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("detention_visits.id"), index=True)  # where identified
    issue: Mapped[CaseIssue] = mapped_column(StrEnumType(CaseIssue))
    issue_details: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[date | None]
    raised_with: Mapped[str] = mapped_column(String(300), default="")  # the authority
    actions: Mapped[str] = mapped_column(Text, default="")  # what the Office did, in order
    outcome: Mapped[CaseOutcome | None] = mapped_column(StrEnumType(CaseOutcome))
    outcome_on: Mapped[date | None] = mapped_column(index=True)
    category: Mapped[ReleaseCategory | None] = mapped_column(StrEnumType(ReleaseCategory))

    facility: Mapped[Facility] = relationship()
    person: Mapped[Person] = relationship()
    visit: Mapped[Visit | None] = relationship(foreign_keys=[visit_id])
    covered_by: Mapped[CoveredRelease | None] = relationship(back_populates="case", uselist=False)

    __mapper_args__ = {"polymorphic_identity": "detention_case"}
    detail_template = "detention/case.html"
    can_belong_to_a_case = False  # always a case of its own: listed with the simpler visibility condition

    @property
    def type_label(self) -> str:
        return _("Individual case (detention)")

    @property
    def issue_label(self) -> str:
        return ISSUE_LABELS[self.issue]

    @property
    def outcome_label(self) -> str | None:
        return OUTCOME_LABELS[self.outcome] if self.outcome else None

    @property
    def category_label(self) -> str | None:
        return CATEGORY_LABELS[self.category] if self.category else None

    @property
    def is_release(self) -> bool:
        return self.outcome in RELEASE_OUTCOMES


class ReleaseSource(enum.StrEnum):
    COVID19 = "covid19"
    AMNESTY_OR_PARDON = "amnesty_or_pardon"
    DECONGESTION = "decongestion"
    JUDICIAL_REVIEW = "judicial_review"
    OTHER = "other"


SOURCE_LABELS = {
    ReleaseSource.COVID19: _l("COVID-19 release programme"), ReleaseSource.AMNESTY_OR_PARDON: _l("Amnesty or pardon"),
    ReleaseSource.DECONGESTION: _l("Decongestion plan"), ReleaseSource.JUDICIAL_REVIEW: _l("Judicial review of detentions"),
    ReleaseSource.OTHER: _l("Other"),
}


class AggregateRelease(Audited, TimestampMixin, db.Model):
    """Releases the Office contributed to, counted without individual records."""

    __tablename__ = "detention_aggregate_releases"
    __table_args__ = (
        Index("ix_detention_aggregate_releases_unit_end", "unit_id", "period_end"),
        CheckConstraint("women >= 0 AND men >= 0 AND children >= 0", name="counts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"))
    period_start: Mapped[date]
    # Figures per year count a record in the year its period ends.
    period_end: Mapped[date]
    source: Mapped[ReleaseSource] = mapped_column(StrEnumType(ReleaseSource))
    source_details: Mapped[str] = mapped_column(String(300), default="")  # e.g. "Decree 546 of 2020"
    women: Mapped[int] = mapped_column(default=0)
    men: Mapped[int] = mapped_column(default=0)
    children: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit: Mapped[Unit] = relationship()
    state: Mapped[State] = relationship()
    covered: Mapped[list[CoveredRelease]] = relationship(
        back_populates="aggregate", cascade="all, delete-orphan", order_by="CoveredRelease.id")

    @property
    def total(self) -> int:
        return self.women + self.men + self.children

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    def count_of(self, category: ReleaseCategory) -> int:
        return {ReleaseCategory.WOMAN: self.women, ReleaseCategory.MAN: self.men,
                ReleaseCategory.CHILD: self.children}[category]


class CoveredRelease(Audited, db.Model):
    """An individual release that an aggregate record already counts: the case is not counted
    again. A case is covered by one aggregate record at most."""

    __tablename__ = "detention_covered_releases"
    __table_args__ = (UniqueConstraint("case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    aggregate_id: Mapped[int] = mapped_column(
        ForeignKey("detention_aggregate_releases.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("detention_cases.id", ondelete="CASCADE"))

    aggregate: Mapped[AggregateRelease] = relationship(back_populates="covered")
    case: Mapped[DetentionCase] = relationship(back_populates="covered_by")


RECORD_NAMES.update({
    "detention_cases": _l("individual case"), "detention_aggregate_releases": _l("aggregate release record"),
    "detention_covered_releases": _l("release covered by an aggregate record"),
})
