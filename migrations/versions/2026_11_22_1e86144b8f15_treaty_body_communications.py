"""treaty-body communications

Revision ID: 1e86144b8f15
Revises: 92c2b5702557
Create Date: 2026-11-22 19:10:33.023956

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1e86144b8f15'
down_revision = '92c2b5702557'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.create_index('ix_deadlines_kind_open_due', ['kind', 'closed_at', 'due_on'], unique=False)
    op.create_table('communications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('state_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('submission_language', sa.String(length=2), nullable=False),
    sa.Column('subject_matter', sa.Text(), nullable=False),
    sa.Column('procedural_issues', sa.Text(), nullable=False),
    sa.Column('articles_invoked', sa.JSON(), nullable=False),
    sa.Column('domestic_remedies', sa.Text(), nullable=False),
    sa.Column('confidentiality_requested', sa.Boolean(), nullable=False),
    sa.Column('not_registered_reason', sa.String(length=40), nullable=True),
    sa.Column('advice_given', sa.Text(), nullable=False),
    sa.Column('joined_to_id', sa.Integer(), nullable=True),
    sa.Column('split_from_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_outcome', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['committee_id'], ['units.id'], name=op.f('fk_communications_committee_id_units')),
    sa.ForeignKeyConstraint(['id'], ['cases.id'], name=op.f('fk_communications_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['joined_to_id'], ['communications.id'], name=op.f('fk_communications_joined_to_id_communications')),
    sa.ForeignKeyConstraint(['split_from_id'], ['communications.id'], name=op.f('fk_communications_split_from_id_communications')),
    sa.ForeignKeyConstraint(['state_id'], ['states.id'], name=op.f('fk_communications_state_id_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_communications')),
    sa.UniqueConstraint('committee_id', 'year', 'number', name='uq_communications_number')
    )
    with op.batch_alter_table('communications', schema=None) as batch_op:
        batch_op.create_index('ix_communications_committee_received', ['committee_id', 'received_on', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_communications_joined_to_id'), ['joined_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_communications_state_id'), ['state_id'], unique=False)
        batch_op.create_index('ix_communications_state_received', ['state_id', 'received_on'], unique=False)

    op.create_table('communication_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('communication_id', sa.Integer(), nullable=False),
    sa.Column('decision_type', sa.String(length=40), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=False),
    sa.Column('session', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=80), nullable=False),
    sa.Column('articles_violated', sa.JSON(), nullable=False),
    sa.Column('individual_opinions', sa.Text(), nullable=False),
    sa.Column('members_not_participating', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['communication_id'], ['communications.id'], name=op.f('fk_communication_decisions_communication_id_communications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_communication_decisions'))
    )
    with op.batch_alter_table('communication_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communication_decisions_communication_id'), ['communication_id'], unique=False)

    op.create_table('follow_up_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('communication_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state_reply_on', sa.Date(), nullable=True),
    sa.Column('author_comments_on', sa.Date(), nullable=True),
    sa.Column('grade', sa.String(length=40), nullable=True),
    sa.Column('graded_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['communication_id'], ['communications.id'], name=op.f('fk_follow_up_rounds_communication_id_communications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_rounds')),
    sa.UniqueConstraint('communication_id', 'number', name=op.f('uq_follow_up_rounds_communication_id_number'))
    )
    with op.batch_alter_table('follow_up_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_rounds_communication_id'), ['communication_id'], unique=False)

    op.create_table('interim_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('communication_id', sa.Integer(), nullable=False),
    sa.Column('measure', sa.String(length=300), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('lifted_on', sa.Date(), nullable=True),
    sa.Column('compliance', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['communication_id'], ['communications.id'], name=op.f('fk_interim_measures_communication_id_communications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_interim_measures_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interim_measures'))
    )
    with op.batch_alter_table('interim_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interim_measures_communication_id'), ['communication_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_access', ['id', 'unit_id', 'confidential', 'parent_id'], unique=False)
        batch_op.create_index('ix_cases_unit_confidential', ['unit_id', 'confidential'], unique=False)



def downgrade():
    with op.batch_alter_table('deadlines', schema=None) as batch_op:
        batch_op.drop_index('ix_deadlines_kind_open_due')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_unit_confidential')
        batch_op.drop_index('ix_cases_access')

    with op.batch_alter_table('interim_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interim_measures_communication_id'))

    op.drop_table('interim_measures')
    with op.batch_alter_table('follow_up_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_rounds_communication_id'))

    op.drop_table('follow_up_rounds')
    with op.batch_alter_table('communication_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_communication_decisions_communication_id'))

    op.drop_table('communication_decisions')
    with op.batch_alter_table('communications', schema=None) as batch_op:
        batch_op.drop_index('ix_communications_state_received')
        batch_op.drop_index(batch_op.f('ix_communications_state_id'))
        batch_op.drop_index(batch_op.f('ix_communications_joined_to_id'))
        batch_op.drop_index('ix_communications_committee_received')

    op.drop_table('communications')
