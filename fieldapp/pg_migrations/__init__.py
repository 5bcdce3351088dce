"""PostgreSQL's schema, kept by Alembic: `upgrade_postgresql(url)` brings a database to the
newest revision (versions/), made from the description in fieldapp/schema.py.

SQLite's schema is not kept here: laptops and a small central server keep theirs by the frozen
sqlite-utils steps (fieldapp/migrations, sync/sqlite).
"""

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

FOLDER = Path(__file__).parent


def engine_url(url):
    """A postgresql:// URL as SQLAlchemy names psycopg 3's dialect."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def config(connection=None):
    """Alembic's settings for this folder, handing it an open connection."""
    settings = Config()
    settings.set_main_option("script_location", str(FOLDER))
    settings.attributes["connection"] = connection
    return settings


def upgrade_postgresql(url, revision="head"):
    """Bring the database at `url` to `revision` (the newest: head); nothing to do is no
    change. Two processes upgrading at once take turns (an advisory lock in env.py)."""
    engine = sa.create_engine(engine_url(url), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            command.upgrade(config(connection), revision)
    finally:
        engine.dispose()


def current_revision(url):
    """The revision the database is at (None: never upgraded)."""
    from alembic.migration import MigrationContext
    engine = sa.create_engine(engine_url(url), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def pending_revisions(url):
    """The revisions an upgrade to the newest would apply, oldest first."""
    from alembic.script import ScriptDirectory
    scripts = ScriptDirectory.from_config(config())
    current = current_revision(url)
    return [script.revision for script in reversed(list(
        scripts.iterate_revisions("heads", current)))]


def head_revision():
    """The newest revision of this folder."""
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(config()).get_current_head()
