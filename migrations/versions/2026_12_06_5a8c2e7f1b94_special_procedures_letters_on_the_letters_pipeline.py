"""Special-procedures communications become letters of the letters pipeline.

Each communication gets its `letters` row (language, date sent); its addressees and the States
copied on a non-State actor's letter become `letter_addressees` rows, each with its own reference
and PDFs; the signature blocks fixed at sending become `letter_signatories`; replies point to the
letter's addressee. References, PDFs and replies are kept as they were.

Revision ID: 5a8c2e7f1b94
Revises: 3b7e1c9a5d20
Create Date: 2026-12-06 11:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5a8c2e7f1b94'
down_revision = '3b7e1c9a5d20'
branch_labels = None
depends_on = None

SP_TYPE = "sp_communication"


def _tables(connection) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    names = ("letters", "letter_addressees", "letter_signatories", "sp_communications", "sp_addressees",
             "sp_addressee_copies", "sp_replies", "sp_cosignatures", "states")
    return {name: sa.Table(name, metadata, autoload_with=connection) for name in names}


def upgrade():
    with op.batch_alter_table("letter_addressees") as batch_op:
        batch_op.add_column(sa.Column("contact_name", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("copy_of_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reference", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("pdf_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("pdf_size", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("public_pdf_sha256", sa.String(length=64), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_letter_addressees_copy_of_id_letter_addressees"),
                                    "letter_addressees", ["copy_of_id"], ["id"], ondelete="CASCADE")
        batch_op.create_index(batch_op.f("ix_letter_addressees_copy_of_id"), ["copy_of_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_letter_addressees_reference"), ["reference"], unique=True)
    with op.batch_alter_table("letter_addressees") as batch_op:
        batch_op.alter_column("contact_name", server_default=None)
    with op.batch_alter_table("letters") as batch_op:
        batch_op.create_index(batch_op.f("ix_letters_sent_on"), ["sent_on"], unique=False)

    with op.batch_alter_table("sp_replies") as batch_op:
        batch_op.drop_constraint("fk_sp_replies_addressee_id_sp_addressees", type_="foreignkey")
    _move_to_letters(op.get_bind())
    with op.batch_alter_table("sp_replies") as batch_op:
        batch_op.create_foreign_key(batch_op.f("fk_sp_replies_addressee_id_letter_addressees"),
                                    "letter_addressees", ["addressee_id"], ["id"], ondelete="SET NULL")
    op.drop_table("sp_addressee_copies")
    op.drop_table("sp_addressees")
    with op.batch_alter_table("sp_cosignatures") as batch_op:
        batch_op.drop_column("signatory_name")
        batch_op.drop_column("signatory_title")
    with op.batch_alter_table("sp_communications") as batch_op:
        batch_op.drop_index("ix_sp_communications_sent")
        batch_op.drop_column("sent_on")
        batch_op.drop_column("language")
        batch_op.drop_constraint("fk_sp_communications_id_cases", type_="foreignkey")
        batch_op.create_foreign_key(batch_op.f("fk_sp_communications_id_letters"), "letters", ["id"], ["id"],
                                    ondelete="CASCADE")


def _move_to_letters(connection) -> None:
    t = _tables(connection)
    comms = connection.execute(sa.select(t["sp_communications"])).mappings().all()
    for comm in comms:
        connection.execute(t["letters"].insert().values(
            id=comm["id"], letter_type=SP_TYPE, kind="letter", language=comm["language"], body="",
            letter_date=comm["sent_on"], sent_on=comm["sent_on"]))
    moved: dict[int, int] = {}  # sp_addressees.id → letter_addressees.id
    mission = dict(connection.execute(sa.select(t["states"].c.id, t["states"].c.mission_name)).all())
    copies = connection.execute(sa.select(t["sp_addressee_copies"]).order_by(t["sp_addressee_copies"].c.id)) \
        .mappings().all()
    position: dict[int, int] = {}
    addressees = t["sp_addressees"]
    for row in connection.execute(sa.select(addressees).order_by(addressees.c.communication_id,
                                                                 addressees.c.position, addressees.c.id)).mappings().all():
        letter_id = row["communication_id"]
        at = position.get(letter_id, 0)
        new_id = connection.execute(t["letter_addressees"].insert().values(
            letter_id=letter_id, kind=row["kind"], state_id=row["state_id"],
            name=(mission.get(row["state_id"]) or row["name"]) if row["state_id"] else row["name"],
            contact_name=row["contact_name"], address=row["address"], is_copy=False, position=at,
            reference=row["reference"], pdf_sha256=row["pdf_sha256"], pdf_size=row["pdf_size"],
            public_pdf_sha256=row["public_pdf_sha256"])).inserted_primary_key[0]
        moved[row["id"]] = new_id
        at += 1
        for copy in (c for c in copies if c["addressee_id"] == row["id"]):
            connection.execute(t["letter_addressees"].insert().values(
                letter_id=letter_id, kind="state", state_id=copy["state_id"], name=mission.get(copy["state_id"], ""),
                contact_name="", address="", is_copy=True, copy_of_id=new_id, position=at,
                pdf_sha256=row["pdf_sha256"], pdf_size=row["pdf_size"], public_pdf_sha256=row["public_pdf_sha256"]))
            at += 1
        position[letter_id] = at
    replies = t["sp_replies"]
    for old, new in moved.items():
        connection.execute(replies.update().where(replies.c.addressee_id == old).values(addressee_id=new))
    cosignatures = t["sp_cosignatures"]
    signed = connection.execute(sa.select(cosignatures).where(cosignatures.c.signatory_name != "")
                                .order_by(cosignatures.c.communication_id, cosignatures.c.position)).mappings().all()
    blocks: dict[int, int] = {}
    for row in signed:
        at = blocks.get(row["communication_id"], 0)
        connection.execute(t["letter_signatories"].insert().values(
            letter_id=row["communication_id"], name=row["signatory_name"], title=row["signatory_title"], position=at))
        blocks[row["communication_id"]] = at + 1


def downgrade():
    with op.batch_alter_table("sp_communications") as batch_op:
        batch_op.drop_constraint("fk_sp_communications_id_letters", type_="foreignkey")
        batch_op.create_foreign_key("fk_sp_communications_id_cases", "cases", ["id"], ["id"], ondelete="CASCADE")
        batch_op.add_column(sa.Column("language", sa.String(length=5), nullable=False, server_default="en"))
        batch_op.add_column(sa.Column("sent_on", sa.Date(), nullable=True))
        batch_op.create_index("ix_sp_communications_sent", ["sent_on"], unique=False)
    with op.batch_alter_table("sp_cosignatures") as batch_op:
        batch_op.add_column(sa.Column("signatory_name", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("signatory_title", sa.String(length=300), nullable=False, server_default=""))
    op.create_table(
        "sp_addressees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("communication_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("pdf_size", sa.BigInteger(), nullable=True),
        sa.Column("public_pdf_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["communication_id"], ["sp_communications.id"],
                                name="fk_sp_addressees_communication_id_sp_communications", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["state_id"], ["states.id"], name="fk_sp_addressees_state_id_states"),
        sa.PrimaryKeyConstraint("id", name="pk_sp_addressees"),
        sa.UniqueConstraint("reference", name="uq_sp_addressees_reference"),
    )
    with op.batch_alter_table("sp_addressees") as batch_op:
        batch_op.create_index("ix_sp_addressees_communication_id", ["communication_id"], unique=False)
        batch_op.create_index("ix_sp_addressees_state_id", ["state_id"], unique=False)
    op.create_table(
        "sp_addressee_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("addressee_id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["addressee_id"], ["sp_addressees.id"],
                                name="fk_sp_addressee_copies_addressee_id_sp_addressees", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["state_id"], ["states.id"], name="fk_sp_addressee_copies_state_id_states"),
        sa.PrimaryKeyConstraint("id", name="pk_sp_addressee_copies"),
    )
    with op.batch_alter_table("sp_addressee_copies") as batch_op:
        batch_op.create_index("ix_sp_addressee_copies_addressee_id", ["addressee_id"], unique=False)
        batch_op.create_index("ix_sp_addressee_copies_state_id", ["state_id"], unique=False)

    with op.batch_alter_table("sp_replies") as batch_op:
        batch_op.drop_constraint("fk_sp_replies_addressee_id_letter_addressees", type_="foreignkey")
    _move_back(op.get_bind())
    with op.batch_alter_table("sp_replies") as batch_op:
        batch_op.create_foreign_key("fk_sp_replies_addressee_id_sp_addressees", "sp_addressees",
                                    ["addressee_id"], ["id"], ondelete="SET NULL")
    with op.batch_alter_table("letters") as batch_op:
        batch_op.drop_index(batch_op.f("ix_letters_sent_on"))
    with op.batch_alter_table("letter_addressees") as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_addressees_reference"))
        batch_op.drop_index(batch_op.f("ix_letter_addressees_copy_of_id"))
        batch_op.drop_constraint("fk_letter_addressees_copy_of_id_letter_addressees", type_="foreignkey")
        batch_op.drop_column("public_pdf_sha256")
        batch_op.drop_column("pdf_size")
        batch_op.drop_column("pdf_sha256")
        batch_op.drop_column("reference")
        batch_op.drop_column("copy_of_id")
        batch_op.drop_column("contact_name")


def _move_back(connection) -> None:
    t = _tables(connection)
    letters, comms = t["letters"], t["sp_communications"]
    for row in connection.execute(sa.select(letters.c.id, letters.c.language, letters.c.sent_on)
                                  .where(letters.c.letter_type == SP_TYPE)).mappings().all():
        connection.execute(comms.update().where(comms.c.id == row["id"])
                           .values(language=row["language"], sent_on=row["sent_on"]))
    signatories, cosignatures = t["letter_signatories"], t["sp_cosignatures"]
    for comm_id in connection.execute(sa.select(comms.c.id)).scalars().all():
        blocks = connection.execute(sa.select(signatories).where(signatories.c.letter_id == comm_id)
                                    .order_by(signatories.c.position)).mappings().all()
        signing = connection.execute(sa.select(cosignatures.c.id).where(
            cosignatures.c.communication_id == comm_id, cosignatures.c.status != "declined")
            .order_by(cosignatures.c.position)).scalars().all()
        for cosignature_id, block in zip(signing, blocks):
            connection.execute(cosignatures.update().where(cosignatures.c.id == cosignature_id)
                               .values(signatory_name=block["name"], signatory_title=block["title"]))
        connection.execute(signatories.delete().where(signatories.c.letter_id == comm_id))
    addressees, replies = t["letter_addressees"], t["sp_replies"]
    ours = sa.select(comms.c.id)
    rows = connection.execute(sa.select(addressees).where(addressees.c.letter_id.in_(ours))
                              .order_by(addressees.c.position)).mappings().all()
    moved: dict[int, int] = {}
    for row in (r for r in rows if r["copy_of_id"] is None):
        moved[row["id"]] = connection.execute(t["sp_addressees"].insert().values(
            communication_id=row["letter_id"], kind=row["kind"], state_id=row["state_id"],
            name="" if row["kind"] == "state" else row["name"], contact_name=row["contact_name"],
            address=row["address"], position=row["position"], reference=row["reference"],
            pdf_sha256=row["pdf_sha256"], pdf_size=row["pdf_size"],
            public_pdf_sha256=row["public_pdf_sha256"])).inserted_primary_key[0]
    for row in (r for r in rows if r["copy_of_id"] is not None):
        connection.execute(t["sp_addressee_copies"].insert().values(
            addressee_id=moved[row["copy_of_id"]], state_id=row["state_id"]))
    for new, old in moved.items():
        connection.execute(replies.update().where(replies.c.addressee_id == new).values(addressee_id=old))
    connection.execute(addressees.delete().where(addressees.c.letter_id.in_(ours)))
    connection.execute(letters.delete().where(letters.c.letter_type == SP_TYPE))
