"""Start fieldapp on this laptop: migrate, seed a demo on a new database, serve on localhost."""

import argparse
import os
import sys
from pathlib import Path

import waitress

from fieldapp import accounts, create_app, demo, keys
from fieldapp.config import ConfigError
from fieldapp.db import (WrongKey, get_db, is_postgresql, shared_pages_folder, shown_url,
                         upgrade)
from fieldapp.db import is_new as db_is_new
from sync import pages


# Merges take turns on the one SQLite file whatever the count: more workers than this only
# add memory and contention.
MAX_WORKERS = 9
# Seconds a worker may go silent (a request longer than this is cut) and may take to finish
# its requests when the server stops.
WORKER_TIMEOUT, GRACEFUL_TIMEOUT = 120, 10


def default_workers():
    return min(4 * (os.cpu_count() or 1) + 1, MAX_WORKERS)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Run fieldapp: apply migrations, seed a demo into a new database, and serve "
                    "the app on this computer.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1, this computer only; "
                             "env HOST)")
    parser.add_argument("--port", type=int, default=os.environ.get("PORT"),
                        help="port to listen on (default 5000, or 5001 with --central; env PORT)")
    parser.add_argument("--instance", default=os.environ.get("INSTANCE"),
                        help="instance folder holding the database, secret key and settings "
                             "(default ./instance, or ./instance-central with --central; "
                             "env INSTANCE)")
    parser.add_argument("--central", action="store_true",
                        help="run as the central server: merge every laptop's records, serve "
                             "the sync API under /api/v1 and the central admin pages "
                             "(default port 5001)")
    parser.add_argument("--no-demo", action="store_true",
                        help="do not seed the demo office and accounts into a new database")
    parser.add_argument("--threads", type=int, default=os.environ.get("THREADS"),
                        help="threads serving requests (default 4; with --central, in each "
                             "worker process, default 1; env THREADS)")
    parser.add_argument("--workers", type=int, default=os.environ.get("WORKERS"),
                        help="with --central: worker processes serving requests (default "
                             f"{default_workers()}: four times the cores plus one, at most "
                             f"{MAX_WORKERS}; env WORKERS)")
    args = parser.parse_args(argv)
    args.workers = int(args.workers or default_workers())
    # A central server's merges take turns: a worker of one thread gives the one merging the
    # whole of its interpreter, where threads sharing it slowed each merge about twofold.
    args.threads = int(args.threads or (1 if args.central else 4))
    if args.workers < 1 or args.threads < 1:
        parser.error("--workers and --threads need at least 1")
    args.instance = args.instance or ("instance-central" if args.central else "instance")
    args.port = int(args.port or (5001 if args.central else 5000))
    return args


def prepare(instance, seed_demo=True, central=False):
    """Create the app, encrypt its database if it is not yet, migrate it and seed the demo if
    the database is new. A locked laptop (encrypted, not opened yet) migrates at its first
    login instead."""
    app = create_app(instance_path=instance, central=central or None)
    central = app.config["CENTRAL"]
    if central:
        # Remembered in the instance, so `flask --app fieldapp` commands run as central too.
        config = Path(app.instance_path) / "config.py"
        if "CENTRAL" not in (config.read_text() if config.exists() else ""):
            with config.open("a") as f:
                f.write("CENTRAL = True\n")
    if keys.should_encrypt(app):
        code, backup = keys.encrypt(app)
        if backup:
            print(f"database encrypted; the plain copy it was made from: {backup} (delete it "
                  f"once a backup of the encrypted database exists)")
        if code:
            for line in keys.recovery_code_lines(code):
                print(line)
    if keys.locked(app):
        print("database encrypted and locked: the first login opens it")
        return app
    with app.app_context():
        db = get_db()
        is_new = db_is_new(db)
        for name in upgrade(db, central=central):
            print(f"migration applied: {name}")
        if is_new and seed_demo:
            demo.seed_demo_instance(db, app.instance_path, central=central)
            # The demo's accounts open the encrypted laptop from its next start on.
            for username, password in demo.read_logins(app.instance_path).items():
                user = accounts.user_by_username(db, username)
                if user is not None:
                    keys.remember_password(app, user, password)
    return app


def main(argv=None):
    args = parse_args(argv)
    try:
        app = prepare(args.instance, seed_demo=not args.no_demo, central=args.central)
    except (ConfigError, keys.ConversionFailed, WrongKey) as e:
        print(f"fieldapp cannot start: {e}", file=sys.stderr)
        return 2
    role = "central server" if app.config["CENTRAL"] else "fieldapp"
    print(f"{role} is running at http://{args.host}:{args.port}/")
    print(f"data: {shown_url(app.config['DATABASE'])}")
    print(encryption_note(app))
    logins = demo.read_logins(app.instance_path)
    if logins:
        roles = {username: role for username, _, role in
                 demo.DEMO_USERS + demo.CENTRAL_DEMO_USERS}
        print("demo logins:")
        for username, password in logins.items():
            print(f"  {roles.get(username, ''):<11} username {username:<8} password {password}")
    if app.config["CENTRAL"]:
        print(f"workers: {args.workers} processes of {args.threads} "
              f"thread{'' if args.threads == 1 else 's'}")
        print("press Ctrl+C to stop", flush=True)
        serve_central(app, args.host, args.port, args.workers, args.threads)
    else:
        print("press Ctrl+C to stop", flush=True)
        # A laptop: one process, one user.
        waitress.serve(app, host=args.host, port=args.port, threads=args.threads,
                       ident="fieldapp", _quiet=True)


def encryption_note(app):
    if is_postgresql(app.config["DATABASE"]):
        return "database: PostgreSQL (protected by its server: TLS, its accounts, its disks)"
    if app.config["CENTRAL"]:
        if app.config.get("DATABASE_KEY"):
            return "database: encrypted (SQLCipher, key from FIELDAPP_DATABASE_KEY)"
        return "database: NOT encrypted (set FIELDAPP_DATABASE_KEY to encrypt it)"
    if keys.encrypted_laptop(app):
        return "database: encrypted (SQLCipher; each user's password opens it)"
    return "database: NOT encrypted (ENCRYPTED = False in the instance's config.py)"


def serve_central(app, host, port, workers, threads):
    """Serve the central server with gunicorn: `workers` processes forked from this one, each
    opening its own database connections per request; merges take turns across them in the
    database (sync.store's merging(): BEGIN IMMEDIATE), not by any lock of one process."""
    from gunicorn.app.base import BaseApplication  # POSIX only, as the central server is

    from fieldapp.central_migrate import PID_FILE, running_server
    pidfile = os.path.join(app.instance_path, PID_FILE)
    if os.path.exists(pidfile) and running_server(app.instance_path) is None:
        # Left by a server killed or a machine restarted: gunicorn refuses to start while it
        # names any live process, and after a restart its number may be another program's.
        os.remove(pidfile)
    # Pages shared by the last run's workers: its database may have been restored since.
    pages.clear_shared(shared_pages_folder(app))

    class Central(BaseApplication):
        def load_config(self):
            settings = {"bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                        "workers": workers, "threads": threads, "worker_class": "gthread",
                        # A worker takes a connection only when one of its threads is free. By
                        # default each takes up to 1,000 whatever its threads: an evening's
                        # syncs queued behind the busiest workers (one busy 77 s of 81, another
                        # 6 s) while others stood idle. Kept-alive connections would hold those
                        # places: none (a proxy in front keeps its own with the laptops).
                        "worker_connections": threads, "keepalive": 0,
                        "timeout": WORKER_TIMEOUT, "graceful_timeout": GRACEFUL_TIMEOUT,
                        "errorlog": "-", "loglevel": "warning", "proc_name": "fieldapp-central",
                        "preload_app": True,
                        # flask central-migrate refuses while it names a live process.
                        "pidfile": pidfile}
            for name, value in settings.items():
                self.cfg.set(name, value)

        def load(self):
            # Made once before the fork, with no connection open: the workers start at once.
            return app

    Central().run()


if __name__ == "__main__":
    sys.exit(main())
