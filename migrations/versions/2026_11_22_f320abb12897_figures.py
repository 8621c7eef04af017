"""key figures: indexes on the dates the figures of a period count by

Revision ID: f320abb12897
Revises: 943d81060aa0
Create Date: 2026-11-22 22:07:20.180184

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f320abb12897'
down_revision = '943d81060aa0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('communication_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communication_decisions_adopted_on'), ['adopted_on'], unique=False)

    with op.batch_alter_table('communications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communications_registered_on'), ['registered_on'], unique=False)

    with op.batch_alter_table('interim_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interim_measures_requested_on'), ['requested_on'], unique=False)

    with op.batch_alter_table('sp_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sp_replies_received_on'), ['received_on'], unique=False)

    with op.batch_alter_table('urgent_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_urgent_actions_located_on'), ['located_on'], unique=False)


def downgrade():
    with op.batch_alter_table('urgent_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_urgent_actions_located_on'))

    with op.batch_alter_table('sp_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sp_replies_received_on'))

    with op.batch_alter_table('interim_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interim_measures_requested_on'))

    with op.batch_alter_table('communications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_communications_registered_on'))

    with op.batch_alter_table('communication_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_communication_decisions_adopted_on'))
