"""person name keys

Revision ID: 92c2b5702557
Revises: f888ac518ea6
Create Date: 2026-11-22 18:50:06.315310

"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '92c2b5702557'
down_revision = 'f888ac518ea6'
branch_labels = None
depends_on = None


def _fold(text):
    """The application's fold_name() as of this revision (migrations never import the app)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(sorted(re.findall(r"\w+", plain)))


def upgrade():
    for table in ("person_names", "persons"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("name_key", sa.String(length=400), nullable=False, server_default=""))
            batch_op.create_index(batch_op.f(f"ix_{table}_name_key"), ["name_key"], unique=False)
    connection = op.get_bind()
    persons = sa.table("persons", sa.column("id"), sa.column("given_names"), sa.column("family_name"),
                       sa.column("name_key"))
    for row in connection.execute(sa.select(persons.c.id, persons.c.given_names, persons.c.family_name)):
        connection.execute(persons.update().where(persons.c.id == row.id)
                           .values(name_key=_fold(f"{row.given_names} {row.family_name}")))
    names = sa.table("person_names", sa.column("id"), sa.column("name"), sa.column("name_key"))
    for row in connection.execute(sa.select(names.c.id, names.c.name)):
        connection.execute(names.update().where(names.c.id == row.id).values(name_key=_fold(row.name)))
    for table in ("person_names", "persons"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("name_key", server_default=None)


def downgrade():
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_name_key'))
        batch_op.drop_column('name_key')

    with op.batch_alter_table('person_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_names_name_key'))
        batch_op.drop_column('name_key')

