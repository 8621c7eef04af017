"""Urgent actions: one outcome per disappeared person, in a table of its own. The single outcome an
urgent action had until now is carried over to every disappeared person it covers; on downgrade,
an urgent action takes back the outcome of its first person located.

Revision ID: e7a2c5d18f43
Revises: e7a2c4f91b36
Create Date: 2026-12-06 16:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7a2c5d18f43'
down_revision = 'e7a2c4f91b36'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('urgent_action_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    sa.Column('located_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['urgent_actions.id'], name=op.f('fk_urgent_action_outcomes_case_id_urgent_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_urgent_action_outcomes_person_id_persons')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_urgent_action_outcomes_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_urgent_action_outcomes')),
    sa.UniqueConstraint('case_id', 'person_id', name=op.f('uq_urgent_action_outcomes_case_id_person_id'))
    )
    with op.batch_alter_table('urgent_action_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_urgent_action_outcomes_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_urgent_action_outcomes_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_urgent_action_outcomes_located_on'), ['located_on'], unique=False)

    # Every disappeared person of an urgent action located shares its outcome and date; the
    # case officer is taken as the one who recorded it (the old column did not say).
    op.execute(
        "INSERT INTO urgent_action_outcomes (case_id, person_id, outcome, located_on, recorded_by_id, recorded_at) "
        "SELECT ua.id, cp.person_id, ua.located, ua.located_on, c.officer_id, CURRENT_TIMESTAMP "
        "FROM urgent_actions ua JOIN cases c ON c.id = ua.id "
        "JOIN case_persons cp ON cp.case_id = ua.id AND cp.role = 'disappeared_person' "
        "WHERE ua.located IS NOT NULL AND ua.located_on IS NOT NULL"
    )
    with op.batch_alter_table('urgent_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_urgent_actions_located_on'))
        batch_op.drop_column('located_on')
        batch_op.drop_column('located')


def downgrade():
    with op.batch_alter_table('urgent_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('located', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('located_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_urgent_actions_located_on'), ['located_on'], unique=False)
    first = "(SELECT MIN(o.id) FROM urgent_action_outcomes o WHERE o.case_id = urgent_actions.id)"
    op.execute(
        "UPDATE urgent_actions SET "
        f"located = (SELECT o.outcome FROM urgent_action_outcomes o WHERE o.id = {first}), "
        f"located_on = (SELECT o.located_on FROM urgent_action_outcomes o WHERE o.id = {first})"
    )
    with op.batch_alter_table('urgent_action_outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_urgent_action_outcomes_located_on'))
        batch_op.drop_index(batch_op.f('ix_urgent_action_outcomes_person_id'))
        batch_op.drop_index(batch_op.f('ix_urgent_action_outcomes_case_id'))
    op.drop_table('urgent_action_outcomes')
