"""The sync store over SQLite: the only module of the engine that knows SQL."""

from .schema import migrations
from .store import SQLiteStore

__all__ = ["SQLiteStore", "migrations"]
