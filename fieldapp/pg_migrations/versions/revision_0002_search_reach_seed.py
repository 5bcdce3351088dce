"""What SQLite's steps keep and seed beyond the tables: the people's name index, the reach
triggers (fieldapp/dialects/postgresql.py says how each does SQLite's work), and the rows the
steps seed (lists, policy figures, scripts), taken from those same steps.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NAME_INDEX = "idx_people_name_search"


def upgrade():
    from fieldapp.dialects import postgresql as dialect
    op.execute(f"CREATE INDEX {NAME_INDEX} ON people USING gin ({dialect.NAME_INDEX})")
    for sql in dialect.REACH_TRIGGERS:
        op.execute(sql)
    seed(op.get_bind())


def seed(connection):
    """The rows the released SQLite steps write into a new database (list items, policy figures,
    scripts and their texts): the steps run on an SQLite database in memory, and what they
    wrote is copied here. Not a copy of their data: their own code makes it."""
    from fieldapp.db import connect, migration_sets
    from fieldapp.schema import metadata

    source = connect(":memory:")
    try:
        for steps in migration_sets():
            steps.apply(source)
        for table in metadata.sorted_tables:
            names = [c.name for c in table.columns]
            rows = source.all(f"select {', '.join(names)} from {table.name}")
            if rows:
                connection.execute(table.insert(), rows)
    finally:
        source.close()


def downgrade():
    from fieldapp.dialects import postgresql as dialect
    for name in dialect.REACH_FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}() CASCADE")
    op.execute("DROP FUNCTION IF EXISTS reach_recount(jsonb)")
    op.drop_index(NAME_INDEX, table_name="people")
    for table in ("script_texts", "scripts", "policy_figures", "list_items"):
        op.execute(sa.text(f"DELETE FROM {table}"))
