"""Which tables sync between laptops and the central server, and who may see each row."""

# Each has a client-generated UUID text id, created_at/updated_at, created_by/updated_by,
# soft deletion (deleted_at) and per-field clocks (sync_clock); fieldapp.store is the only writer.
SYNCED_TABLES = (
    "offices",
    "office_communes",
    "villages",
    "users",
    "list_items",
    "households",
    "people",
    "visits",
    "visit_outcomes",
    "group_sessions",
    "session_attendees",
    "scripts",
    "script_texts",
    "policy_figures",
    "translation_reviews",
    "sync_conflicts",
    "targets",
)

SYNC_COLUMNS = ("id", "created_at", "updated_at", "created_by", "updated_by", "deleted_at")

# Not data: the clock of the row's fields travels beside the values.
CLOCK_COLUMN = "sync_clock"

# How a row finds its commune: (parent table, column naming the parent) until a table with a
# commune_code column. Rows of other tables are shared by every office, but for OFFICE_SCOPED.
COMMUNE_PATH = {
    "villages": None,
    "group_sessions": None,
    "households": ("villages", "village_id"),
    "people": ("households", "household_id"),
    "visits": ("households", "household_id"),
    "visit_outcomes": ("visits", "visit_id"),
    "session_attendees": ("group_sessions", "session_id"),
}
# Targets name their office (and maybe one of its communes): they go to that office's devices.
# These columns are also what a laptop's own office is renamed in when it is merged into the
# central server's at enrolment.
OFFICE_SCOPED = {"users": "office_id", "targets": "office_id"}

# Rows that name a person besides the record they hang from: a laptop holds them only with that
# person (a foreign key), so they go only to the devices that may see the person.
NAMED_PEOPLE = {"session_attendees": "person_id", "visit_outcomes": "person_id"}

# Laptops may not change these: offices and their communes are defined on the central server.
CENTRAL_ONLY = ("offices", "office_communes")

# Columns that name a user, rewritten when a laptop's own user is merged into the central
# server's at enrolment; group_sessions.facilitators holds a JSON list of user ids.
USER_COLUMNS = {table: ("created_by", "updated_by") for table in SYNCED_TABLES}
USER_COLUMNS["visits"] += ("officer_id",)
USER_LISTS = {"group_sessions": "facilitators"}


def target_id(office_id, commune_code, year, month):
    """The same id on every device for the same target, so that two edits meet in one row."""
    import uuid
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp:target:{office_id}:"
                                             f"{commune_code or ''}:{year}:{month or ''}"))
