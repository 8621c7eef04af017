"""The full-text part of a search, one per database: SQLite FTS5 and PostgreSQL text search.

Both index the folded words of `search_documents` and take the same query: every word must
match, and words of PREFIX_FROM letters or more also match as the start of a longer word.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Select, column, func, literal_column, table, text

from casework.search.models import SearchDocument
from casework.search.text import PREFIX_FROM

# FTS5 answers a word's start ("tort"*) from an index of its own when one is kept for that many
# letters; otherwise it reads and merges the whole list of every word that starts so, which grows
# with the data. Measured on 3,570,000 documents (1,000,000 cases, benchmarks/search.py): search
# p95 37 -> 26 ms, median 19 -> 12 ms; the full-text index takes about 5 times the space (1.1 GB
# there) and its rebuild 6 times as long. Past 12 letters few words share a start: merging is cheap.
PREFIX_LENGTHS = tuple(range(PREFIX_FROM, 13))
# The FTS5 table reads its text from search_documents (external content) and is kept in step by
# triggers, so every write to the documents, by the ORM or a bulk statement, reaches the index.
SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(words, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
    f"prefix='{' '.join(str(n) for n in PREFIX_LENGTHS)}')",
    "CREATE TRIGGER IF NOT EXISTS search_documents_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, words) VALUES (new.id, new.words); END",
    "CREATE TRIGGER IF NOT EXISTS search_documents_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, words) VALUES ('delete', old.id, old.words); END",
    "CREATE TRIGGER IF NOT EXISTS search_documents_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, words) VALUES ('delete', old.id, old.words); "
    "INSERT INTO search_fts(rowid, words) VALUES (new.id, new.words); END",
)
# A stored tsvector (computed by the database from the words) and its GIN index.
POSTGRESQL_DDL = (
    "ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS words_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_words_tsv ON search_documents USING gin (words_tsv)",
)
# What lives beside the models and the migrations-equal-models check leaves alone.
FTS_TABLES = frozenset({"search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize",
                        "search_fts_config", "search_fts_content"})
FTS_COLUMNS = frozenset({"words_tsv"})
FTS_INDEXES = frozenset({"ix_search_documents_words_tsv"})


@contextmanager
def bulk_writing(connection: Connection) -> Iterator[None]:
    """Rewrite every document in the block, then build the full-text index once, not row by row.

    Measured on 50,000 persons: FTS5 fed by its triggers row by row takes 13 s; its 'rebuild'
    command after a plain insert takes a fraction of that.
    """
    if connection.dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            connection.execute(text(f"DROP TRIGGER IF EXISTS search_documents_{trigger}"))
        yield
        connection.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
        for statement in SQLITE_DDL[1:]:
            connection.execute(text(statement))
    else:
        connection.execute(text("DROP INDEX IF EXISTS ix_search_documents_words_tsv"))
        yield
        connection.execute(text(POSTGRESQL_DDL[1]))


def create_full_text_index(connection: Connection) -> None:
    """Add the full-text index to a schema made by `create_all` (benchmarks); the migration does it otherwise."""
    ddl = SQLITE_DDL if connection.dialect.name == "sqlite" else POSTGRESQL_DDL
    for statement in ddl:
        connection.execute(text(statement))


@dataclass(frozen=True)
class Matching:
    """How to restrict a SELECT on SearchDocument to the matches, and two orders, each given as the
    ORDER BY the full-text index reads fastest: best first (ranking every match: for a few thousand
    matches) and newest first (read in index order, so a word found in half the documents costs no
    more than a rare one). `sorts`: newest first sorts every match the index finds rather than
    reading them in id order and stopping early (`query._newest` looks among the most recent
    documents first when the planner expects many). `reads`: the columns of the documents' table,
    beyond the mapped ones, that `apply` names."""

    apply: Callable[[Select], Select]
    rank: ColumnElement
    newest: ColumnElement
    sorts: bool = False
    reads: tuple[ColumnElement, ...] = ()


def _sqlite(words: list[str], tags: list[str], any_tags: list[str]) -> Matching:
    fts = table("search_fts", column("rowid"), column("rank"))
    terms = [f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words] + [f'"{t}"' for t in tags]
    if any_tags:
        terms.append("(" + " OR ".join(f'"{t}"' for t in any_tags) + ")")
    expression = " AND ".join(terms)

    def apply(stmt: Select) -> Select:
        return stmt.join(fts, fts.c.rowid == SearchDocument.id).where(
            literal_column("search_fts").op("MATCH")(expression))

    return Matching(apply, fts.c.rank, fts.c.rowid.desc())  # FTS5's bm25: lower is better


def _postgresql(words: list[str], tags: list[str], any_tags: list[str]) -> Matching:
    vector = literal_column("search_documents.words_tsv")
    terms = [f"{w}:*" if len(w) >= PREFIX_FROM else w for w in words] + tags
    if any_tags:
        terms.append("(" + " | ".join(any_tags) + ")")
    query = func.to_tsquery(literal_column("'simple'"), " & ".join(terms))

    def apply(stmt: Select) -> Select:
        return stmt.where(vector.op("@@")(query))

    # Newest first: for one word, walking the primary key backwards stops after the first matches;
    # for several, the planner misjudges how rare the combination is and walks most of the table
    # (120 ms measured), while the GIN index finds them all in 35 ms: "id + 0" steers it there.
    rank, reads = -func.ts_rank(vector, query), (literal_column("words_tsv"),)
    if len(terms) == 1:
        return Matching(apply, rank, SearchDocument.id.desc(), reads=reads)
    return Matching(apply, rank, (SearchDocument.id + 0).desc(), sorts=True, reads=reads)


def matching(dialect: str, words: list[str], tags: list[str] = (), any_tags: list[str] = ()) -> Matching:
    """The full-text condition for the database in use: every word (or its start), every tag, and
    one of `any_tags` if given."""
    build = _sqlite if dialect == "sqlite" else _postgresql
    return build(list(words), list(tags), list(any_tags))


def beside_the_models(name: str | None, type_: str) -> bool:
    """Whether a table, column or index is the full-text index, which the models do not describe."""
    return (type_ == "table" and name in FTS_TABLES) or (type_ == "column" and name in FTS_COLUMNS) \
        or (type_ == "index" and name in FTS_INDEXES)
