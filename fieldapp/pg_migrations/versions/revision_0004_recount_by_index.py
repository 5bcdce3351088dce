"""The reach counts' recount finds the touched rows of reach by its household and person
indexes (fieldapp/dialects/postgresql.py, _TOUCHED_REACH): revision 0002's joined every reach
row on the entity's expression, a scan of the whole table for each statement writing reach (2.4 s
at 1,000,000 households, for each visit merged). The same counts, by another path.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    from fieldapp.dialects import postgresql as dialect
    op.execute(dialect.KEEP_COUNTS.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))


def downgrade():
    # 0002's function gave the same counts, slower: this one stays.
    pass
