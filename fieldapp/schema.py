"""Every table of fieldapp's database described once, with SQLAlchemy Core: the app's and the
sync engine's (`sync.store.SCHEMA_TABLES`).

SQLite's schema stays what the frozen sqlite-utils steps make (fieldapp/migrations,
sync/sqlite), which laptops in the field have run; this description must say the same
(tests/test_schema.py builds a database through every step and compares). PostgreSQL's schema is
made from it by Alembic (fieldapp/pg_migrations); a change to the schema is a new SQLite step, a
new Alembic revision and an edit here, together.

Types say SQLite's affinity and PostgreSQL's type at once: TEXT is text; INTEGER is SQLite's
64-bit integer, BIGINT on PostgreSQL; REAL is a double. Recorded times are TEXT in one format
(sync.clock), the same on both. References are DEFERRABLE INITIALLY IMMEDIATE on PostgreSQL,
so that a store's `defer_references()` can put off their check to the commit.
"""

import sqlalchemy as sa

metadata = sa.MetaData()

TEXT = sa.Text()
INTEGER = sa.BigInteger()
REAL = sa.Double()

# What SQLite has that this description leaves out, and what a PostgreSQL store does instead.
SQLITE_ONLY = {
    "people_fts": "FTS5 index of people's name_key (with its shadow tables people_fts_config,"
                  " _data, _docsize and _idx), kept by the triggers people_fts_ai/_ad/_au;"
                  " PostgreSQL: the GIN index idx_people_name_search (POSTGRESQL_ONLY), kept by"
                  " PostgreSQL itself, with search's queries in its dialect module",
    "triggers": "the reach_* triggers on visits, visit_outcomes, group_sessions,"
                " session_attendees, people, households and office_communes write reach rows,"
                " and those on reach and reach_months keep reach_months, reach_counts and"
                " reach_shared; PostgreSQL: PL/pgSQL triggers doing the same (Alembic revision"
                " 0002, SQL in fieldapp/dialects/postgresql.py), tested to give the same"
                " counts (tests/test_central_postgresql.py)",
    "_sqlite_migrations": "sqlite-utils' record of the steps applied; PostgreSQL: Alembic's"
                          " alembic_version",
    "sqlite_sequence": "SQLite's AUTOINCREMENT counters; PostgreSQL: the identity columns'"
                       " sequences (sync_log.seq, history.id, audit_log.id)",
}

# What PostgreSQL has that this description leaves out (made by an Alembic revision, outside
# the description because SQLite keeps the same in its own way, SQLITE_ONLY).
POSTGRESQL_ONLY = {
    "idx_people_name_search": "GIN index on people of the tsvector of name_key (the dialect's"
                              " NAME_INDEX), which search reads where SQLite reads people_fts",
    "reach_pending": "table of what merges touched, whose reach months are counted after their"
                     " commit (revision 0009); SQLite's triggers count a merge's rows in it",
}


# reach_months.key and reach_counts.key have no type on SQLite (their group's key: '' for an
# office, a commune's code, an officer's id, or "officer/commune"); text on PostgreSQL, where a
# store writes a commune's code as its text.
UNTYPED_KEY = {"sqlite_affinity": "BLOB"}


def reference(target):
    """A reference to `table.column` that a transaction may defer to its commit."""
    return sa.ForeignKey(target, deferrable=True, initially="IMMEDIATE")


def where(condition):
    """A partial index's condition, the same SQL on both databases."""
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def record_columns():
    """The columns every synced record begins with."""
    return (sa.Column("id", TEXT, primary_key=True),
            sa.Column("created_at", TEXT, nullable=False),
            sa.Column("updated_at", TEXT, nullable=False),
            sa.Column("created_by", TEXT),
            sa.Column("updated_by", TEXT),
            sa.Column("deleted_at", TEXT))


# Places and offices

provinces = sa.Table(
    "provinces", metadata,
    sa.Column("code", INTEGER, primary_key=True, autoincrement=False),
    sa.Column("name", TEXT, nullable=False),
    sa.Column("division_type", TEXT, nullable=False),
    sa.Column("codename", TEXT, nullable=False),
)

communes = sa.Table(
    "communes", metadata,
    sa.Column("code", INTEGER, primary_key=True, autoincrement=False),
    sa.Column("province_code", INTEGER, reference("provinces.code"), nullable=False),
    sa.Column("name", TEXT, nullable=False),
    sa.Column("division_type", TEXT, nullable=False),
    sa.Column("codename", TEXT, nullable=False),
    sa.Column("name_key", TEXT, nullable=False),
    sa.Index("idx_communes_province", "province_code"),
)

villages = sa.Table(
    "villages", metadata,
    *record_columns(),
    sa.Column("commune_code", INTEGER, reference("communes.code"), nullable=False),
    sa.Column("name", TEXT, nullable=False),
    sa.Column("name_key", TEXT, nullable=False),
    sa.Column("kind", TEXT, nullable=False, server_default="thon"),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_villages_commune_key", "commune_code", "name_key"),
    sa.Index("idx_villages_name", "name_key"),
)

offices = sa.Table(
    "offices", metadata,
    *record_columns(),
    sa.Column("name", TEXT, nullable=False),
    sa.Column("province_code", INTEGER, reference("provinces.code"), nullable=False),
    sa.Column("phone", TEXT, nullable=False, server_default=""),
    sa.Column("address", TEXT, nullable=False, server_default=""),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
)

office_communes = sa.Table(
    "office_communes", metadata,
    *record_columns(),
    sa.Column("office_id", TEXT, reference("offices.id"), nullable=False),
    sa.Column("commune_code", INTEGER, reference("communes.code"), nullable=False),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_office_communes_commune", "commune_code"),
    sa.Index("idx_office_communes_office", "office_id"),
)


# Accounts, logins and the audit

users = sa.Table(
    "users", metadata,
    *record_columns(),
    sa.Column("username", TEXT, nullable=False),
    sa.Column("full_name", TEXT, nullable=False),
    sa.Column("password_hash", TEXT, nullable=False),
    sa.Column("role", TEXT, nullable=False),
    sa.Column("office_id", TEXT, reference("offices.id"), nullable=False),
    sa.Column("locale", TEXT),
    sa.Column("active", INTEGER, nullable=False, server_default=sa.text("1")),
    sa.Column("translator", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.CheckConstraint("role IN ('officer', 'supervisor', 'admin')", name="ck_users_role"),
    sa.Index("idx_users_office", "office_id"),
    sa.Index("idx_users_username", "username", unique=True),
)

login_failures = sa.Table(
    "login_failures", metadata,
    sa.Column("username", TEXT, primary_key=True),
    sa.Column("failures", INTEGER, nullable=False),
    sa.Column("last_failure_at", TEXT, nullable=False),
)

login_failures_by_address = sa.Table(
    "login_failures_by_address", metadata,
    sa.Column("address", TEXT, primary_key=True),
    sa.Column("failures", INTEGER, nullable=False),
    sa.Column("last_failure_at", TEXT, nullable=False),
)

session_generations = sa.Table(
    "session_generations", metadata,
    sa.Column("user_id", TEXT, primary_key=True),
    sa.Column("generation", INTEGER, nullable=False),
)

form_submissions = sa.Table(
    "form_submissions", metadata,
    sa.Column("key", TEXT, primary_key=True),
    sa.Column("location", TEXT, nullable=False),
    sa.Column("user_id", TEXT),
    sa.Column("submitted_at", TEXT, nullable=False),
    sa.Index("idx_form_submissions_at", "submitted_at"),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", INTEGER, sa.Identity(), primary_key=True),
    sa.Column("at", TEXT, nullable=False),
    sa.Column("user_id", TEXT),
    sa.Column("device_id", TEXT),
    sa.Column("address", TEXT),
    sa.Column("action", TEXT, nullable=False),
    sa.Column("table_name", TEXT),
    sa.Column("row_id", TEXT),
    sa.Column("detail", TEXT),
    sa.Index("idx_audit_log_action", "action", "id"),
    sa.Index("idx_audit_log_at", "at"),
    sa.Index("idx_audit_log_device", "device_id", "id", **where("device_id IS NOT NULL")),
    sa.Index("idx_audit_log_row", "table_name", "row_id", "id"),
    sa.Index("idx_audit_log_user", "user_id", "id", **where("user_id IS NOT NULL")),
)


# Records (synced; each keeps its fields' clocks in sync_clock) and their history

households = sa.Table(
    "households", metadata,
    *record_columns(),
    sa.Column("village_id", TEXT, reference("villages.id"), nullable=False),
    sa.Column("head_person_id", TEXT),
    sa.Column("address_note", TEXT, nullable=False, server_default=""),
    sa.Column("ethnicity", TEXT),
    sa.Column("language", TEXT, nullable=False, server_default="vi"),
    sa.Column("phone", TEXT, nullable=False, server_default=""),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Column("removed_reason", TEXT),
    sa.Column("numbers_erased_at", TEXT),
    sa.Index("idx_households_phone", "phone", **where("phone != ''")),
    sa.Index("idx_households_village", "village_id"),
)

people = sa.Table(
    "people", metadata,
    *record_columns(),
    sa.Column("household_id", TEXT, reference("households.id"), nullable=False),
    sa.Column("full_name", TEXT, nullable=False),
    sa.Column("name_key", TEXT, nullable=False),
    sa.Column("gender", TEXT, nullable=False),
    sa.Column("birth_year", INTEGER, nullable=False),
    sa.Column("birth_date", TEXT),
    sa.Column("relation", TEXT, nullable=False),
    sa.Column("ethnicity", TEXT),
    sa.Column("cccd", TEXT),
    sa.Column("bhxh_number", TEXT),
    sa.Column("bhyt_card_type", TEXT),
    sa.Column("bhyt_expiry", TEXT),
    sa.Column("bhxh_status", TEXT, nullable=False, server_default="none"),
    sa.Column("vssid", TEXT, nullable=False, server_default="unknown"),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Column("removed_reason", TEXT),
    sa.Column("numbers_erased_at", TEXT),
    sa.CheckConstraint("gender IN ('female', 'male', 'other')", name="ck_people_gender"),
    sa.CheckConstraint("bhxh_status IN ('none', 'mandatory', 'voluntary', 'pension')",
                       name="ck_people_bhxh_status"),
    sa.CheckConstraint("vssid IN ('installed', 'not_installed', 'unknown')",
                       name="ck_people_vssid"),
    sa.Index("idx_people_bhxh_number", "bhxh_number", **where("bhxh_number IS NOT NULL")),
    sa.Index("idx_people_bhyt_expiry", "bhyt_expiry", **where("bhyt_expiry IS NOT NULL")),
    sa.Index("idx_people_birth_year", "birth_year", "name_key"),
    sa.Index("idx_people_cccd", "cccd", **where("cccd IS NOT NULL")),
    sa.Index("idx_people_household", "household_id"),
    sa.Index("idx_people_name_key", "name_key"),
)

visits = sa.Table(
    "visits", metadata,
    *record_columns(),
    sa.Column("household_id", TEXT, reference("households.id"), nullable=False),
    sa.Column("visited_at", TEXT, nullable=False),
    sa.Column("officer_id", TEXT, reference("users.id"), nullable=False),
    sa.Column("companions", TEXT, nullable=False, server_default=""),
    sa.Column("language", TEXT, nullable=False, server_default="vi"),
    sa.Column("nobody_home", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("present", TEXT, nullable=False, server_default="[]"),
    sa.Column("topics", TEXT, nullable=False, server_default="[]"),
    sa.Column("materials", TEXT, nullable=False, server_default="[]"),
    sa.Column("follow_up_on", TEXT),
    sa.Column("notes", TEXT, nullable=False, server_default=""),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Column("removed_reason", TEXT),
    sa.Column("status_changes", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_visits_follow_up", "follow_up_on", **where("follow_up_on IS NOT NULL")),
    sa.Index("idx_visits_household", "household_id", "visited_at"),
    sa.Index("idx_visits_officer", "officer_id", "visited_at"),
)

visit_outcomes = sa.Table(
    "visit_outcomes", metadata,
    *record_columns(),
    sa.Column("visit_id", TEXT, reference("visits.id"), nullable=False),
    sa.Column("person_id", TEXT, reference("people.id"), nullable=False),
    sa.Column("outcome", TEXT, nullable=False),
    sa.Column("decline_reason", TEXT),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.CheckConstraint("outcome IN ('voluntary_bhxh', 'household_bhyt',"
                       " 'vssid_installed', 'interested', 'declined')",
                       name="ck_visit_outcomes_outcome"),
    sa.Index("idx_visit_outcomes_person", "person_id"),
    sa.Index("idx_visit_outcomes_visit", "visit_id"),
)

group_sessions = sa.Table(
    "group_sessions", metadata,
    *record_columns(),
    sa.Column("held_at", TEXT, nullable=False),
    sa.Column("commune_code", INTEGER, reference("communes.code"), nullable=False),
    sa.Column("village_id", TEXT, reference("villages.id")),
    sa.Column("place", TEXT, nullable=False, server_default=""),
    sa.Column("format", TEXT, nullable=False),
    sa.Column("target_group", TEXT, nullable=False),
    sa.Column("topics", TEXT, nullable=False, server_default="[]"),
    sa.Column("languages", TEXT, nullable=False, server_default="[]"),
    sa.Column("facilitators", TEXT, nullable=False, server_default="[]"),
    sa.Column("outside_facilitators", TEXT, nullable=False, server_default=""),
    sa.Column("attendees_total", INTEGER, nullable=False),
    sa.Column("attendees_female", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("attendees_male", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("attendees_gender_unknown", INTEGER, nullable=False,
              server_default=sa.text("0")),
    sa.Column("attendees_by_ethnicity", TEXT, nullable=False, server_default="{}"),
    sa.Column("materials", TEXT, nullable=False, server_default="[]"),
    sa.Column("notes", TEXT, nullable=False, server_default=""),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Column("removed_reason", TEXT),
    sa.Index("idx_group_sessions_commune", "commune_code", "held_at"),
    sa.Index("idx_group_sessions_held", "held_at"),
)

session_attendees = sa.Table(
    "session_attendees", metadata,
    *record_columns(),
    sa.Column("session_id", TEXT, reference("group_sessions.id"), nullable=False),
    sa.Column("person_id", TEXT, reference("people.id"), nullable=False),
    sa.Column("outcomes", TEXT, nullable=False, server_default="[]"),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_session_attendees_person", "person_id"),
    sa.Index("idx_session_attendees_session", "session_id"),
)

scripts = sa.Table(
    "scripts", metadata,
    *record_columns(),
    sa.Column("target_group", TEXT, nullable=False),
    sa.Column("topic", TEXT, nullable=False),
    sa.Column("sample", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_scripts_topic", "topic", "target_group"),
)

script_texts = sa.Table(
    "script_texts", metadata,
    *record_columns(),
    sa.Column("script_id", TEXT, reference("scripts.id"), nullable=False),
    sa.Column("language", TEXT, nullable=False),
    sa.Column("revision", INTEGER, nullable=False),
    sa.Column("title", TEXT, nullable=False),
    sa.Column("key_messages", TEXT, nullable=False),
    sa.Column("questions", TEXT, nullable=False, server_default="[]"),
    sa.Column("reviewed", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_script_texts_revision", "script_id", "language", "revision", unique=True),
)

policy_figures = sa.Table(
    "policy_figures", metadata,
    *record_columns(),
    sa.Column("key", TEXT, nullable=False),
    sa.Column("value", REAL, nullable=False),
    sa.Column("unit", TEXT, nullable=False),
    sa.Column("effective_from", TEXT, nullable=False),
    sa.Column("source", TEXT, nullable=False),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Column("note", TEXT, nullable=False, server_default=""),
    sa.Column("confirmed", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Index("idx_policy_figures_key", "key", "effective_from"),
)

list_items = sa.Table(
    "list_items", metadata,
    *record_columns(),
    sa.Column("list", TEXT, nullable=False),
    sa.Column("code", TEXT, nullable=False),
    sa.Column("label", TEXT, nullable=False),
    sa.Column("position", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("active", INTEGER, nullable=False, server_default=sa.text("1")),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_list_items_code", "list", "code", unique=True),
)

translation_reviews = sa.Table(
    "translation_reviews", metadata,
    *record_columns(),
    sa.Column("language", TEXT, nullable=False),
    sa.Column("msgid", TEXT, nullable=False),
    sa.Column("msgstr", TEXT, nullable=False),
    sa.Column("reviewed", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_translation_reviews_key", "language", "msgid"),
)

targets = sa.Table(
    "targets", metadata,
    *record_columns(),
    sa.Column("office_id", TEXT, reference("offices.id"), nullable=False),
    sa.Column("commune_code", INTEGER, reference("communes.code")),
    sa.Column("year", INTEGER, nullable=False),
    sa.Column("month", INTEGER),
    sa.Column("households", INTEGER),
    sa.Column("people", INTEGER),
    sa.Column("sessions", INTEGER),
    sa.Column("voluntary_bhxh", INTEGER),
    sa.Column("household_bhyt", INTEGER),
    sa.Column("vssid_installed", INTEGER),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.CheckConstraint("month BETWEEN 1 AND 12", name="ck_targets_month"),
    sa.CheckConstraint("households >= 0", name="ck_targets_households"),
    sa.CheckConstraint("people >= 0", name="ck_targets_people"),
    sa.CheckConstraint("sessions >= 0", name="ck_targets_sessions"),
    sa.CheckConstraint("voluntary_bhxh >= 0", name="ck_targets_voluntary_bhxh"),
    sa.CheckConstraint("household_bhyt >= 0", name="ck_targets_household_bhyt"),
    sa.CheckConstraint("vssid_installed >= 0", name="ck_targets_vssid_installed"),
    sa.Index("idx_targets_office", "office_id", "year", "month"),
)

sync_conflicts = sa.Table(
    "sync_conflicts", metadata,
    *record_columns(),
    sa.Column("table_name", TEXT, nullable=False),
    sa.Column("row_id", TEXT, nullable=False),
    sa.Column("field", TEXT, nullable=False),
    sa.Column("kept_value", TEXT),
    sa.Column("kept_hlc", TEXT, nullable=False),
    sa.Column("lost_value", TEXT),
    sa.Column("lost_hlc", TEXT, nullable=False),
    sa.Column("scope_commune", INTEGER),
    sa.Column("scope_office", TEXT),
    sa.Column("resolved_at", TEXT),
    sa.Column("resolution", TEXT),
    sa.Column("sync_clock", TEXT, nullable=False, server_default="{}"),
    sa.Index("idx_sync_conflicts_open", "resolved_at", "table_name"),
)

history = sa.Table(
    "history", metadata,
    sa.Column("id", INTEGER, sa.Identity(), primary_key=True),
    sa.Column("table_name", TEXT, nullable=False),
    sa.Column("row_id", TEXT, nullable=False),
    sa.Column("at", TEXT, nullable=False),
    sa.Column("user_id", TEXT),
    sa.Column("action", TEXT, nullable=False),
    sa.Column("changes", TEXT, nullable=False),
    sa.CheckConstraint("action IN ('insert', 'update', 'delete')", name="ck_history_action"),
    sa.Index("idx_history_row", "table_name", "row_id", "id"),
)


# Reach: who was reached when (kept by SQLite's triggers, see SQLITE_ONLY), and its counts

reach = sa.Table(
    "reach", metadata,
    sa.Column("source_id", TEXT, nullable=False),
    sa.Column("day", TEXT, nullable=False),
    sa.Column("commune_code", INTEGER, nullable=False),
    sa.Column("village_id", TEXT),
    sa.Column("officer_id", TEXT),
    sa.Column("household_id", TEXT),
    sa.Column("person_id", TEXT),
    sa.Column("kind", TEXT, nullable=False),
    sa.Index("idx_reach_household", "household_id", "day"),
    sa.Index("idx_reach_kind", "kind", "day", "commune_code", "officer_id", "household_id",
             "person_id", "village_id"),
    sa.Index("idx_reach_person", "person_id", "day"),
    sa.Index("idx_reach_source", "source_id"),
)

reach_months = sa.Table(
    "reach_months", metadata,
    sa.Column("entity", TEXT, nullable=False),
    sa.Column("kind", TEXT, nullable=False),
    sa.Column("year", INTEGER, nullable=False),
    sa.Column("dim", TEXT, nullable=False),
    sa.Column("office_id", TEXT, nullable=False),
    sa.Column("key", TEXT, nullable=False, info=UNTYPED_KEY),
    sa.Column("months", INTEGER, nullable=False),
    sa.PrimaryKeyConstraint("entity", "kind", "year", "dim", "office_id", "key"),
    sqlite_with_rowid=False,
)

reach_counts = sa.Table(
    "reach_counts", metadata,
    sa.Column("dim", TEXT, nullable=False),
    sa.Column("office_id", TEXT, nullable=False),
    sa.Column("key", TEXT, nullable=False, info=UNTYPED_KEY),
    sa.Column("year", INTEGER, nullable=False),
    sa.Column("kind", TEXT, nullable=False),
    sa.Column("months", INTEGER, nullable=False),
    sa.Column("n", INTEGER, nullable=False),
    sa.PrimaryKeyConstraint("dim", "office_id", "key", "year", "kind", "months"),
    # A year's counts of one group across every office, read from the index alone (step 0020).
    sa.Index("idx_reach_counts_year", "dim", "year", "kind", "office_id", "key", "months", "n"),
    sqlite_with_rowid=False,
)

reach_shared = sa.Table(
    "reach_shared", metadata,
    sa.Column("year", INTEGER, nullable=False),
    sa.Column("kind", TEXT, nullable=False),
    sa.Column("n", INTEGER, nullable=False),
    sa.PrimaryKeyConstraint("year", "kind"),
    sqlite_with_rowid=False,
)


# The sync engine's own tables (sync.store.SCHEMA_TABLES)

sync_state = sa.Table(
    "sync_state", metadata,
    sa.Column("key", TEXT, primary_key=True),
    sa.Column("value", TEXT, nullable=False),
)

sync_log = sa.Table(
    "sync_log", metadata,
    sa.Column("seq", INTEGER, sa.Identity(), primary_key=True),
    sa.Column("table_name", TEXT, nullable=False),
    sa.Column("row_id", TEXT, nullable=False),
    sa.Column("fields", TEXT, nullable=False),
    sa.Column("origin", TEXT, nullable=False),
    sa.Column("scope_commune", INTEGER),
    sa.Column("scope_office", TEXT),
    sa.Column("origin_has_it", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("trail", TEXT),
    sa.Index("idx_sync_log_row", "table_name", "row_id"),
    sa.Index("idx_sync_log_commune", "scope_commune", "seq",
             **where("scope_commune IS NOT NULL")),
    sa.Index("idx_sync_log_office", "scope_office", "seq",
             **where("scope_office IS NOT NULL")),
    sa.Index("idx_sync_log_shared", "seq",
             **where("scope_commune IS NULL AND scope_office IS NULL")),
)

sync_extra = sa.Table(
    "sync_extra", metadata,
    sa.Column("table_name", TEXT, nullable=False),
    sa.Column("row_id", TEXT, nullable=False),
    sa.Column("field", TEXT, nullable=False),
    sa.Column("value", TEXT),
    sa.Column("hlc", TEXT, nullable=False),
    sa.PrimaryKeyConstraint("table_name", "row_id", "field"),
)

sync_inbox = sa.Table(
    "sync_inbox", metadata,
    sa.Column("table_name", TEXT, nullable=False),
    sa.Column("row_id", TEXT, nullable=False),
    sa.Column("fields", TEXT, nullable=False),
    sa.Column("reason", TEXT, nullable=False),
    sa.Column("received_at", TEXT, nullable=False),
    sa.Column("position", INTEGER, nullable=False),
    sa.PrimaryKeyConstraint("table_name", "row_id"),
)

sync_refused = sa.Table(
    "sync_refused", metadata,
    sa.Column("table_name", TEXT, nullable=False),
    sa.Column("row_id", TEXT, nullable=False),
    sa.Column("seq", INTEGER, nullable=False),
    sa.Column("code", TEXT, nullable=False),
    sa.Column("reason", TEXT, nullable=False),
    sa.Column("at", TEXT, nullable=False),
    sa.PrimaryKeyConstraint("table_name", "row_id"),
)

devices = sa.Table(
    "devices", metadata,
    sa.Column("id", TEXT, primary_key=True),
    sa.Column("name", TEXT, nullable=False),
    sa.Column("office_id", TEXT, reference("offices.id"), nullable=False),
    sa.Column("secret_hash", TEXT, nullable=False),
    sa.Column("enrolled_at", TEXT, nullable=False),
    sa.Column("enrolled_by", TEXT),
    sa.Column("revoked_at", TEXT),
    sa.Column("last_seen_at", TEXT),
    sa.Column("last_seq", INTEGER, nullable=False, server_default=sa.text("0")),
    sa.Column("app_version", TEXT),
    sa.Column("pull_bound", INTEGER),
    sa.Column("split_from", TEXT),
    sa.Column("split_at", TEXT),
)

enrolment_codes = sa.Table(
    "enrolment_codes", metadata,
    sa.Column("code_hash", TEXT, primary_key=True),
    sa.Column("office_id", TEXT, reference("offices.id"), nullable=False),
    sa.Column("created_at", TEXT, nullable=False),
    sa.Column("created_by", TEXT),
    sa.Column("expires_at", TEXT, nullable=False),
    sa.Column("used_at", TEXT),
    sa.Column("device_id", TEXT),
)

device_refusals = sa.Table(
    "device_refusals", metadata,
    sa.Column("device_id", TEXT, nullable=False),
    sa.Column("seq", INTEGER, nullable=False),
    sa.Column("table_name", TEXT, nullable=False),
    sa.Column("row_id", TEXT, nullable=False),
    sa.Column("code", TEXT, nullable=False),
    sa.Column("reason", TEXT, nullable=False),
    sa.Column("at", TEXT, nullable=False),
    sa.PrimaryKeyConstraint("device_id", "seq"),
)

device_pushes = sa.Table(
    "device_pushes", metadata,
    sa.Column("device_id", TEXT, nullable=False),
    sa.Column("seq", INTEGER, nullable=False),
    sa.Column("digest", TEXT, nullable=False),
    sa.PrimaryKeyConstraint("device_id", "seq"),
    sqlite_with_rowid=False,
)
