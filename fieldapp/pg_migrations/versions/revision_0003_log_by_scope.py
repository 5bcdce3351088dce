"""The central log read by scope, whatever its length (sync step 0004's indexes).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Checked by hand against fieldapp/schema.py; frozen once released (tests/test_schema.py compares
the schema it leaves with the description).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("idx_sync_log_commune", "sync_log", ["scope_commune", "seq"],
                    postgresql_where=sa.text("scope_commune IS NOT NULL"))
    op.create_index("idx_sync_log_office", "sync_log", ["scope_office", "seq"],
                    postgresql_where=sa.text("scope_office IS NOT NULL"))
    op.create_index("idx_sync_log_shared", "sync_log", ["seq"],
                    postgresql_where=sa.text("scope_commune IS NULL AND scope_office IS NULL"))


def downgrade():
    op.drop_index("idx_sync_log_shared", table_name="sync_log")
    op.drop_index("idx_sync_log_office", table_name="sync_log")
    op.drop_index("idx_sync_log_commune", table_name="sync_log")
