"""fieldapp's settings: their defaults, where they come from, and the checks made at start.

An install's settings live in its instance folder's `config.py` (`CENTRAL = True`, say), and
`FIELDAPP_<NAME>` in the environment overrides them (the central server's database key comes
from there, never from a file). `check` refuses a setting the app cannot run with, at start and
with a message that names it, rather than on the first page that needs it.
"""

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import clock

DATABASE_FILE = "fieldapp.sqlite3"

# Read from the environment as FIELDAPP_<NAME>; a number or a yes/no is converted as its
# default is.
FROM_ENVIRONMENT = ("DATABASE_URL", "DATABASE_KEY", "TIMEZONE", "WORKERS", "BEHIND_PROXY",
                    "ENCRYPTED")


class ConfigError(ValueError):
    """A setting the app cannot start with; its message names the setting and says why."""


def defaults(instance_path):
    """Every setting with its default for an install in that instance folder."""
    return dict(
        DATABASE=os.path.join(instance_path, DATABASE_FILE),
        # sqlite:////path/to/file (the default is the instance's file), or for the central
        # server postgresql://user:password@host:port/database (docs/deployment.md).
        DATABASE_URL=None,
        # The SQLCipher key of an encrypted central database (laptops unwrap theirs at login):
        # a raw 256-bit key, 64 hex digits (`python -c "import secrets;
        # print(secrets.token_hex(32))"`), never a passphrase.
        DATABASE_KEY=None,
        # A laptop's database is encrypted (SQLCipher), its key wrapped by each local user's
        # password in instance/keys.json: on for every install (FIELDAPP_ENCRYPTED=no turns it
        # off, as the test suite does for the installs it starts); tests' apps when they ask.
        ENCRYPTED=True,
        # scrypt's cost (N) for the key slots of keys.json: about 0.1 s and 32 MB a login.
        KEY_SLOT_SCRYPT_N=2 ** 15,
        # The central server: merges every laptop's records and serves the sync API.
        CENTRAL=False,
        # Server processes the central server runs (`run.py --central`); a laptop runs one.
        WORKERS=None,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        # Failed logins: after this many in a row, each further attempt waits longer. Per
        # username briefly (a stranger must not hold a real user up for long), per client
        # address for longer (one address guessing many names).
        LOGIN_FREE_ATTEMPTS=5,
        LOGIN_BASE_DELAY_SECONDS=2,
        LOGIN_MAX_DELAY_SECONDS=60,
        LOGIN_ADDRESS_FREE_ATTEMPTS=20,
        LOGIN_ADDRESS_MAX_DELAY_SECONDS=60 * 60,
        # The laptop's zone: recorded UTC times are shown in it, and "today" is its day.
        TIMEZONE=clock.DEFAULT_ZONE,
        # A session unused for a working day ends; so does every session at logout.
        SESSION_IDLE_HOURS=10,
        # Served through a TLS reverse proxy: trust its X-Forwarded-For and -Proto (one hop).
        BEHIND_PROXY=False,
        # Automatic backups kept in the instance's backups folder (daily, before an upgrade or
        # a restore), newest first; those made by hand are never removed.
        BACKUPS_KEPT=14,
    )


def load(app, test_config=None, central=None):
    """Fill app.config: defaults, then the instance's config.py and the environment (or the
    test's mapping), and `central` when given (run.py --central), then check it."""
    app.config.from_mapping(defaults(app.instance_path))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(from_environment(os.environ, app.config))
    else:
        # A test's database stays plain (and fast) unless the test asks for encryption.
        app.config["ENCRYPTED"] = False
        app.config.from_mapping(test_config)
    if central is not None:
        app.config["CENTRAL"] = central
    check(app.config)


def from_environment(environ, config):
    """The FIELDAPP_<NAME> settings set in the environment, converted like their defaults."""
    found = {}
    for name in FROM_ENVIRONMENT:
        text = environ.get(f"FIELDAPP_{name}")
        if text is None:
            continue
        if isinstance(config.get(name), bool):
            found[name] = text.strip().lower() in ("1", "yes", "true", "on")
        else:
            found[name] = text
    return found


def check(config):
    """Raise ConfigError naming the first setting the app cannot run with; normalise the rest."""
    url = config.get("DATABASE_URL")
    if url and is_postgresql(url):
        check_postgresql(config)
    elif url:
        config["DATABASE"] = database_path(url)
    try:
        clock.named(config["TIMEZONE"])
    except Exception:
        raise ConfigError(f"TIMEZONE {config['TIMEZONE']!r} is not a time zone name such as "
                          f"'Asia/Ho_Chi_Minh'") from None
    workers = config.get("WORKERS")
    if workers is not None:
        config["WORKERS"] = _whole_number("WORKERS", workers, at_least=1)
    for name in ("LOGIN_FREE_ATTEMPTS", "LOGIN_BASE_DELAY_SECONDS", "LOGIN_MAX_DELAY_SECONDS",
                 "LOGIN_ADDRESS_FREE_ATTEMPTS", "LOGIN_ADDRESS_MAX_DELAY_SECONDS",
                 "SESSION_IDLE_HOURS"):
        config[name] = _whole_number(name, config[name], at_least=0)
    # At least one: the backup made before a restore is what the restore replaced.
    config["BACKUPS_KEPT"] = _whole_number("BACKUPS_KEPT", config["BACKUPS_KEPT"], at_least=1)
    key = config.get("DATABASE_KEY")
    if key is not None and not str(key).strip():
        raise ConfigError("DATABASE_KEY is set but empty: set the key, or unset it")
    if key is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", str(key).strip()):
        raise ConfigError("DATABASE_KEY must be a raw 256-bit key of 64 hex digits (make one "
                          "with: python -c \"import secrets; print(secrets.token_hex(32))\"); "
                          "a passphrase is not accepted")
    n = config.get("KEY_SLOT_SCRYPT_N")
    if not isinstance(n, int) or n < 2 or n & (n - 1):
        raise ConfigError(f"KEY_SLOT_SCRYPT_N {n!r} must be a power of 2, such as 32768")
    folder = Path(config["DATABASE"]).parent
    if not is_postgresql(config["DATABASE"]) and not folder.is_dir():
        raise ConfigError(f"DATABASE {config['DATABASE']}: the folder {folder} does not exist")


def is_postgresql(url):
    """The URL names a PostgreSQL database (postgresql:// or postgres://)."""
    return str(url).startswith(("postgresql://", "postgres://"))


def check_postgresql(config):
    """A postgresql:// DATABASE_URL: the central server's only, without a SQLCipher key; the
    URL itself is then what DATABASE names (fieldapp.db.connect opens either)."""
    url = str(config["DATABASE_URL"]).strip()
    if not config.get("CENTRAL"):
        raise ConfigError("DATABASE_URL: PostgreSQL is for the central server only (CENTRAL ="
                          " True, or run.py --central); a laptop keeps its data in SQLite")
    if config.get("DATABASE_KEY") is not None:
        raise ConfigError("DATABASE_KEY encrypts an SQLite file; with a postgresql://"
                          " DATABASE_URL unset it (PostgreSQL's data is protected by its"
                          " server: disk encryption, TLS, its own accounts)")
    parsed = urlparse(url)
    if not parsed.path.strip("/") and "dbname=" not in parsed.query:
        raise ConfigError("DATABASE_URL: name the database, as in"
                          " postgresql://user:password@host:5432/fieldapp")
    config["DATABASE_URL"] = config["DATABASE"] = url


def database_path(url):
    """The file a sqlite:/// URL names (four slashes for an absolute path, as SQLAlchemy reads
    it); ConfigError for any other kind of database."""
    parsed = urlparse(str(url))
    if parsed.scheme != "sqlite" or len(parsed.path) < 2 or parsed.netloc:
        raise ConfigError(f"DATABASE_URL {url!r} is not sqlite:///path/to/file")
    return unquote(parsed.path[1:])


def _whole_number(name, value, at_least):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} {value!r} is not a whole number") from None
    if number < at_least or isinstance(value, float) and value != number:
        raise ConfigError(f"{name} {value!r} must be a whole number of at least {at_least}")
    return number
