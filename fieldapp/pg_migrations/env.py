"""Alembic's entry: runs the revisions on the connection upgrade_postgresql hands it."""

import sqlalchemy as sa
from alembic import context

from fieldapp.schema import metadata

# Any number that no other advisory lock of fieldapp's uses (sync.postgresql's merge lock is
# another): server processes started together upgrade one after another.
UPGRADE_LOCK = 28_0001


def run_migrations_online():
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("fieldapp's PostgreSQL migrations run through"
                           " fieldapp.pg_migrations.upgrade_postgresql(url)")
    # transaction_per_migration off: every revision of an upgrade in one transaction, which
    # PostgreSQL's DDL allows, so a failed upgrade leaves the schema as it was.
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        connection.execute(sa.text("select pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        context.run_migrations()


# Alembic runs this file as a script (as module "env_py"); imported as a module of the package
# (tests/test_layout.py imports every module alone) it only defines.
if __name__ != "fieldapp.pg_migrations.env":
    if context.is_offline_mode():
        raise RuntimeError("fieldapp's PostgreSQL migrations run online only")
    run_migrations_online()
