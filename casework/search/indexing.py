"""Keeping the search index in step with the records, in the same transaction as the change.

After each flush, the records written (and those whose documents they change, such as the cases
of a renamed person) get their documents written again; deleted records lose theirs. A full
rebuild (`flask search reindex`) writes every document in batches.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, delete, event, insert, select, text, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casework.core.cases import Case
from casework.search.backends import bulk_writing
from casework.search.models import SearchDocument
from casework.search.sources import Document, Source, all_sources, prefetched_links

PENDING = "search_pending"
BATCH = 2000


def _sources_for(obj: Any) -> list[Source]:
    return [source for source in all_sources() if source.covers(obj)]


def _followers_of(obj: Any) -> Iterator[tuple[Source, Callable[[Any], Any]]]:
    for source in all_sources():
        for model, follow in source.follows:
            if isinstance(obj, model):
                yield source, follow


def _concerns_search(obj: Any) -> bool:
    return bool(_sources_for(obj)) or next(_followers_of(obj), None) is not None


@event.listens_for(Session, "after_flush")
def _collect_changes(session: Session, _context) -> None:
    """Note which records the flush wrote or deleted; their documents are written at the commit.

    Only identities are kept: the documents are built in a session of their own (see
    `_write_documents`), so that loading a case's persons here never leaves a stale collection
    on the objects the request is working with.
    """
    pending = session.info.setdefault(PENDING, {"changed": set(), "write": set(), "remove": set(), "cases": set()})
    # A record counts when it is new or one of its own columns changed: a person merely linked to
    # one more case (a collection on it changed) changes no document but that case's, which the new
    # link brings; taking the person would document again every case it is linked to.
    changed = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    for obj in list(session.new) + changed:
        if _concerns_search(obj):
            pending["changed"].add((type(obj), obj.id))
    for obj in session.deleted:
        for source in _sources_for(obj):
            pending["remove"].add((source.kind, obj.id))
        if isinstance(obj, Case):
            pending["cases"].add(obj.id)
        for source, follow in _followers_of(obj):
            pending["write"].update((all_sources().index(source), type(target), target.id) for target in follow(obj)
                                    if source.covers(target) and target not in session.deleted)
    gone = {(type(obj), obj.id) for obj in session.deleted}
    pending["changed"] -= gone
    pending["write"] = {(at, model, key) for at, model, key in pending["write"] if (model, key) not in gone}


@event.listens_for(Session, "before_commit")
def _write_documents(session: Session) -> None:
    """Write the documents of everything the transaction changed, each once.

    Once per transaction rather than per flush: registering a group of a hundred disappeared
    persons flushes hundreds of times, and each flush would document again every case sharing
    the authors — minutes of work, where once at the end takes a second.
    """
    session.flush()
    pending = session.info.pop(PENDING, None)
    if not pending or not any(pending.values()):
        return
    connection = session.connection()
    with Session(bind=connection, autoflush=False) as reader:
        targets: dict[tuple[str, type, int], tuple[Source, Any]] = {}
        for at, model, key in pending["write"]:
            source, target = all_sources()[at], reader.get(model, key)
            if target is not None:
                targets[(source.kind, model, key)] = (source, target)
        for model, key in pending["changed"]:
            obj = reader.get(model, key)
            if obj is None:
                continue
            for source in _sources_for(obj):
                targets[(source.kind, type(obj), obj.id)] = (source, obj)
            for source, follow in _followers_of(obj):
                for target in follow(obj):
                    if source.covers(target):
                        targets[(source.kind, type(target), target.id)] = (source, target)
        rows = [source.document(obj).row() for source, obj in targets.values()
                if not (isinstance(obj, Case) and obj.id in pending["cases"])]
    removed = pending["remove"] | {(row["kind"], row["object_id"]) for row in rows}
    if removed:
        connection.execute(delete(SearchDocument).where(
            tuple_(SearchDocument.kind, SearchDocument.object_id).in_(sorted(removed))))
    if pending["cases"]:
        connection.execute(delete(SearchDocument).where(SearchDocument.case_id.in_(sorted(pending["cases"]))))
    if rows:
        connection.execute(_upsert(connection), rows)


def _upsert(connection: Connection):
    """Insert the documents, or replace them where another transaction wrote the same one since
    this one deleted it (two requests changing the same case at once)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(SearchDocument)
    kept = ("id", "kind", "object_id")
    return stmt.on_conflict_do_update(index_elements=["kind", "object_id"],
                                      set_={c.name: stmt.excluded[c.name] for c in SearchDocument.__table__.columns
                                            if c.name not in kept and not c.computed})


@event.listens_for(Session, "after_transaction_end")
def _forget_documents(session: Session, transaction) -> None:
    """A transaction rolled back leaves no document to write."""
    if transaction.parent is None:
        session.info.pop(PENDING, None)


def reindex_all(session: Session) -> dict[str, int]:
    """Write every document again, in batches; returns how many of each kind. The caller commits."""
    connection = session.connection()
    written: dict[str, int] = {}
    with bulk_writing(connection):
        connection.execute(delete(SearchDocument))
        for source in all_sources():
            written[source.kind] = written.get(source.kind, 0) + _reindex_source(session, connection, source)
        _order_by_date(connection)
    return written


def _order_by_date(connection: Connection) -> None:
    """Number the documents from the oldest date to the newest, as the day-to-day writes do.

    A search for very common words shows the highest numbers first ("newest first"); written source
    by source, the last source (the reprisals, which almost no one may see) would come first.
    """
    columns = ", ".join(c.name for c in SearchDocument.__table__.columns if c.name != "id")
    connection.execute(text(f"CREATE TEMPORARY TABLE search_documents_sorted AS SELECT {columns} "
                            "FROM search_documents ORDER BY doc_date IS NOT NULL, doc_date, id"))
    connection.execute(delete(SearchDocument))
    connection.execute(text(f"INSERT INTO search_documents ({columns}) SELECT {columns} "
                            "FROM search_documents_sorted"))
    connection.execute(text("DROP TABLE search_documents_sorted"))


def _reindex_source(session: Session, connection: Connection, source: Source) -> int:
    count, last_id = 0, 0
    while True:
        ids = list(connection.scalars(source.rows().where(source.model.id > last_id)
                                      .order_by(source.model.id).limit(BATCH)))
        if not ids:
            return count
        connection.execute(insert(SearchDocument), [doc.row() for doc in _documents(session, connection, source, ids)])
        count += len(ids)
        last_id = ids[-1]
        session.expunge_all()


def _documents(session: Session, connection: Connection, source: Source, ids: list[int]) -> list[Document]:
    if source.bulk is not None:
        return source.bulk(connection, ids)
    records = session.scalars(select(source.model).where(source.model.id.in_(ids)).options(*source.load))
    if source.kind != "case":
        return [source.document(record) for record in records]
    with prefetched_links(connection, ids):
        return [source.document(record) for record in records]


@event.listens_for(Session, "after_soft_rollback")
def _forget_changes(session: Session, _previous_transaction) -> None:
    """A flush that failed leaves nothing to write: its records were never stored."""
    session.info.pop(PENDING, None)
