"""Users, roles, passwords and the slowing down of repeated failed logins."""

import functools
import string
from datetime import timedelta
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from sync import capture, clock as engine_clock, policy, server

from . import clock, store
from .i18n import lazy_gettext as _l
from .text import fold
from .vocabulary import ROLES

MIN_PASSWORD_LENGTH = 10
COMMON_PASSWORDS_FILE = Path(__file__).parent / "seed" / "common_passwords.txt"

# Checked when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password")


class UsernameTaken(ValueError):
    pass


def normalise_username(username):
    return (username or "").strip().lower()


def hash_password(password):
    """scrypt, Werkzeug's default KDF."""
    return generate_password_hash(password)


@functools.cache
def common_passwords():
    """The built-in list of passwords guessed first, folded (see the file for its source)."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


def _letters(text):
    """Only the letters, folded: 'Giàng A Dế' -> 'giangade'."""
    return "".join(c for c in fold(text) if c.isalpha())


def password_weakness(password, *, username="", full_name=""):
    """Why this password is too easy to guess, as a message to show; None when it will do."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _l("Use at least %(min)d characters.", min=MIN_PASSWORD_LENGTH)
    kinds = {"letter" if c.isalpha() else "digit" if c.isdigit() else "sign" for c in password}
    if len(kinds) < 2:
        return _l("Mix letters with digits or signs: not only letters, not only digits.")
    letters = _letters(password)
    for name in (_letters(username), _letters(full_name)):
        # A short name inside a longer password is chance ("moi" in "mọi-người-1"); a longer
        # one is the first thing tried.
        if name and (letters == name or (len(name) >= 4 and name in letters)):
            return _l("Do not use the username or the person's name.")
    folded = fold(password)
    if {folded, folded.strip(string.digits + string.punctuation + " ")} & common_passwords():
        return _l("This password is among the most common ones. Choose another.")
    return None


def user_by_id(db, user_id):
    return db.one("select * from users where id = ? and deleted_at is null", [user_id])


def user_by_username(db, username):
    return db.one("select * from users where username = ? and deleted_at is null",
                  [normalise_username(username)])


def users(db, office_id=None):
    """Users with their office's name, optionally of one office."""
    sql = """select u.id, u.username, u.full_name, u.role, u.active, u.office_id, u.translator,
                    o.name as office_name
               from users u join offices o on o.id = u.office_id
              where u.deleted_at is null"""
    params = []
    if office_id:
        sql += " and u.office_id = ?"
        params.append(office_id)
    return list(db.query(sql + " order by o.name, u.full_name", params))


def field_logins(db, office_id):
    """The office's active field users whose password opens this database: who can log in on
    an enrolled laptop (sync.policy.logs_in_offline; no other account's hash reaches one)."""
    roles = sorted(policy.OFFLINE_LOGIN_ROLES)
    return list(db.query(
        f"""select id, username, full_name, role from users
             where office_id = ? and deleted_at is null and active = 1
               and role in ({",".join("?" * len(roles))})
               and password_hash like '%$%' order by full_name""", [office_id, *roles]))


def create_user(db, *, username, full_name, password, role, office_id, user_id, locale=None,
                translator=False, row_id=None):
    username = normalise_username(username)
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    with db.atomic():
        if user_by_username(db, username):
            raise UsernameTaken(username)
        return store.insert(db, "users", {
            **({"id": row_id} if row_id else {}),
            "username": username, "full_name": full_name.strip(),
            "password_hash": hash_password(password), "role": role,
            "office_id": office_id, "locale": locale, "active": 1,
            "translator": 1 if translator else 0,
        }, user_id=user_id)


def update_user(db, target_id, *, full_name, role, office_id, user_id, translator=False):
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    with db.atomic():
        left = store.get(db, "users", target_id)["office_id"]
        changed = store.update(db, "users", target_id,
                               {"full_name": full_name.strip(), "role": role,
                                "office_id": office_id, "translator": 1 if translator else 0},
                               user_id=user_id)
        if "office_id" in changed and capture.is_central(db.sync):
            # The office it left must hear of it too: its laptops withdraw the hash.
            server.account_moved(db.sync, target_id, (left, office_id))
    return changed


def set_password(db, target_id, password, *, user_id):
    """A new password, which ends every session of that user."""
    with db.atomic():
        store.update(db, "users", target_id, {"password_hash": hash_password(password)},
                     user_id=user_id)
        end_sessions(db, target_id)


def session_generation(db, user_id):
    """The generation a session of this user must carry to be valid (0 until one ended)."""
    return db.value("select generation from session_generations where user_id = ?",
                    [user_id]) or 0


def end_sessions(db, user_id):
    """End every session of the user (on this server): their generation moves on."""
    # Local bookkeeping, not a synced table: a session lives on one server.
    db.execute("""
        insert into session_generations (user_id, generation) values (?, 1)
        on conflict(user_id) do update set generation = session_generations.generation + 1""",
               [user_id])


def set_active(db, target_id, active, *, user_id):
    store.update(db, "users", target_id, {"active": 1 if active else 0}, user_id=user_id)


def set_locale(db, target_id, locale, *, user_id):
    store.update(db, "users", target_id, {"locale": locale}, user_id=user_id)


def login_delay(failures, free, most):
    """Seconds to wait before the next try after this many failures in a row: none for the
    first `free`, then LOGIN_BASE_DELAY_SECONDS doubling with each failure, at most `most`."""
    over = failures - free
    if over < 0:
        return 0
    return min(current_app.config["LOGIN_BASE_DELAY_SECONDS"] * 2 ** over, most)


# Each counter: its table, key column and settings (free failures, longest wait).
_COUNTERS = {
    "username": ("login_failures", "username",
                 "LOGIN_FREE_ATTEMPTS", "LOGIN_MAX_DELAY_SECONDS"),
    "address": ("login_failures_by_address", "address",
                "LOGIN_ADDRESS_FREE_ATTEMPTS", "LOGIN_ADDRESS_MAX_DELAY_SECONDS"),
}


def _failures(db, counter, key):
    """(failures in a row, when the last was) for this username or address; (0, None)."""
    table, column, _free, _most = _COUNTERS[counter]
    row = db.one(f"select failures, last_failure_at from {table} where {column} = ?", [key])
    return (row["failures"], engine_clock.parse(row["last_failure_at"])) if row else (0, None)


def _wait(counter, failed, now):
    """Seconds left to wait after `failed` = (failures in a row, when the last was)."""
    failures, last = failed
    if not failures:
        return 0
    _table, _column, free, most = _COUNTERS[counter]
    config = current_app.config
    ready_at = last + timedelta(seconds=login_delay(failures, config[free], config[most]))
    return max(0, int((ready_at - now).total_seconds() + 0.999))


def seconds_to_wait(db, username, now=None):
    """How long this username must wait before another password is checked (0: go ahead)."""
    username = normalise_username(username)
    return _wait("username", _failures(db, "username", username), now or clock.utcnow())


def seconds_to_wait_from(db, address, now=None):
    """How long this client address must wait before another password is checked."""
    return _wait("address", _failures(db, "address", address), now or clock.utcnow())


class Throttled(Exception):
    """Too many failed logins in a row: wait before trying again."""

    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds


class Inactive(Exception):
    """Right password, but an administrator deactivated the account."""


def authenticate(db, username, password, address=None, now=None):
    """The user for a right login, None for a wrong one; raise Throttled or Inactive.

    `address`: the client's address, counted on its own. A username's wait is short (a
    stranger can only hold an account up for a minute or so) and does not stop an address that
    has not been failing: its owner, arriving from elsewhere, gets in at once with the right
    password. An address that keeps failing waits longer and longer, whatever name it tries.
    """
    now = now or clock.utcnow()
    username = normalise_username(username)
    failed_here = _failures(db, "address", address) if address else (0, None)
    wait = _wait("address", failed_here, now)
    clean_address = address is not None and failed_here[0] == 0
    if not wait and not clean_address:
        wait = seconds_to_wait(db, username, now)
    if wait:
        raise Throttled(wait)
    user = user_by_username(db, username)
    if check_password_hash(user["password_hash"] if user else _DUMMY_HASH, password):
        db.execute("delete from login_failures where username = ?", [username])
        if address:
            db.execute("delete from login_failures_by_address where address = ?", [address])
        if not user["active"]:
            raise Inactive(username)
        return user
    # Local bookkeeping, not synced tables: each server throttles its own login form.
    _count_failure(db, "username", username, now)
    if address:
        _count_failure(db, "address", address, now)
    return None


# Written out, not built from _COUNTERS: a statement naming its table at run time could write
# any table, and tests/test_store.py keeps the synced ones to the store. An upsert names the
# table's own column by the table (PostgreSQL finds a bare name ambiguous beside `excluded`).
_COUNT_FAILURE = {
    "username": """
        insert into login_failures (username, failures, last_failure_at) values (?, 1, ?)
        on conflict(username) do update set failures = login_failures.failures + 1,
                                            last_failure_at = excluded.last_failure_at""",
    "address": """
        insert into login_failures_by_address (address, failures, last_failure_at)
        values (?, 1, ?)
        on conflict(address) do update set failures = login_failures_by_address.failures + 1,
                                           last_failure_at = excluded.last_failure_at""",
}


def _count_failure(db, counter, key, now):
    db.execute(_COUNT_FAILURE[counter], [key, engine_clock.stamp(now)])
