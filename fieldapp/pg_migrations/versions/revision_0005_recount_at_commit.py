"""The reach counts' months are counted again once at the commit of a transaction, for every
person and household its statements on reach touched, rather than after each statement: a
merged day's hundred statements on reach (each visit, outcome and roster row writes its own)
each ran the recount under the merge lock, 1.7 ms apiece (fieldapp/dialects/postgresql.py,
RECOUNT_AT_COMMIT). The visits' counts still follow each statement. The same counts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    from fieldapp.dialects import postgresql as dialect
    op.execute(dialect.RECOUNT_AT_COMMIT)


def downgrade():
    from fieldapp.dialects import postgresql as dialect
    op.execute("DROP FUNCTION IF EXISTS reach_recount_at_commit() CASCADE")
    # 0002's functions, recounting after each statement (their triggers stay as they are).
    for sql in dialect.REACH_TRIGGERS:
        if "CREATE TRIGGER reach_counts_a" in sql:
            op.execute(sql.split("CREATE TRIGGER")[0])
