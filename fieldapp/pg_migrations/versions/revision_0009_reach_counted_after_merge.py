"""A merge's reach months are counted after its commit, not under the merge lock: a merge leaves
what it touched in reach_pending and `reach_settle()`, run by the store once the merge lock is
released, counts everything pending at once (fieldapp/dialects/postgresql.py,
COUNTED_AFTER_MERGE). The recount was a quarter of the database time a merge held the lock.
Any other transaction counts at its commit as before. Every recount, and the rebuild when
communes move between offices, takes an advisory lock of its own.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    from fieldapp.dialects import postgresql as dialect
    op.execute(dialect.COUNTED_AFTER_MERGE)


def downgrade():
    from fieldapp.dialects import postgresql as dialect
    # Whatever is pending is counted before the table goes.
    op.execute("SELECT reach_settle()")
    op.execute("DROP FUNCTION reach_settle()")
    op.execute("DROP TABLE reach_pending")
    # 0005's function and 0002's triggers on office_communes, as they were.
    at_commit = dialect.RECOUNT_AT_COMMIT
    op.execute("CREATE OR REPLACE" + at_commit[at_commit.index(
        "CREATE FUNCTION reach_recount_at_commit()") + len("CREATE"):].split(
        "CREATE CONSTRAINT TRIGGER")[0])
    for sql in dialect.REACH_TRIGGERS:
        if "TRIGGER reach_counts_office_communes_a" in sql:
            op.execute("CREATE OR REPLACE" + sql.split("CREATE TRIGGER")[0].strip()[
                len("CREATE"):])
