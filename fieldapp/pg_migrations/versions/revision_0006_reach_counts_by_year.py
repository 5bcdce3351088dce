"""The reach counts of one group and year across every office, found by an index that holds
every column a report reads (SQLite's step 0020): a report across offices read every row of
reach_counts, of every year and group (860,000 rows at 200,000 households).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

Checked by hand against fieldapp/schema.py; frozen once released (tests/test_schema.py compares
the schema it leaves with the description).
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("idx_reach_counts_year", "reach_counts",
                    ["dim", "year", "kind", "office_id", "key", "months", "n"])


def downgrade():
    op.drop_index("idx_reach_counts_year", table_name="reach_counts")
