"""The engine's own tables in SQLite, as sqlite_utils migrations named "sync".

Like fieldapp's, one frozen module per released step, self-contained, listed here in order;
tests/test_migration_steps.py pins each one's text by its SHA-256.
"""

from importlib import import_module

from sqlite_utils import Migrations

# In the order they apply; a new step is appended here.
_NAMES = ("step_0001_engine_tables", "step_0002_lineage", "step_0003_trail",
          "step_0004_log_by_scope")
STEPS = tuple(import_module(f"{__package__}.{name}") for name in _NAMES)

migrations = Migrations("sync")
for _step in STEPS:
    migrations(name=_step.NAME)(_step.migrate)
