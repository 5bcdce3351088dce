"""fieldapp: offline-first field data collection for social-insurance outreach."""

import os
import secrets
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config, instance_files

__version__ = "0.1.0"

csrf = CSRFProtect()


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie (which also holds the CSRF token) is Secure on HTTPS requests."""

    def get_cookie_secure(self, app):
        # Per request: the central server behind its TLS proxy, and a laptop on plain
        # http://127.0.0.1, where a Secure cookie would never come back.
        return super().get_cookie_secure(app) or request.is_secure


def create_app(test_config=None, instance_path=None, central=None):
    """Create and configure the app for one instance folder ($FIELDAPP_INSTANCE by default)."""
    instance_path = instance_path or os.environ.get("FIELDAPP_INSTANCE")
    if instance_path:
        instance_path = os.path.abspath(instance_path)
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    # Whatever the app writes (database, its -wal and -shm, keys, backups) is its user's alone.
    os.umask(instance_files.UMASK)
    Path(app.instance_path).mkdir(mode=instance_files.FOLDER_MODE, parents=True, exist_ok=True)
    config.load(app, test_config, central=central)
    database = app.config["DATABASE"]
    try:
        instance_files.make_private(app.instance_path,
                                    also=(database, f"{database}-wal", f"{database}-shm"))
    except instance_files.NotPrivate as e:
        raise config.ConfigError(str(e)) from None
    if central is not None:
        app.config["CENTRAL"] = central
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)
    app.session_interface = SessionInterface()
    if app.config["BEHIND_PROXY"]:
        # Off by default: without a proxy in front, anybody could send these headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

    from . import (bounds, cli, db, errors, form_errors, i18n, i18n_views, removals, submissions,
                   sync_server_api)
    from .admin import views as admin
    from .audit import views as audit_views
    from .auth import views as auth
    from .group_sessions import views as group_sessions
    from .help import views as help_views
    from .households import views as households
    from .places import views as places
    from .policy_pages import views as policy_pages
    from .printing import views as printing
    from .reports import views as reports
    from .scripts import views as scripts
    from .search import views as search
    from .sync_pages import views as sync_pages
    from .translating import views as translating
    from .visits import views as visits
    from .worklists import views as worklists

    db.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    submissions.init_app(app)
    form_errors.init_app(app)
    removals.init_app(app)
    bounds.init_app(app)
    app.register_blueprint(i18n_views.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(places.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(households.bp)
    app.register_blueprint(visits.bp)
    app.register_blueprint(worklists.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(group_sessions.bp)
    app.register_blueprint(scripts.bp)
    app.register_blueprint(policy_pages.bp)
    app.register_blueprint(printing.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(translating.bp)
    app.register_blueprint(sync_pages.bp)
    app.register_blueprint(audit_views.bp)
    app.register_blueprint(help_views.bp)
    # Devices authenticate with their own credentials, not a browser session: no CSRF token.
    csrf.exempt(sync_server_api.bp)
    app.register_blueprint(sync_server_api.bp)
    app.add_url_rule("/", endpoint="index", view_func=places.home)
    # Every page's query values bounded before its view reads them; after auth's
    # before_request, so that what it says is in the user's language.
    app.before_request(bounds.bound_query)
    # After auth's before_request: a refused form's error page knows the user and their language.
    csrf.init_app(app)
    return app


def _instance_secret(instance_path):
    """Read this install's secret key, generating it on first start."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()
