"""The case record every procedure shares: unit, status, confidentiality, officer, version.

Each domain module subclasses `Case` (joined-table inheritance), so permissions, the audit
trail, deadlines, persons, attachments and "My work" work on every kind of case at once.
"""
from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from flask_babel import gettext as _
from sqlalchemy import DDL, ForeignKey, Index, String, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import Audited
from casework.core.db import TimestampMixin, utcnow
from casework.core.units import Unit
from casework.extensions import db


# What the access rule reads of a case besides its key. PostgreSQL's indexes of a kind's cases
# hold them too, so a list checks each case it reads from the index alone: counting a thousand of
# a state's visits read each one's row (8 ms at 200,000 cases) before, 0.4 ms after.
ACCESS_COLUMNS = ["parent_id", "confidential", "unit_id"]


class Case(Audited, TimestampMixin, db.Model):
    """A case record of any procedure."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_unit_status", "unit_id", "status"),
        # A kind's records by the day updated or made, with the key that keeps their order from page
        # to page (the special procedures' list, the register of letters): read in that order and
        # stopped at a page, not sorted whole.
        Index("ix_cases_type_updated_id", "case_type", "updated_at", "id", postgresql_include=ACCESS_COLUMNS),
        Index("ix_cases_type_created", "case_type", "created_at", "id", postgresql_include=ACCESS_COLUMNS),
        # A kind's records by reference (the register of letters sorted by it), and a kind's records
        # in one state (every list filtered by status, and its count): read from the index rather
        # than every record of the kind checked and sorted.
        Index("ix_cases_type_reference", "case_type", "reference", "id", postgresql_include=ACCESS_COLUMNS),
        Index("ix_cases_type_status", "case_type", "status", "id", postgresql_include=ACCESS_COLUMNS),
        # Everything the access rule reads, so long lists check it from the index alone.
        Index("ix_cases_access", "id", "unit_id", "confidential", "parent_id"),
        # The few confidential cases of a unit, which its long lists leave out (visible_in_unit), read
        # from the index alone: SQLite's indexes hold the id; PostgreSQL's is told to, or each of
        # those cases' rows is read for its id, three times for each page of a list.
        Index("ix_cases_unit_confidential", "unit_id", "confidential", postgresql_include=["id"]),
        # Only the records that belong to another case, looked up by it. Indexing every case, most
        # with no parent, led SQLite to take "no parent" for a rare value (its statistics leave
        # NULLs out) and to read every case through this index: 40 ms instead of 5 for a count of
        # the year's detention cases at 200,000 cases.
        # A kind's confidential cases, which a list typed to a deep page counts rather than asking the
        # policy of every row before it (list_keys.unseen_keys): 3 % of the cases. With their unit,
        # those of some units are read from the index alone (`pagination._offset_past_unseen`).
        Index("ix_cases_confidential", "case_type", "id", "unit_id", sqlite_where=text("confidential = 1"),
              postgresql_where=text("confidential")),
        Index("ix_cases_parent_id", "parent_id", sqlite_where=text("parent_id IS NOT NULL"),
              postgresql_where=text("parent_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_type: Mapped[str] = mapped_column(String(40))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    reference: Mapped[str | None] = mapped_column(String(60), index=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(40))
    confidential: Mapped[bool] = mapped_column(default=False)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # A record that belongs to another case (a letter of a communication) takes its access from it.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    # Optimistic locking: SQLAlchemy refuses an UPDATE whose version no longer matches.
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship(lazy="joined")
    officer = relationship("User", foreign_keys=[officer_id])
    assignments: Mapped[list[CaseAssignment]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    parent: Mapped[Case | None] = relationship(remote_side=[id], foreign_keys=[parent_id])

    __mapper_args__ = {"polymorphic_on": "case_type", "polymorphic_identity": "case", "version_id_col": version}
    # Whether records of this kind may belong to another case (a letter to its communication).
    # Kinds that never do are listed with a simpler visibility condition, which lets the
    # database start from their own indexes (a date, a place) instead of every case.
    can_belong_to_a_case: ClassVar[bool] = True

    @property
    def audit_case_id(self) -> int | None:
        return self.id

    @property
    def type_label(self) -> str:
        """The kind of case in the users' words; modules override."""
        return _("Case")

    @property
    def label(self) -> str:
        """How the case is named in headings: its reference; modules say what a case without one is."""
        return self.reference or f"#{self.id}"

    @property
    def status_label(self) -> str:
        """The current state in the users' words, as the workflow names it."""
        from casework.core.workflow import workflow_for

        return str(workflow_for(self).state_label(self.status))

    @property
    def url(self) -> str:
        """Where this case is shown; modules with their own page override."""
        from flask import url_for

        return url_for("cases.detail", case_id=self.id)

    def __str__(self) -> str:
        return f"{self.label} {self.title}"


# PostgreSQL's statistics of kinds and states together (migration b7d9f1a3c526), so that databases
# made from the models (tests, benchmarks) plan as a migrated one does. Without them it takes a
# kind's records in one state for the product of the two shares: the visits in one state for a
# tenth of their number at 1,000,000 cases, joined whole where reading the list's order stops at a page.
KIND_AND_STATE_STATISTICS = "CREATE STATISTICS st_cases_type_status (mcv, dependencies) ON case_type, status FROM cases"
event.listen(Case.__table__, "after_create", DDL(KIND_AND_STATE_STATISTICS).execute_if(dialect="postgresql"))


class CaseAssignment(Audited, db.Model):
    """An explicit assignment of a user to a case; the only way to see a confidential one."""

    __tablename__ = "case_assignments"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(back_populates="assignments")
    user = relationship("User", foreign_keys=[user_id])
