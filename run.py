"""Start fieldapp on this laptop: migrate, seed a demo on a new database, serve on localhost."""

import argparse
import os
import sys
from pathlib import Path

import waitress

from fieldapp import create_app, demo
from fieldapp.config import ConfigError
from fieldapp.db import get_db, upgrade
from fieldapp.migrations import migrations


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
    parser.add_argument("--threads", type=int, default=4,
                        help="worker threads serving requests (default 4)")
    args = parser.parse_args(argv)
    args.instance = args.instance or ("instance-central" if args.central else "instance")
    args.port = int(args.port or (5001 if args.central else 5000))
    return args


def prepare(instance, seed_demo=True, central=False):
    """Create the app, migrate its database and seed the demo if the database is new."""
    app = create_app(instance_path=instance, central=central or None)
    central = app.config["CENTRAL"]
    if central:
        # Remembered in the instance, so `flask --app fieldapp` commands run as central too.
        config = Path(app.instance_path) / "config.py"
        if "CENTRAL" not in (config.read_text() if config.exists() else ""):
            with config.open("a") as f:
                f.write("CENTRAL = True\n")
    with app.app_context():
        db = get_db()
        is_new = not migrations.applied(db)
        for name in upgrade(db, central=central):
            print(f"migration applied: {name}")
        if is_new and seed_demo:
            demo.seed_demo_instance(db, app.instance_path, central=central)
    return app


def main(argv=None):
    args = parse_args(argv)
    try:
        app = prepare(args.instance, seed_demo=not args.no_demo, central=args.central)
    except ConfigError as e:
        print(f"fieldapp cannot start: {e}", file=sys.stderr)
        return 2
    role = "central server" if app.config["CENTRAL"] else "fieldapp"
    print(f"{role} is running at http://{args.host}:{args.port}/")
    print(f"data: {app.config['DATABASE']}")
    logins = demo.read_logins(app.instance_path)
    if logins:
        roles = {username: role for username, _, role in
                 demo.DEMO_USERS + demo.CENTRAL_DEMO_USERS}
        print("demo logins:")
        for username, password in logins.items():
            print(f"  {roles.get(username, ''):<11} username {username:<8} password {password}")
    print("press Ctrl+C to stop", flush=True)
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads,
                   ident="fieldapp", _quiet=True)


if __name__ == "__main__":
    sys.exit(main())
