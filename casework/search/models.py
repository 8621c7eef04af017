"""The search index: one row per thing a user can find (a case, a person, a letter, a reply)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.extensions import db


class SearchDocument(db.Model):
    """What the search box matches and shows for one record.

    `case_id` is the case that holds the record's access: a case itself, the case a letter
    belongs to, the communication a reply answers; empty for a person. The words are kept folded
    (`fold_text`), so accents and case never matter. The full-text index over `words` lives
    beside this table: an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL
    (see `casework.search.backends`). Derived data, rebuilt by `flask search reindex`, so not audited.
    """

    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_documents_case", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # case, person, letter, reply
    object_id: Mapped[int]
    case_id: Mapped[int | None]
    module: Mapped[str] = mapped_column(String(40))
    unit_id: Mapped[int | None]
    state_id: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(40), default="")
    doc_date: Mapped[date | None]
    title: Mapped[str] = mapped_column(String(300), default="")
    summary: Mapped[str] = mapped_column(String(400), default="")
    words: Mapped[str] = mapped_column(Text, default="")
