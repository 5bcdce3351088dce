"""Which tables sync between laptops and the central server."""

# Each has a client-generated UUID text id, created_at/updated_at, created_by/updated_by
# and soft deletion (deleted_at); fieldapp.store is the only writer.
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
)

SYNC_COLUMNS = ("id", "created_at", "updated_at", "created_by", "updated_by", "deleted_at")
