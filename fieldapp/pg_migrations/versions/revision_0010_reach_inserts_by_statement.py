"""New visits, outcomes and roster rows write their reach rows once per statement, from its
transition table, rather than once per row: a merge inserts a push's new rows a table at a
time (sync.merge), and the visits' counts and the months noted for the commit then follow one
statement on reach, not thirty (fieldapp/dialects/postgresql.py, REACH_INSERTS_BY_STATEMENT).
Updates still write a visit's or a session's rows again row by row. The same reach rows.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    from fieldapp.dialects import postgresql as dialect
    op.execute(dialect.REACH_INSERTS_BY_STATEMENT)


def downgrade():
    from fieldapp.dialects import postgresql as dialect
    op.execute(dialect.reach_inserts_by_row())
