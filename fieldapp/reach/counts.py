"""Rebuilding reach_months and reach_counts from reach, and the triggers that keep them."""

from .keys import (COUNTED_KINDS, DIMS, ENTITY_OF, KIND_OF, LIVE_OFFICE_OF, MONTH_BIT_OF,
                   YEAR_OF, key_of, of)

# Everything derived again from reach (the trigger on office_communes runs the same statements,
# as step 0010 wrote them).
_REBUILT = (
    "DELETE FROM reach_months",
    "DELETE FROM reach_counts",
    "DELETE FROM reach_shared",
    f"""INSERT INTO reach_months (entity, kind, year, dim, office_id, key, months)
    SELECT {of(ENTITY_OF, 'r')}, {of(KIND_OF, 'r')}, {of(YEAR_OF, 'r')}, d.dim,
           oc.office_id, {key_of('r')}, sum(DISTINCT {of(MONTH_BIT_OF, 'r')})
      FROM reach r JOIN {of(LIVE_OFFICE_OF, 'r')}, {DIMS}
     WHERE r.kind IN {COUNTED_KINDS} AND {of(ENTITY_OF, 'r')} IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6""",
    f"""INSERT INTO reach_counts (dim, office_id, key, year, kind, months, n)
    SELECT d.dim, oc.office_id, {key_of('r')}, {of(YEAR_OF, 'r')}, 'visits',
           {of(MONTH_BIT_OF, 'r')}, count(*)
      FROM reach r JOIN {of(LIVE_OFFICE_OF, 'r')}, {DIMS}
     WHERE r.kind IN ('visit', 'closed')
     GROUP BY 1, 2, 3, 4, 6""")
# The triggers on reach that keep reach_months and reach_counts (a bulk load may drop them,
# then rebuild).
REACH_COUNTING_TRIGGERS = ("reach_months_ai", "reach_months_visit_ad", "reach_months_person_ad",
                           "reach_months_au", "reach_visit_counts_ai", "reach_visit_counts_ad",
                           "reach_visit_counts_au")
# The trigger on reach that keeps removed people out of it (step 0016): never dropped.
REACH_FILTER_TRIGGERS = ("reach_removed_people_bi",)


def rebuild_reach_counts(db):
    """Derive reach_months and reach_counts again from reach, in the current transaction."""
    for statement in _REBUILT:
        db.execute(statement)
