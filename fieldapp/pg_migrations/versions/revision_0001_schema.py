"""The schema as fieldapp/schema.py describes it at this revision: every table, the app's and the
sync engine's, with their keys, references (DEFERRABLE INITIALLY IMMEDIATE), checks and indexes.

Revision ID: 0001
Revises:
Create Date: 2026-12-05

Made from the description with Alembic's autogenerate once and checked by hand; frozen since:
a change to the schema is a new revision (tests/test_schema.py compares the two).
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# In the order they are made: each after the tables it refers to.
TABLES = (
    'audit_log', 'device_pushes', 'device_refusals', 'form_submissions', 'history',
    'list_items', 'login_failures', 'login_failures_by_address', 'policy_figures',
    'provinces', 'reach', 'reach_counts', 'reach_months', 'reach_shared', 'scripts',
    'session_generations', 'sync_conflicts', 'sync_extra', 'sync_inbox', 'sync_log',
    'sync_refused', 'sync_state', 'translation_reviews', 'communes', 'offices',
    'script_texts', 'devices', 'enrolment_codes', 'office_communes', 'targets', 'users',
    'villages', 'group_sessions', 'households', 'people', 'visits', 'session_attendees',
    'visit_outcomes',
)


def upgrade():
    op.create_table('audit_log',
        sa.Column('id', sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column('at', sa.Text(), nullable=False),
        sa.Column('user_id', sa.Text()),
        sa.Column('device_id', sa.Text()),
        sa.Column('address', sa.Text()),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('table_name', sa.Text()),
        sa.Column('row_id', sa.Text()),
        sa.Column('detail', sa.Text()),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_audit_log_action', 'audit_log', ['action', 'id'])
    op.create_index('idx_audit_log_at', 'audit_log', ['at'])
    op.create_index('idx_audit_log_device', 'audit_log', ['device_id', 'id'],
                    postgresql_where=sa.text('device_id IS NOT NULL'))
    op.create_index('idx_audit_log_row', 'audit_log', ['table_name', 'row_id', 'id'])
    op.create_index('idx_audit_log_user', 'audit_log', ['user_id', 'id'],
                    postgresql_where=sa.text('user_id IS NOT NULL'))
    op.create_table('device_pushes',
        sa.Column('device_id', sa.Text(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('digest', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('device_id', 'seq')
    )
    op.create_table('device_refusals',
        sa.Column('device_id', sa.Text(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('row_id', sa.Text(), nullable=False),
        sa.Column('code', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('at', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('device_id', 'seq')
    )
    op.create_table('form_submissions',
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('location', sa.Text(), nullable=False),
        sa.Column('user_id', sa.Text()),
        sa.Column('submitted_at', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key')
    )
    op.create_index('idx_form_submissions_at', 'form_submissions', ['submitted_at'])
    op.create_table('history',
        sa.Column('id', sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('row_id', sa.Text(), nullable=False),
        sa.Column('at', sa.Text(), nullable=False),
        sa.Column('user_id', sa.Text()),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('changes', sa.Text(), nullable=False),
        sa.CheckConstraint("action IN ('insert', 'update', 'delete')", name='ck_history_action'),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_history_row', 'history', ['table_name', 'row_id', 'id'])
    op.create_table('list_items',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('list', sa.Text(), nullable=False),
        sa.Column('code', sa.Text(), nullable=False),
        sa.Column('label', sa.Text(), nullable=False),
        sa.Column('position', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('active', sa.BigInteger(), server_default=sa.text('1'), nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_list_items_code', 'list_items', ['list', 'code'], unique=True)
    op.create_table('login_failures',
        sa.Column('username', sa.Text(), nullable=False),
        sa.Column('failures', sa.BigInteger(), nullable=False),
        sa.Column('last_failure_at', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('username')
    )
    op.create_table('login_failures_by_address',
        sa.Column('address', sa.Text(), nullable=False),
        sa.Column('failures', sa.BigInteger(), nullable=False),
        sa.Column('last_failure_at', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('address')
    )
    op.create_table('policy_figures',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('value', sa.Double(), nullable=False),
        sa.Column('unit', sa.Text(), nullable=False),
        sa.Column('effective_from', sa.Text(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.Column('note', sa.Text(), server_default='', nullable=False),
        sa.Column('confirmed', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_policy_figures_key', 'policy_figures', ['key', 'effective_from'])
    op.create_table('provinces',
        sa.Column('code', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('division_type', sa.Text(), nullable=False),
        sa.Column('codename', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('code')
    )
    op.create_table('reach',
        sa.Column('source_id', sa.Text(), nullable=False),
        sa.Column('day', sa.Text(), nullable=False),
        sa.Column('commune_code', sa.BigInteger(), nullable=False),
        sa.Column('village_id', sa.Text()),
        sa.Column('officer_id', sa.Text()),
        sa.Column('household_id', sa.Text()),
        sa.Column('person_id', sa.Text()),
        sa.Column('kind', sa.Text(), nullable=False)
    )
    op.create_index('idx_reach_household', 'reach', ['household_id', 'day'])
    op.create_index('idx_reach_kind', 'reach', ['kind', 'day', 'commune_code', 'officer_id',
                                                'household_id', 'person_id', 'village_id'])
    op.create_index('idx_reach_person', 'reach', ['person_id', 'day'])
    op.create_index('idx_reach_source', 'reach', ['source_id'])
    op.create_table('reach_counts',
        sa.Column('dim', sa.Text(), nullable=False),
        sa.Column('office_id', sa.Text(), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('year', sa.BigInteger(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('months', sa.BigInteger(), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('dim', 'office_id', 'key', 'year', 'kind', 'months')
    )
    op.create_table('reach_months',
        sa.Column('entity', sa.Text(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('year', sa.BigInteger(), nullable=False),
        sa.Column('dim', sa.Text(), nullable=False),
        sa.Column('office_id', sa.Text(), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('months', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('entity', 'kind', 'year', 'dim', 'office_id', 'key')
    )
    op.create_table('reach_shared',
        sa.Column('year', sa.BigInteger(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'kind')
    )
    op.create_table('scripts',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('target_group', sa.Text(), nullable=False),
        sa.Column('topic', sa.Text(), nullable=False),
        sa.Column('sample', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_scripts_topic', 'scripts', ['topic', 'target_group'])
    op.create_table('session_generations',
        sa.Column('user_id', sa.Text(), nullable=False),
        sa.Column('generation', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('user_id')
    )
    op.create_table('sync_conflicts',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('row_id', sa.Text(), nullable=False),
        sa.Column('field', sa.Text(), nullable=False),
        sa.Column('kept_value', sa.Text()),
        sa.Column('kept_hlc', sa.Text(), nullable=False),
        sa.Column('lost_value', sa.Text()),
        sa.Column('lost_hlc', sa.Text(), nullable=False),
        sa.Column('scope_commune', sa.BigInteger()),
        sa.Column('scope_office', sa.Text()),
        sa.Column('resolved_at', sa.Text()),
        sa.Column('resolution', sa.Text()),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_sync_conflicts_open', 'sync_conflicts', ['resolved_at', 'table_name'])
    op.create_table('sync_extra',
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('row_id', sa.Text(), nullable=False),
        sa.Column('field', sa.Text(), nullable=False),
        sa.Column('value', sa.Text()),
        sa.Column('hlc', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'row_id', 'field')
    )
    op.create_table('sync_inbox',
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('row_id', sa.Text(), nullable=False),
        sa.Column('fields', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('received_at', sa.Text(), nullable=False),
        sa.Column('position', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'row_id')
    )
    op.create_table('sync_log',
        sa.Column('seq', sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('row_id', sa.Text(), nullable=False),
        sa.Column('fields', sa.Text(), nullable=False),
        sa.Column('origin', sa.Text(), nullable=False),
        sa.Column('scope_commune', sa.BigInteger()),
        sa.Column('scope_office', sa.Text()),
        sa.Column('origin_has_it', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('trail', sa.Text()),
        sa.PrimaryKeyConstraint('seq')
    )
    op.create_index('idx_sync_log_row', 'sync_log', ['table_name', 'row_id'])
    op.create_table('sync_refused',
        sa.Column('table_name', sa.Text(), nullable=False),
        sa.Column('row_id', sa.Text(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('code', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('at', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'row_id')
    )
    op.create_table('sync_state',
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key')
    )
    op.create_table('translation_reviews',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('language', sa.Text(), nullable=False),
        sa.Column('msgid', sa.Text(), nullable=False),
        sa.Column('msgstr', sa.Text(), nullable=False),
        sa.Column('reviewed', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_translation_reviews_key', 'translation_reviews', ['language', 'msgid'])
    op.create_table('communes',
        sa.Column('code', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('province_code', sa.BigInteger(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('division_type', sa.Text(), nullable=False),
        sa.Column('codename', sa.Text(), nullable=False),
        sa.Column('name_key', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['province_code'], ['provinces.code'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('code')
    )
    op.create_index('idx_communes_province', 'communes', ['province_code'])
    op.create_table('offices',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('province_code', sa.BigInteger(), nullable=False),
        sa.Column('phone', sa.Text(), server_default='', nullable=False),
        sa.Column('address', sa.Text(), server_default='', nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.ForeignKeyConstraint(['province_code'], ['provinces.code'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_table('script_texts',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('script_id', sa.Text(), nullable=False),
        sa.Column('language', sa.Text(), nullable=False),
        sa.Column('revision', sa.BigInteger(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('key_messages', sa.Text(), nullable=False),
        sa.Column('questions', sa.Text(), server_default='[]', nullable=False),
        sa.Column('reviewed', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.ForeignKeyConstraint(['script_id'], ['scripts.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_script_texts_revision', 'script_texts',
                    ['script_id', 'language', 'revision'], unique=True)
    op.create_table('devices',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('office_id', sa.Text(), nullable=False),
        sa.Column('secret_hash', sa.Text(), nullable=False),
        sa.Column('enrolled_at', sa.Text(), nullable=False),
        sa.Column('enrolled_by', sa.Text()),
        sa.Column('revoked_at', sa.Text()),
        sa.Column('last_seen_at', sa.Text()),
        sa.Column('last_seq', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('app_version', sa.Text()),
        sa.Column('pull_bound', sa.BigInteger()),
        sa.Column('split_from', sa.Text()),
        sa.Column('split_at', sa.Text()),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_table('enrolment_codes',
        sa.Column('code_hash', sa.Text(), nullable=False),
        sa.Column('office_id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('expires_at', sa.Text(), nullable=False),
        sa.Column('used_at', sa.Text()),
        sa.Column('device_id', sa.Text()),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('code_hash')
    )
    op.create_table('office_communes',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('office_id', sa.Text(), nullable=False),
        sa.Column('commune_code', sa.BigInteger(), nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.ForeignKeyConstraint(['commune_code'], ['communes.code'],
                                initially='IMMEDIATE', deferrable=True),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_office_communes_commune', 'office_communes', ['commune_code'])
    op.create_index('idx_office_communes_office', 'office_communes', ['office_id'])
    op.create_table('targets',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('office_id', sa.Text(), nullable=False),
        sa.Column('commune_code', sa.BigInteger()),
        sa.Column('year', sa.BigInteger(), nullable=False),
        sa.Column('month', sa.BigInteger()),
        sa.Column('households', sa.BigInteger()),
        sa.Column('people', sa.BigInteger()),
        sa.Column('sessions', sa.BigInteger()),
        sa.Column('voluntary_bhxh', sa.BigInteger()),
        sa.Column('household_bhyt', sa.BigInteger()),
        sa.Column('vssid_installed', sa.BigInteger()),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.CheckConstraint('household_bhyt >= 0', name='ck_targets_household_bhyt'),
        sa.CheckConstraint('households >= 0', name='ck_targets_households'),
        sa.CheckConstraint('month BETWEEN 1 AND 12', name='ck_targets_month'),
        sa.CheckConstraint('people >= 0', name='ck_targets_people'),
        sa.CheckConstraint('sessions >= 0', name='ck_targets_sessions'),
        sa.CheckConstraint('voluntary_bhxh >= 0', name='ck_targets_voluntary_bhxh'),
        sa.CheckConstraint('vssid_installed >= 0', name='ck_targets_vssid_installed'),
        sa.ForeignKeyConstraint(['commune_code'], ['communes.code'],
                                initially='IMMEDIATE', deferrable=True),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_targets_office', 'targets', ['office_id', 'year', 'month'])
    op.create_table('users',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('username', sa.Text(), nullable=False),
        sa.Column('full_name', sa.Text(), nullable=False),
        sa.Column('password_hash', sa.Text(), nullable=False),
        sa.Column('role', sa.Text(), nullable=False),
        sa.Column('office_id', sa.Text(), nullable=False),
        sa.Column('locale', sa.Text()),
        sa.Column('active', sa.BigInteger(), server_default=sa.text('1'), nullable=False),
        sa.Column('translator', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.CheckConstraint("role IN ('officer', 'supervisor', 'admin')", name='ck_users_role'),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_users_office', 'users', ['office_id'])
    op.create_index('idx_users_username', 'users', ['username'], unique=True)
    op.create_table('villages',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('commune_code', sa.BigInteger(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('name_key', sa.Text(), nullable=False),
        sa.Column('kind', sa.Text(), server_default='thon', nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.ForeignKeyConstraint(['commune_code'], ['communes.code'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_villages_commune_key', 'villages', ['commune_code', 'name_key'])
    op.create_index('idx_villages_name', 'villages', ['name_key'])
    op.create_table('group_sessions',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('held_at', sa.Text(), nullable=False),
        sa.Column('commune_code', sa.BigInteger(), nullable=False),
        sa.Column('village_id', sa.Text()),
        sa.Column('place', sa.Text(), server_default='', nullable=False),
        sa.Column('format', sa.Text(), nullable=False),
        sa.Column('target_group', sa.Text(), nullable=False),
        sa.Column('topics', sa.Text(), server_default='[]', nullable=False),
        sa.Column('languages', sa.Text(), server_default='[]', nullable=False),
        sa.Column('facilitators', sa.Text(), server_default='[]', nullable=False),
        sa.Column('outside_facilitators', sa.Text(), server_default='', nullable=False),
        sa.Column('attendees_total', sa.BigInteger(), nullable=False),
        sa.Column('attendees_female', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('attendees_male', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('attendees_gender_unknown', sa.BigInteger(), server_default=sa.text('0'),
                  nullable=False),
        sa.Column('attendees_by_ethnicity', sa.Text(), server_default='{}', nullable=False),
        sa.Column('materials', sa.Text(), server_default='[]', nullable=False),
        sa.Column('notes', sa.Text(), server_default='', nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.Column('removed_reason', sa.Text()),
        sa.ForeignKeyConstraint(['commune_code'], ['communes.code'],
                                initially='IMMEDIATE', deferrable=True),
        sa.ForeignKeyConstraint(['village_id'], ['villages.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_group_sessions_commune', 'group_sessions', ['commune_code', 'held_at'])
    op.create_index('idx_group_sessions_held', 'group_sessions', ['held_at'])
    op.create_table('households',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('village_id', sa.Text(), nullable=False),
        sa.Column('head_person_id', sa.Text()),
        sa.Column('address_note', sa.Text(), server_default='', nullable=False),
        sa.Column('ethnicity', sa.Text()),
        sa.Column('language', sa.Text(), server_default='vi', nullable=False),
        sa.Column('phone', sa.Text(), server_default='', nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.Column('removed_reason', sa.Text()),
        sa.Column('numbers_erased_at', sa.Text()),
        sa.ForeignKeyConstraint(['village_id'], ['villages.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_households_phone', 'households', ['phone'],
                    postgresql_where=sa.text("phone != ''"))
    op.create_index('idx_households_village', 'households', ['village_id'])
    op.create_table('people',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('household_id', sa.Text(), nullable=False),
        sa.Column('full_name', sa.Text(), nullable=False),
        sa.Column('name_key', sa.Text(), nullable=False),
        sa.Column('gender', sa.Text(), nullable=False),
        sa.Column('birth_year', sa.BigInteger(), nullable=False),
        sa.Column('birth_date', sa.Text()),
        sa.Column('relation', sa.Text(), nullable=False),
        sa.Column('ethnicity', sa.Text()),
        sa.Column('cccd', sa.Text()),
        sa.Column('bhxh_number', sa.Text()),
        sa.Column('bhyt_card_type', sa.Text()),
        sa.Column('bhyt_expiry', sa.Text()),
        sa.Column('bhxh_status', sa.Text(), server_default='none', nullable=False),
        sa.Column('vssid', sa.Text(), server_default='unknown', nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.Column('removed_reason', sa.Text()),
        sa.Column('numbers_erased_at', sa.Text()),
        sa.CheckConstraint("bhxh_status IN ('none', 'mandatory', 'voluntary', 'pension')",
                           name='ck_people_bhxh_status'),
        sa.CheckConstraint("gender IN ('female', 'male', 'other')", name='ck_people_gender'),
        sa.CheckConstraint("vssid IN ('installed', 'not_installed', 'unknown')",
                           name='ck_people_vssid'),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_people_bhxh_number', 'people', ['bhxh_number'],
                    postgresql_where=sa.text('bhxh_number IS NOT NULL'))
    op.create_index('idx_people_bhyt_expiry', 'people', ['bhyt_expiry'],
                    postgresql_where=sa.text('bhyt_expiry IS NOT NULL'))
    op.create_index('idx_people_birth_year', 'people', ['birth_year', 'name_key'])
    op.create_index('idx_people_cccd', 'people', ['cccd'],
                    postgresql_where=sa.text('cccd IS NOT NULL'))
    op.create_index('idx_people_household', 'people', ['household_id'])
    op.create_index('idx_people_name_key', 'people', ['name_key'])
    op.create_table('visits',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('household_id', sa.Text(), nullable=False),
        sa.Column('visited_at', sa.Text(), nullable=False),
        sa.Column('officer_id', sa.Text(), nullable=False),
        sa.Column('companions', sa.Text(), server_default='', nullable=False),
        sa.Column('language', sa.Text(), server_default='vi', nullable=False),
        sa.Column('nobody_home', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
        sa.Column('present', sa.Text(), server_default='[]', nullable=False),
        sa.Column('topics', sa.Text(), server_default='[]', nullable=False),
        sa.Column('materials', sa.Text(), server_default='[]', nullable=False),
        sa.Column('follow_up_on', sa.Text()),
        sa.Column('notes', sa.Text(), server_default='', nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.Column('removed_reason', sa.Text()),
        sa.Column('status_changes', sa.Text(), server_default='{}', nullable=False),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.ForeignKeyConstraint(['officer_id'], ['users.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_visits_follow_up', 'visits', ['follow_up_on'],
                    postgresql_where=sa.text('follow_up_on IS NOT NULL'))
    op.create_index('idx_visits_household', 'visits', ['household_id', 'visited_at'])
    op.create_index('idx_visits_officer', 'visits', ['officer_id', 'visited_at'])
    op.create_table('session_attendees',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('session_id', sa.Text(), nullable=False),
        sa.Column('person_id', sa.Text(), nullable=False),
        sa.Column('outcomes', sa.Text(), server_default='[]', nullable=False),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.ForeignKeyConstraint(['session_id'], ['group_sessions.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_session_attendees_person', 'session_attendees', ['person_id'])
    op.create_index('idx_session_attendees_session', 'session_attendees', ['session_id'])
    op.create_table('visit_outcomes',
        sa.Column('id', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.Column('created_by', sa.Text()),
        sa.Column('updated_by', sa.Text()),
        sa.Column('deleted_at', sa.Text()),
        sa.Column('visit_id', sa.Text(), nullable=False),
        sa.Column('person_id', sa.Text(), nullable=False),
        sa.Column('outcome', sa.Text(), nullable=False),
        sa.Column('decline_reason', sa.Text()),
        sa.Column('sync_clock', sa.Text(), server_default='{}', nullable=False),
        sa.CheckConstraint("outcome IN ('voluntary_bhxh', 'household_bhyt', 'vssid_installed',"
                           " 'interested', 'declined')", name='ck_visit_outcomes_outcome'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.ForeignKeyConstraint(['visit_id'], ['visits.id'],
                                initially='IMMEDIATE', deferrable=True),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index('idx_visit_outcomes_person', 'visit_outcomes', ['person_id'])
    op.create_index('idx_visit_outcomes_visit', 'visit_outcomes', ['visit_id'])


def downgrade():
    for table in reversed(TABLES):
        op.drop_table(table)
