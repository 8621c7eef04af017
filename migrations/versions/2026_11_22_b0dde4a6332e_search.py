"""Full-text search: the documents table and its full-text index.

On SQLite an FTS5 table over the documents' words, kept in step by triggers; on PostgreSQL a
stored tsvector column with a GIN index. The index starts empty: run `flask search reindex` once
after upgrading a database that already holds records.

Revision ID: b0dde4a6332e
Revises: f320abb12897
Create Date: 2026-11-22 21:51:39.959551

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b0dde4a6332e'
down_revision = 'f320abb12897'
branch_labels = None
depends_on = None

# The same statements as casework.search.backends (migrations do not import the application).
SQLITE_DDL = (
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5(words, content='search_documents', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, words) VALUES (new.id, new.words); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, words) VALUES ('delete', old.id, old.words); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, words) VALUES ('delete', old.id, old.words); "
    "INSERT INTO search_fts(rowid, words) VALUES (new.id, new.words); END",
)
POSTGRESQL_DDL = (
    "ALTER TABLE search_documents ADD COLUMN words_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED",
    "CREATE INDEX ix_search_documents_words_tsv ON search_documents USING gin (words_tsv)",
)


def upgrade():
    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('module', sa.String(length=40), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('state_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('doc_date', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('kind', 'object_id', name=op.f('uq_search_documents_kind_object_id'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_case', ['case_id'], unique=False)
    for statement in SQLITE_DDL if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DDL:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")  # its triggers go with search_documents
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_case')

    op.drop_table('search_documents')
