"""Bulk actions: one action asked of many records chosen on a list, and what became of each.

Revision ID: e7b2d94c1a58
Revises: e7a2c5d18f43
Create Date: 2026-12-06 16:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7b2d94c1a58'
down_revision = 'e7a2c5d18f43'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bulk_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("happened_on", sa.Date(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("channel", sa.String(length=60), nullable=True),
        sa.Column("back_to", sa.String(length=1000), nullable=True),
        sa.Column("locale", sa.String(length=10), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"], name=op.f("fk_bulk_runs_assignee_id_users")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_bulk_runs_created_by_id_users")),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_bulk_runs_job_id_jobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_runs")),
    )
    op.create_table(
        "bulk_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("seen_version", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["bulk_runs.id"], name=op.f("fk_bulk_items_run_id_bulk_runs"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_items")),
    )
    with op.batch_alter_table("bulk_items") as batch_op:
        batch_op.create_index(batch_op.f("ix_bulk_items_run_id"), ["run_id"], unique=False)


def downgrade():
    with op.batch_alter_table("bulk_items") as batch_op:
        batch_op.drop_index(batch_op.f("ix_bulk_items_run_id"))
    op.drop_table("bulk_items")
    op.drop_table("bulk_runs")
