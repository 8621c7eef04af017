"""Search on SQLite: the full-text index keeps an index of word starts, 3 to 12 letters long, so
that a word typed in part, or a common word that also matches longer ones ("torture" finds
"tortured"), is answered from it instead of merging every matching word's list; on a large
installation that merge grew with the data. The index is rebuilt here from the documents on file:
about 2 minutes for 3.5 million documents. PostgreSQL is unchanged.

Revision ID: f5a7c9e1b364
Revises: e8a0c2d4f617
Create Date: 2026-12-07 09:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f5a7c9e1b364'
down_revision = 'e8a0c2d4f617'
branch_labels = None
depends_on = None

# The table as casework.search.backends declares it (migrations do not import the application).
# Its triggers name it, and so still apply to the table made again.
CREATE = ("CREATE VIRTUAL TABLE search_fts USING fts5(words, content='search_documents', content_rowid='id', "
          "tokenize='unicode61 remove_diacritics 2'{prefix})")


def _make_again(prefix: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute(CREATE.format(prefix=prefix))
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def upgrade():
    _make_again(", prefix='3 4 5 6 7 8 9 10 11 12'")


def downgrade():
    _make_again("")
