"""Command-line tasks, all through Flask's CLI: flask --app fieldapp COMMAND --help."""

import click
from flask import current_app
from flask.cli import with_appcontext

from . import accounts, central_migrate, db, demo, i18n, offices
from .places import queries as places

@click.command("db-upgrade")
@with_appcontext
def db_upgrade_command():
    """Encrypt a plain database (unless ENCRYPTED = False), apply pending schema migrations
    and refresh the official place list."""
    _encrypt_if_due()
    applied = db.upgrade(db.get_db(), central=current_app.config["CENTRAL"])
    for name in applied:
        click.echo(f"applied {name}")
    if not applied:
        click.echo("database is up to date")


@click.command("encrypt")
@with_appcontext
def encrypt_command():
    """Encrypt the database (SQLCipher), after a plain copy into instance/backups; on a laptop,
    print the recovery code once (the office keeps it on paper)."""
    from . import keys
    try:
        code, backup = keys.encrypt(current_app)
    except keys.AlreadyEncrypted:
        raise click.ClickException("the database is already encrypted")
    except (ValueError, keys.ConversionFailed) as e:
        raise click.ClickException(str(e))
    _said_encrypted(code, backup)


def _encrypt_if_due():
    from . import keys
    if keys.should_encrypt(current_app):
        _said_encrypted(*keys.encrypt(current_app))


def _said_encrypted(code, backup):
    from . import keys
    click.echo(f"database encrypted: {current_app.config['DATABASE']}")
    if backup:
        click.echo(f"the plain copy it was made from (mode 600): {backup}; delete it once a "
                   f"backup of the encrypted database exists")
    for line in keys.recovery_code_lines(code) if code else ():
        click.echo(line)
    if code:
        click.echo("no user has a key slot yet: the first login after the app starts is with "
                   "the recovery code (the login page's link); each user's own password opens "
                   "the laptop after their first login")


@click.command("db-migrations")
@with_appcontext
def db_migrations_command():
    """List every migration, applied or pending."""
    database = db.get_db()
    if db.is_postgresql(current_app.config["DATABASE"]):
        from .pg_migrations import current_revision, pending_revisions
        click.echo(f"postgresql  at revision {current_revision(database.url)}")
        for revision in pending_revisions(database.url):
            click.echo(f"postgresql/{revision}  pending")
        return
    for steps in db.migration_sets():
        for m in steps.applied(database):
            click.echo(f"{m.name}  applied {m.applied_at}")
        for m in steps.pending(database):
            click.echo(f"{m.name}  pending")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Create the demo office, villages and users, once, on an empty database."""
    database = db.get_db()
    if offices.offices(database):
        raise click.ClickException("the database already has offices; the demo seeds only "
                                   "an empty one")
    path = demo.seed_demo_instance(database, current_app.instance_path)
    click.echo(f"demo logins written to {path}")


def _not_enrolled(database):
    """Offices and users are the central server's once a laptop is enrolled."""
    from sync import capture
    if capture.enrolled(database.sync):
        raise click.ClickException("this laptop is enrolled with a central server: offices and"
                                   " users are managed there")


@click.command("create-office")
@click.option("--name", required=True, help="The office's name.")
@click.option("--province", "province_code", type=int, required=True,
              help="Official province code (e.g. 15 for Lào Cai).")
@click.option("--commune", "commune_codes", type=int, multiple=True,
              help="Official code of a commune it covers; repeat for each.")
@click.option("--phone", default="", help="Contact phone printed for households.")
@click.option("--address", default="", help="Contact address printed for households.")
@with_appcontext
def create_office_command(name, province_code, commune_codes, phone, address):
    """Add an area office covering the given communes of one province."""
    database = db.get_db()
    _not_enrolled(database)
    known = {c["code"] for c in places.communes_of_province(database, province_code)}
    if not known:
        raise click.ClickException(f"no province with code {province_code}")
    outside = sorted(set(commune_codes) - known)
    if outside:
        raise click.ClickException(
            f"communes not in province {province_code}: {', '.join(map(str, outside))}")
    try:
        offices.create_office(database, name=name, province_code=province_code, phone=phone,
                              address=address, communes=commune_codes, user_id=None)
    except offices.CommuneTaken as e:
        raise click.ClickException(f"already covered by another office: {e}")
    click.echo(f"created office {name!r} with {len(set(commune_codes))} communes")


@click.command("create-user")
@click.option("--username", required=True, help="Login name: letters, digits, . _ -")
@click.option("--full-name", required=True, help="The person's full name.")
@click.option("--role", type=click.Choice(accounts.ROLES), default="officer", show_default=True)
@click.option("--office", "office_name", required=True, help="Name of an existing office.")
@click.password_option(help="Prompted for when not given.")
@with_appcontext
def create_user_command(username, full_name, role, office_name, password):
    """Add a user to an office (for the first administrator of a new install)."""
    database = db.get_db()
    _not_enrolled(database)
    matches = [o for o in offices.offices(database) if o["name"] == office_name]
    if not matches:
        raise click.ClickException(f"no office named {office_name!r}")
    weakness = accounts.password_weakness(password, username=username, full_name=full_name)
    if weakness:
        with i18n.force_locale("en", database):
            raise click.ClickException(f"password refused: {weakness}")
    try:
        accounts.create_user(database, username=username, full_name=full_name,
                             password=password, role=role, office_id=matches[0]["id"],
                             user_id=None)
    except accounts.UsernameTaken:
        raise click.ClickException(f"username {username!r} is taken")
    click.echo(f"created {role} {accounts.normalise_username(username)}")


@click.command("translations-coverage")
@with_appcontext
def translations_coverage_command():
    """Per language: strings translated, reviewed, drafts, and missing (shown in Vietnamese)."""
    from .i18n import LANGUAGES
    from .translating import queries as translating
    table = translating.coverage(db.get_db(), current_app.extensions["fieldapp_catalogs"].directory)
    click.echo(f"{'language':<24}{'strings':>8}{'translated':>11}{'reviewed':>9}{'drafts':>8}"
               f"{'missing':>9}")
    for code, c in table.items():
        click.echo(f"{code + ' ' + LANGUAGES[code].name:<24}{c['total']:>8}{c['translated']:>11}"
                   f"{c['reviewed']:>9}{c['draft']:>8}{c['missing']:>9}")
    click.echo("")
    click.echo(f"{'glossary and scripts':<24}{'terms':>8}{'reviewed':>11}{'scripts':>9}"
               f"{'translated':>11}{'reviewed':>9}")
    for code, c in table.items():
        g, s = c["glossary"], c["scripts"]
        click.echo(f"{code + ' ' + LANGUAGES[code].name:<24}{g['total']:>8}{g['reviewed']:>11}"
                   f"{s['total']:>9}{s['translated']:>11}{s['reviewed']:>9}")


def _reviewable():
    from .i18n import LANGUAGES, SOURCE
    return [code for code in LANGUAGES if code != SOURCE]


@click.command("translations-export")
@click.option("--lang", "code", required=True, type=click.Choice(_reviewable()),
              help="The language whose drafts the sheet holds.")
@click.option("--to", "target", required=True, type=click.Path(dir_okay=False),
              help="The XLSX file to write.")
@click.option("--headers", "headers", default=i18n.DEFAULT, show_default=True,
              type=click.Choice(list(i18n.LANGUAGES)),
              help="The language of the sheet's headers and instructions.")
@with_appcontext
def translations_export_command(code, target, headers):
    """Write a language's review sheet (XLSX): its strings, glossary terms and scripts with
    their context, and an empty column for the reviewer's version."""
    from pathlib import Path

    from .translating import sheet
    database = db.get_db()
    with i18n.force_locale(headers, database):
        body = sheet.export(database, current_app.extensions["fieldapp_catalogs"].directory,
                            code, static_folder=current_app.static_folder)
    Path(target).write_bytes(body)
    click.echo(f"review sheet of {code} written to {target}")


@click.command("translations-import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--user", "username", required=True,
              help="The reviewer: a translator or an administrator, who the reviews are by.")
@click.option("--lang", "code", default=None, type=click.Choice(_reviewable()),
              help="Refuse the sheet unless it is this language's.")
@with_appcontext
def translations_import_command(file, username, code):
    """Import a filled-in review sheet: each reviewer's version becomes a reviewed translation
    (synced like any review); a sheet changed in shape is refused whole, changing nothing."""
    import os

    from .translating import sheet
    database = db.get_db()
    user = accounts.user_by_username(database, username)
    if user is None or not user["active"]:
        raise click.ClickException(f"no active user {username!r}")
    if not (user["translator"] or user["role"] == "admin"):
        raise click.ClickException(f"{username!r} may not review translations: an"
                                   " administrator ticks it on the user's page")
    with i18n.force_locale(user["locale"] or i18n.DEFAULT, database):
        if os.path.getsize(file) > sheet.MAX_BYTES:
            raise click.ClickException(sheet.too_large_message())
        with open(file, "rb") as f:
            data = f.read()
        try:
            summary = sheet.import_sheet(
                database, current_app.extensions["fieldapp_catalogs"].directory, data,
                user_id=user["id"], language=code)
        except sheet.Refused as refused:
            raise click.ClickException("\n".join(
                [i18n.gettext("Nothing was imported: the sheet was edited out of shape.")]
                + refused.messages))
        for line in summary.lines(most=None):
            click.echo(line)


@click.command("enrol")
@click.option("--central", "central_url", required=True, help="Address of the central server.")
@click.option("--code", required=True, help="One-time enrolment code from the central admin.")
@click.option("--name", "device_name", default=None, help="Name of this laptop.")
@with_appcontext
def enrol_command(central_url, code, device_name):
    """Enrol this laptop with the central server, once."""
    import socket

    from sync import client
    try:
        device = client.enrol(db.get_db().sync, current_app.instance_path, central_url, code,
                              device_name or socket.gethostname())
    except client.SyncError as e:
        raise click.ClickException(e.reason)
    click.echo(f"enrolled as device {device['device_id']} of office {device['office_id']}")
    rehomed = device["rehomed"]
    if rehomed["taken"]:
        click.echo("accounts now the central server's (log in with its password): "
                   + ", ".join(rehomed["taken"]))
    if rehomed["ended"]:
        click.echo("accounts of this laptop alone, with no record, ended: "
                   + ", ".join(rehomed["ended"]))
    if rehomed["local"]:
        click.echo("accounts the central server lacks, whose records wait here until it adds"
                   " them: " + ", ".join(rehomed["local"]))
    from . import accounts
    click.echo("who can log in here: " + (", ".join(
        u["username"] for u in accounts.field_logins(db.get_db(), device["office_id"])) or "—"))


@click.command("sync")
@with_appcontext
def sync_command():
    """Send this laptop's changes to the central server and receive the office's."""
    from sync.client import SyncError

    from .sync_pages.views import run_sync
    db.get_db()  # on an encrypted laptop, asks for a login to open it
    with click.progressbar(length=2, label="sync", show_pos=False) as bar:
        steps = {"sending": 0, "receiving": 1, "done": 2}
        shown = [0]

        def progress(p):
            target = steps.get(p.step, shown[0])
            if target > shown[0]:
                bar.update(target - shown[0])
                shown[0] = target
            bar.label = f"sync: {p.step}, sent {p.sent}, received {p.received}"
        try:
            result = run_sync(current_app.config["DATABASE"], current_app.instance_path,
                              progress, key=db.key_of(current_app))
        except SyncError as e:
            raise click.ClickException(e.reason)
    click.echo(f"sent {result.sent}, received {result.received} in {result.requests} requests;"
               f" {len(result.refused)} refused")
    for r in result.refused:
        click.echo(f"  refused {r['table']} {r['id']}: {r['reason']}")
    for repair in result.repairs:
        click.echo(REPAIRS[repair])
    waiting = db.get_db().sync.count("sync_inbox")
    if waiting:
        click.echo(f"{waiting} received records wait for a record they depend on")


REPAIRS = {
    "split": "this laptop shared its identity with another machine (a copy of it, or an older"
             " copy of it put back): it now syncs as a new laptop of the office; its unsynced"
             " work was sent as the new laptop's, and its own changes it had lost came back",
    "resend": "the central server had lost changes this laptop held (it was restored from a"
              " backup): this laptop sent everything it holds again",
}


@click.command("backup")
@click.option("--to", "folder", default=None, type=click.Path(file_okay=False),
              help="Folder to write the backup in (a USB drive); made if missing. Without it,"
                   " the instance's backups folder.")
@with_appcontext
def backup_command(folder):
    """Back up the database now, while the app runs: a checked copy through SQLite's online
    backup, encrypted when the database is."""
    from . import backups
    _sqlite_only("backup")
    db.get_db()  # on an encrypted laptop, asks for a login to open it
    try:
        made = backups.back_up(current_app, folder, reason="usb" if folder else "manual")
    except backups.Refused as e:
        raise click.ClickException(str(e))
    click.echo(f"backed up to {made.path} ({_size(made.size)}, integrity checked)")


@click.command("backups")
@click.option("--in", "folder", default=None, type=click.Path(file_okay=False, exists=True),
              help="Folder to list (a USB drive); the instance's backups folder by default.")
@with_appcontext
def backups_command(folder):
    """List the backups, newest first: time, reason, size, file."""
    from . import backups
    found = backups.backups(folder or backups.folder_of(current_app))
    for b in found:
        click.echo(f"{b.created_at}  {b.reason:<15} {_size(b.size):>9}  {b.path}")
    if not found:
        click.echo("no backups")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path, yes):
    """Put a backup in place of the database, with fieldapp stopped. It is checked first (a
    whole fieldapp database of this office); the database it replaces is kept as a backup."""
    from . import backups
    _sqlite_only("restore")
    try:
        db.get_db()  # on an encrypted laptop, asks for a login to open it
    except Exception:
        pass  # a damaged database, which is what a restore is for
    db.close_db()
    if not yes:
        click.confirm(f"Stop fieldapp first. Replace the database by {path}?", abort=True)
    try:
        restored = backups.restore(current_app, path)
    except backups.Refused as e:
        raise click.ClickException(f"nothing was restored: {e}")
    for note in restored.notes:
        click.echo(f"note: {note}")
    if restored.kept:
        click.echo(f"the database it replaced is kept in {restored.kept}")
    click.echo(f"restored from {path}; start fieldapp and sync: the laptop gets back what the"
               " central server has and sends what it lacks")


def _sqlite_only(command):
    """Refuse a command made for SQLite files on a PostgreSQL central server."""
    if db.is_postgresql(current_app.config["DATABASE"]):
        raise click.ClickException(
            f"{command} copies SQLite files; a PostgreSQL central server's backups are"
            " PostgreSQL's (pg_dump, pg_restore: docs/deployment.md)")


def _size(count):
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count / 1e3:.0f} kB"


@click.command("compact-log")
@with_appcontext
def compact_log_command():
    """Central server: drop the sync log's entries that later ones superseded (sync.compaction)."""
    from sync import compaction
    if not current_app.config["CENTRAL"]:
        raise click.ClickException("only the central server's log is compacted")
    store = db.get_db().sync
    before = store.count("sync_log")
    read, deleted, emptied = compaction.compact(store)
    click.echo(f"log entries: {before} before, {store.count('sync_log')} after"
               f" ({deleted} deleted, {emptied} kept for their history only, {read} read)")


def init_app(app):
    for command in (db_upgrade_command, db_migrations_command, seed_demo_command,
                    create_office_command, create_user_command,
                    translations_coverage_command, translations_export_command,
                    translations_import_command, enrol_command, sync_command,
                    backup_command, backups_command, restore_command, encrypt_command,
                    central_migrate.central_migrate_command, compact_log_command):
        app.cli.add_command(command)
