"""A saved search: the filters of one list, never its results."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.db import TimestampMixin
from casework.extensions import db

NAME_LENGTH = 120
QUERY_LENGTH = 2000


class SavedSearch(TimestampMixin, db.Model):
    """A named query string of one list. Shared with one of its owner's units when `unit_id` is set:
    the members of that unit then find it on the list and on My work, and each reads it as themselves."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    list_name: Mapped[str] = mapped_column(String(40))  # the exportable list's name, e.g. "communications"
    query: Mapped[str] = mapped_column(String(QUERY_LENGTH), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)

    owner = relationship("User", foreign_keys=[owner_id])
    unit = relationship("Unit", foreign_keys=[unit_id])

    def __str__(self) -> str:
        return self.name
