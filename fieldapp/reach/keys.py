"""What a reach row counts as, and the groups and keys it is counted under in reach_counts.

SQL templates take `{r}`, the name of a reach row (r, new, old). Step 0010 built the tables and
triggers from its own frozen copy of these; they must agree with it.
"""

# The kinds of reach rows counted in reach_months: households visited, people met, outcomes.
COUNTED_KINDS = ("visit", "present", "attendee", "voluntary_bhxh", "household_bhyt",
                 "vssid_installed")
# What a reach row counts as, and whose id it carries.
KIND_OF = ("CASE {r}.kind WHEN 'visit' THEN 'household' WHEN 'present' THEN 'person'"
           " WHEN 'attendee' THEN 'person' ELSE {r}.kind END")
ENTITY_OF = "CASE {r}.kind WHEN 'visit' THEN {r}.household_id ELSE {r}.person_id END"
YEAR_OF = "CAST(substr({r}.day, 1, 4) AS INTEGER)"
MONTH_BIT_OF = "(1 << (CAST(substr({r}.day, 6, 2) AS INTEGER) - 1))"
# The groups a row counts in, within its commune's office, and the row's key in each ('' for
# the office itself and for work without a staff officer, as keys cannot be NULL).
GROUP_KEYS = {"office": "''", "commune": "{r}.commune_code",
              "officer": "coalesce({r}.officer_id, '')",
              "officer_commune": "coalesce({r}.officer_id, '') || '/' || {r}.commune_code"}
DIMS = "(" + " UNION ALL ".join(f"SELECT '{dim}' AS dim" for dim in GROUP_KEYS) + ") d"
LIVE_OFFICE_OF = ("office_communes oc ON oc.commune_code = {r}.commune_code"
                  " AND oc.deleted_at IS NULL")


def of(template, r):
    """The SQL template for the reach row named `r`."""
    return template.format(r=r)


def key_of(r, dim="d.dim"):
    """The key of the reach row `r` in the group the column `dim` names."""
    return f"CASE {dim} " + " ".join(f"WHEN '{name}' THEN {of(key, r)}"
                                     for name, key in GROUP_KEYS.items()) + " END"


# Every kind of reach row that reach_counts counts: closed visits count among the visits.
ROW_KINDS_COUNTED = (*COUNTED_KINDS, "closed")


# Between the officer and the commune in an officer_commune key, as SQL.
SEPARATOR = "'/'"


def key_officer(dialect, column):
    """The officer id (or '') of the officer_commune key in `column`, '<officer>/<commune>'."""
    return dialect.text_before(column, SEPARATOR)


def key_commune(dialect, column):
    """The commune code of the officer_commune key in `column`, '<officer>/<commune>'."""
    return f"cast({dialect.text_after(column, SEPARATOR)} as integer)"


def of_officer(column, officer):
    """SQL keeping the officer_commune keys in `column` of the officer named by `officer`."""
    # The keys that start with '<officer>/': '0' sorts just after '/'.
    return f"{column} > {officer} || '/' and {column} < {officer} || '0'"


def quoted(codes):
    """Codes (never user input) as an SQL list of strings."""
    return ", ".join(f"'{c}'" for c in codes)
