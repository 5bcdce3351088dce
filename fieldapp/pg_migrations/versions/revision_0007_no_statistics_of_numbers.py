"""The planner's statistics keep no personal number: ANALYZE (autovacuum's too) stored a hundred
or so people's CCCD and mã số BHXH, and households' phones, in pg_statistic as histogram bounds,
where an erasure (sync/erasure.py) never reaches them. Their statistics target is 0, so ANALYZE
samples them no more, and ALTER COLUMN TYPE to the type they have removes what it stored (no
rewrite; their partial indexes are made again). Equality on them is still planned by index.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen here: the columns sync.erasure.ERASED names today.
NUMBERS = {"people": ("cccd", "bhxh_number"), "households": ("phone",)}


def upgrade():
    for table, columns in NUMBERS.items():
        op.execute(f"ALTER TABLE {table} " + ", ".join(
            f"ALTER COLUMN {column} SET STATISTICS 0, ALTER COLUMN {column} TYPE text"
            for column in columns))


def downgrade():
    for table, columns in NUMBERS.items():
        op.execute(f"ALTER TABLE {table} " + ", ".join(
            f"ALTER COLUMN {column} SET STATISTICS -1" for column in columns))
