"""Command-line tasks, all through Flask's CLI: flask --app fieldapp COMMAND --help."""

import click
from flask import current_app

from . import accounts, db, demo, offices

@click.command("db-upgrade")
def db_upgrade_command():
    """Apply pending schema migrations and refresh the official place list."""
    applied = db.upgrade(db.get_db())
    for name in applied:
        click.echo(f"applied {name}")
    if not applied:
        click.echo("database is up to date")


@click.command("db-migrations")
def db_migrations_command():
    """List every migration, applied or pending."""
    from .migrations import migrations
    database = db.get_db()
    applied = {m.name: m.applied_at for m in migrations.applied(database)}
    for m in migrations._migrations:
        click.echo(f"{m.name}  {applied.get(m.name, 'pending')}")


@click.command("seed-demo")
def seed_demo_command():
    """Create the demo office, villages and users, once, on an empty database."""
    database = db.get_db()
    if offices.offices(database):
        raise click.ClickException("the database already has offices; the demo seeds only "
                                   "an empty one")
    path = demo.seed_demo_instance(database, current_app.instance_path)
    click.echo(f"demo logins written to {path}")


@click.command("create-user")
@click.option("--username", required=True, help="Login name: letters, digits, . _ -")
@click.option("--full-name", required=True, help="The person's full name.")
@click.option("--role", type=click.Choice(accounts.ROLES), default="officer", show_default=True)
@click.option("--office", "office_name", required=True, help="Name of an existing office.")
@click.password_option(help="Prompted for when not given.")
def create_user_command(username, full_name, role, office_name, password):
    """Add a user to an office (for the first administrator of a new install)."""
    database = db.get_db()
    matches = [o for o in offices.offices(database) if o["name"] == office_name]
    if not matches:
        raise click.ClickException(f"no office named {office_name!r}")
    if len(password) < accounts.MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"the password needs at least {accounts.MIN_PASSWORD_LENGTH} characters")
    try:
        accounts.create_user(database, username=username, full_name=full_name,
                             password=password, role=role, office_id=matches[0]["id"],
                             user_id=None)
    except accounts.UsernameTaken:
        raise click.ClickException(f"username {username!r} is taken")
    click.echo(f"created {role} {accounts.normalise_username(username)}")


def init_app(app):
    for command in (db_upgrade_command, db_migrations_command, seed_demo_command,
                    create_user_command):
        app.cli.add_command(command)
