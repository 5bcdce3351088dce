"""The schema, as named and ordered sqlite_utils migrations: one module per released step.

A released step is frozen: its module is never edited (tests/test_migration_steps.py compares
each one's SHA-256 with tests/migration_steps.sha256), and a schema change is a new module
appended to STEPS. So each step is self-contained: it imports nothing from fieldapp and carries its own
copy of what it uses (the synced columns, seeded ids, the reach SQL). That duplication is
deliberate: a shared helper edited later would change what an old step does. Running code reads
the derived tables through fieldapp.reach, never through a step.
"""

from importlib import import_module

from sqlite_utils import Migrations

# In the order they apply; a new step is appended here.
_NAMES = (
    "step_0001_places_and_accounts",
    "step_0002_village_kind",
    "step_0003_households_people_visits",
    "step_0004_group_sessions_scripts_policy",
    "step_0005_sample_scripts_and_policy_figures",
    "step_0006_translation_reviews",
    "step_0007_worklist_indexes",
    "step_0008_sync",
    "step_0009_targets",
    "step_0010_reach_counts",
    "step_0011_sync_inbox",
    "step_0012_form_submissions",
    "step_0013_session_generations",
    "step_0014_audit_log",
    "step_0015_login_failures_by_address",
    "step_0016_removals",
    "step_0017_policy_sources",
    "step_0018_scripts_for_every_group",
    "step_0019_erased_numbers",
    "step_0020_reach_counts_by_year",
)
STEPS = tuple(import_module(f"{__name__}.{name}") for name in _NAMES)

migrations = Migrations("fieldapp")
for _step in STEPS:
    migrations(name=_step.NAME)(_step.migrate)
