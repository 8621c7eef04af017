"""The full-text part of a search, one per database: SQLite FTS5 and PostgreSQL text search.

Both index the folded words of `search_documents` and take the same query: every word must
match, and words of PREFIX_FROM letters or more also match as the start of a longer word.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import (ColumnElement, Connection, Select, column, false, func, literal, literal_column, select, table,
                        text, union_all)

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
# PostgreSQL: every word of the index, kept in step by a trigger, so that a typed word that also
# matches longer ones is asked as the few words it starts (`_starting`). Asked as a start
# ("chidi:*"), a word makes the GIN index gather every document of every word it starts before
# the other words narrow them; asked as words, the index intersects their lists. Measured at
# 3,550,000 documents: a common given name and a family name, 49 ms as starts, 11 ms as words; a
# topic and a State, 67 ms and 6 ms. Two transactions finding the same new word may both write
# it: neither waits for the other (a unique index would make the second wait), and a word written
# twice, or left by a document since removed, only adds a word that finds nothing more.
POSTGRESQL_WORDS_DDL = (
    'CREATE TABLE IF NOT EXISTS search_words (word text COLLATE "C" NOT NULL)',
    "CREATE INDEX IF NOT EXISTS ix_search_words_word ON search_words (word)",
    "CREATE OR REPLACE FUNCTION search_words_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO search_words (word) SELECT w FROM unnest(tsvector_to_array(NEW.words_tsv)) AS w "
    "WHERE NOT EXISTS (SELECT FROM search_words s WHERE s.word = w); RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS search_documents_words ON search_documents",
    "CREATE TRIGGER search_documents_words AFTER INSERT OR UPDATE OF words ON search_documents "
    "FOR EACH ROW EXECUTE FUNCTION search_words_add()",
)
FILL_WORDS = ("INSERT INTO search_words (word) SELECT DISTINCT w FROM search_documents, "
              "unnest(tsvector_to_array(words_tsv)) AS w")
# A typed word starting more words of the index than this is asked as a start: the index reads
# every one of their lists either way, and a long list of words is slower to ask than the start.
STARTS_ASKED = 16
# What lives beside the models and the migrations-equal-models check leaves alone.
FTS_TABLES = frozenset({"search_fts", "search_fts_data", "search_fts_idx", "search_fts_docsize",
                        "search_fts_config", "search_fts_content", "search_words"})
FTS_COLUMNS = frozenset({"words_tsv"})
FTS_INDEXES = frozenset({"ix_search_documents_words_tsv", "ix_search_words_word"})


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
        connection.execute(text("DROP TRIGGER IF EXISTS search_documents_words ON search_documents"))
        yield
        connection.execute(text(POSTGRESQL_DDL[1]))
        connection.execute(text("DELETE FROM search_words"))
        connection.execute(text(FILL_WORDS))
        for statement in POSTGRESQL_WORDS_DDL[3:]:
            connection.execute(text(statement))


def create_full_text_index(connection: Connection) -> None:
    """Add the full-text index to a schema made by `create_all` (benchmarks); the migration does it otherwise."""
    ddl = SQLITE_DDL if connection.dialect.name == "sqlite" else POSTGRESQL_DDL + POSTGRESQL_WORDS_DDL
    for statement in ddl:
        connection.execute(text(statement))


@dataclass(frozen=True)
class Matching:
    """How to restrict a SELECT on SearchDocument to the matches; how good each match is (`rank`,
    best lowest, read with the newest matches to order them when they are all); and newest first,
    given as the ORDER BY the full-text index reads fastest (in index order, so a word found in
    half the documents costs no more than a rare one). `sorts`: newest first sorts every match
    the index finds rather than reading them in id order and stopping early (`query._newest`
    looks among the most recent documents first when the planner expects many). `reads`: the
    columns of the documents' table, beyond the mapped ones, that `apply` names. `wide`: a start
    of many words of the index asked alone, likely found in many documents, which the planner
    cannot tell (it expects as many of any start) and `query._newest` walks first. `costly_rank`:
    the rank reads every match of each word in the whole index (FTS5's bm25 counts the documents
    holding each: the newest 501 matches of "torture" at 1,000,000 cases, 11 ms with it, 0.2
    without), so the matches are read without it first (`query._newest`)."""

    apply: Callable[[Select], Select]
    rank: ColumnElement
    newest: ColumnElement
    sorts: bool = False
    reads: tuple[ColumnElement, ...] = ()
    wide: bool = False
    costly_rank: bool = False


def _sqlite(_connection: Connection, words: list[str], tags: list[str], any_tags: list[str]) -> Matching:
    fts = table("search_fts", column("rowid"), column("rank"))
    terms = [f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words] + [f'"{t}"' for t in tags]
    if any_tags:
        terms.append("(" + " OR ".join(f'"{t}"' for t in any_tags) + ")")
    expression = " AND ".join(terms)

    def apply(stmt: Select) -> Select:
        return stmt.join(fts, fts.c.rowid == SearchDocument.id).where(
            literal_column("search_fts").op("MATCH")(expression))

    return Matching(apply, fts.c.rank, fts.c.rowid.desc(), costly_rank=True)  # FTS5's bm25: lower is better


def _starting(connection: Connection, words: list[str]) -> dict[str, list[str]]:
    """The words of the index that each of `words` starts, up to STARTS_ASKED + 1 of each."""
    vocabulary = table("search_words", column("word"))
    asked = [select(literal(typed).label("typed"), vocabulary.c.word).distinct()
             .where(vocabulary.c.word.startswith(typed, autoescape=True))
             .order_by(vocabulary.c.word).limit(STARTS_ASKED + 1) for typed in words]
    starting: dict[str, list[str]] = {typed: [] for typed in words}
    if asked:
        for typed, word in connection.execute(union_all(*asked)):
            starting[typed].append(word)
    return starting


def _lexeme(word: str) -> str:
    """A word of the index quoted for `to_tsquery`, which could otherwise read it as an operator."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _asked(word: str, started: list[str] | None) -> str:
    """How `to_tsquery` is asked for a typed word that also matches longer ones: as the words of
    the index it starts or, when it starts too many or they were not looked up, as its start."""
    if started is None or len(started) > STARTS_ASKED:
        return f"{word}:*"
    return "(" + " | ".join(map(_lexeme, started)) + ")"


def _postgresql(connection: Connection, words: list[str], tags: list[str], any_tags: list[str]) -> Matching:
    vector = literal_column("search_documents.words_tsv")
    # A word asked alone is asked as its start: its words' lists are read whole either way, and the
    # planner, which expects more of several words than of a start, would then walk the table.
    alone = len(words) + len(tags) + bool(any_tags) == 1
    starting = _starting(connection, list(dict.fromkeys(w for w in words if len(w) >= PREFIX_FROM)))
    terms = [_asked(word, None if alone else starting[word]) if word in starting else word for word in words]
    terms += tags
    if any_tags:
        terms.append("(" + " | ".join(any_tags) + ")")
    if "()" in terms:  # a word that starts no word of the index: nothing matches, nothing is asked
        return Matching(lambda stmt: stmt.where(false()), literal(0), SearchDocument.id.desc())
    query = func.to_tsquery(literal_column("'simple'"), " & ".join(terms))

    def apply(stmt: Select) -> Select:
        return stmt.where(vector.op("@@")(query))

    # Newest first: for one word, walking the primary key backwards stops after the first matches;
    # for several, the planner misjudges how rare the combination is and walks most of the table
    # (120 ms measured), while the GIN index finds them all in 35 ms: "id + 0" steers it there.
    rank, reads = -func.ts_rank(vector, query), (literal_column("words_tsv"),)
    if len(terms) == 1:
        # "quel" starts 167 words of the index and 4 % of the documents at 1,000,000 cases: the
        # GIN index read 153,000 of them (900 ms) where the walk finds the newest 501 in 10 ms.
        wide = alone and len(starting.get(words[0], ())) > STARTS_ASKED
        return Matching(apply, rank, SearchDocument.id.desc(), reads=reads, wide=wide)
    return Matching(apply, rank, (SearchDocument.id + 0).desc(), sorts=True, reads=reads)


def matching(connection: Connection, words: list[str], tags: list[str] = (), any_tags: list[str] = ()) -> Matching:
    """The full-text condition for the database of `connection`: every word (or its start), every
    tag, and one of `any_tags` if given."""
    build = _sqlite if connection.dialect.name == "sqlite" else _postgresql
    return build(connection, list(words), list(tags), list(any_tags))


def beside_the_models(name: str | None, type_: str) -> bool:
    """Whether a table, column or index is the full-text index, which the models do not describe."""
    return (type_ == "table" and name in FTS_TABLES) or (type_ == "column" and name in FTS_COLUMNS) \
        or (type_ == "index" and name in FTS_INDEXES)
