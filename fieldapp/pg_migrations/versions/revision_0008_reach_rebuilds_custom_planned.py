"""The reach triggers that write a visit's or a session's rows again plan their statements for
each row's values, never by a generic plan: PL/pgSQL caches a generic plan after five runs, made
on the tables as they are then, and a central server keeps its connections from request to
request (fieldapp.db). Made while visits was small, the INSERT into reach on each visit scanned
visits and visit_outcomes whole ever after: 0.6 ms a visit grew to 2.6 ms within 25 merged days
on one connection. The other triggers keep their cached plans (all custom-planned, a merged
day's database time rose by a fifth).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Frozen here: the functions of revision 0002 whose statements read `id IN (old.id, new.id)`
# (fieldapp/dialects/postgresql.py, _rebuild_visits and _rebuild_sessions).
REBUILDS = ("reach_visits_aiu", "reach_visit_outcomes_au", "reach_group_sessions_aiu",
            "reach_session_attendees_au", "reach_people_restored_au")


def upgrade():
    for name in REBUILDS:
        op.execute(f"ALTER FUNCTION {name}() SET plan_cache_mode = force_custom_plan")


def downgrade():
    for name in REBUILDS:
        op.execute(f"ALTER FUNCTION {name}() RESET plan_cache_mode")
