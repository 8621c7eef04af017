"""Saving, renaming, sharing and deleting a saved search; which ones a user finds."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select

from casework.core.writes import Refused
from casework.extensions import db
from casework.saved_searches.lists import saved_lists
from casework.saved_searches.models import QUERY_LENGTH, SavedSearch


def own_unit_ids(user) -> list[int]:
    """The units a user may share a search with: their own."""
    return [m.unit_id for m in user.memberships]


def readable(user, list_name: str | None = None) -> Select:
    """The saved searches `user` finds: their own, and those shared with one of their units."""
    units = own_unit_ids(user)
    mine = SavedSearch.owner_id == user.id
    stmt = select(SavedSearch).where(or_(mine, SavedSearch.unit_id.in_(units)) if units else mine)
    if list_name is not None:
        stmt = stmt.where(SavedSearch.list_name == list_name)
    return stmt.order_by(SavedSearch.name, SavedSearch.id)


def find(user, search_id: int) -> SavedSearch | None:
    """One saved search, if `user` finds it (else it is as if it did not exist)."""
    return db.session.scalar(readable(user).where(SavedSearch.id == search_id))


def _shared_with(user, unit_id: int | None) -> int | None:
    if not unit_id:
        return None
    if unit_id not in own_unit_ids(user):
        raise Refused(_("A search can be shared only with one of your own units."))
    return unit_id


def _unique(user, name: str, list_name: str, search_id: int | None = None) -> str:
    """A name the owner does not already give another search of the same list: the menu tells
    searches apart by name alone."""
    name = name.strip()
    taken = select(SavedSearch.id).where(SavedSearch.owner_id == user.id, SavedSearch.list_name == list_name,
                                         func.lower(SavedSearch.name) == name.lower(), SavedSearch.id != (search_id or 0))
    if db.session.scalar(taken.limit(1)) is not None:
        raise Refused(_("You already have a search of this list named “%(name)s”: choose another name.", name=name))
    return name


def save(user, name: str, list_name: str, query: str, unit_id: int | None) -> SavedSearch:
    """Keep the filters of a list under a name (the query string as the list's address had it)."""
    if list_name not in saved_lists():
        raise Refused(_("Searches of this list cannot be saved."))
    if len(query) > QUERY_LENGTH:
        raise Refused(_("These filters are too long to be saved."))
    search = SavedSearch(owner_id=user.id, name=_unique(user, name, list_name), list_name=list_name, query=query.lstrip("?"),
                         unit_id=_shared_with(user, unit_id))
    db.session.add(search)
    db.session.flush()
    return search


def _owned(user, search: SavedSearch) -> SavedSearch:
    if search.owner_id != user.id:
        raise Refused(_("Only the person who saved this search may change it."), forbidden=True)
    return search


def rename(user, search: SavedSearch, name: str, unit_id: int | None) -> SavedSearch:
    """A new name, and who it is shared with."""
    _owned(user, search)
    search.name = _unique(user, name, search.list_name, search.id)
    search.unit_id = _shared_with(user, unit_id)
    db.session.flush()
    return search


def delete(user, search: SavedSearch) -> None:
    db.session.delete(_owned(user, search))
    db.session.flush()
