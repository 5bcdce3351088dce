"""The sync store over PostgreSQL (psycopg 3), for a central server that several processes and
machines share; its schema is fieldapp/schema.py's, made by Alembic (fieldapp/pg_migrations)."""

from .store import MERGE_LOCK, PostgreSQLStore

__all__ = ["MERGE_LOCK", "PostgreSQLStore"]
