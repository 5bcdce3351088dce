"""Logging in and out, and opening a locked laptop (its database encrypted, see keys.py)."""

from flask import (Blueprint, current_app, flash, g, redirect, render_template, request,
                   session, url_for)

from forms.auth import LoginForm, RecoveryForm

from .. import accounts, audit, keys
from ..db import connect, get_db
from ..i18n import choose_locale
from ..i18n import gettext as _
from ..text import local_path
from .sessions import load_user, start_session

bp = Blueprint("auth", __name__, template_folder="templates")

# What a locked laptop still serves: none of it reads the database.
OPEN_WHILE_LOCKED = frozenset({"auth.login", "auth.unlock", "static", "i18n.switch_language"})


@bp.before_app_request
def load_user_unless_locked():
    """Before each request: a locked laptop sends every page but these to the login; else the
    session's user (auth.sessions.load_user)."""
    if not keys.locked(current_app):
        return load_user()
    if request.endpoint not in OPEN_WHILE_LOCKED:
        wanted = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.login", next=local_path(wanted, None)))
    g.user = None
    g.locale = choose_locale(None)
    g.translation_overrides = {}
    return None


def locked_message():
    return _("This laptop is locked. The first login after it starts must be by someone who "
             "has logged in on it before, or with the office's recovery code.")


@bp.route("/login", methods=("GET", "POST"))
def login():
    form = LoginForm()
    locked = keys.locked(current_app)
    if form.validate_on_submit():
        key = None
        if locked:
            slots = keys.slots_of(current_app)
            if slots.user_slot(form.username.data) is None:
                form.refuse(form.username, locked_message())
                return _login_page(form, locked, 401)
            key = slots.open_with_password(form.username.data, form.password.data)
            if key is None:
                form.refuse(form.password, _("Wrong username or password."))
                return _login_page(form, locked, 401)
        done = _log_in(form, key)
        if done is not None:
            return done
        return _login_page(form, locked, 401)
    return _login_page(form, locked, 200)


def _login_page(form, locked, status):
    return render_template("auth/login.html", form=form, locked=locked), status


@bp.route("/unlock", methods=("GET", "POST"))
def unlock():
    """The office's recovery code and a normal login: opens a locked laptop for a user with no
    slot on it (arrived by sync, or every slot lost)."""
    if not keys.locked(current_app):
        return redirect(url_for("auth.login", next=request.args.get("next")))
    form = RecoveryForm()
    status = 200
    if form.validate_on_submit():
        key = keys.slots_of(current_app).open_with_recovery_code(form.recovery_code.data)
        if key is None:
            form.refuse(form.recovery_code, _("This is not this laptop's recovery code."))
        else:
            done = _log_in(form, key)
            if done is not None:
                return done
        status = 401
    return render_template("auth/unlock.html", form=form), status


def _log_in(form, key=None):
    """Check the login against the users table and start the session (a redirect), or refuse
    it beside its field (None). `key`: just unwrapped on a locked laptop, which it opens only
    for a right login."""
    if key is not None:
        g.db = connect(current_app.config["DATABASE"], key=key)
        # A locked laptop could not apply them at start.
        keys.migrate(g.db)
    db = get_db()
    error = None
    try:
        # The browser's address: behind the proxy (BEHIND_PROXY), the one it forwarded.
        user = accounts.authenticate(db, form.username.data, form.password.data,
                                     address=request.remote_addr)
    except accounts.Throttled as e:
        error = _("Too many failed attempts. Try again in %(seconds)d seconds.",
                  seconds=e.seconds)
        _login_refused(form, "throttled")
    except accounts.Inactive:
        error = _("This account has been deactivated. Ask an administrator.")
        _login_refused(form, "inactive")
    else:
        if user is None:
            error = _("Wrong username or password.")
            _login_refused(form, "wrong_password")
    if error:
        # Beside the password, marked invalid: the error summary links to it.
        form.refuse(form.password, error)
        return None
    app = current_app._get_current_object()
    if key is not None:
        keys.open_laptop(app, key, db)
    keys.remember_password(app, user, form.password.data)
    start_session(user)
    audit.record_request("login", user_id=user["id"])
    return redirect(local_path(request.args.get("next"), url_for("index")))


def _login_refused(form, reason):
    audit.record_request("login_failed", detail={
        "username": accounts.normalise_username(form.username.data), "reason": reason})


@bp.post("/logout")
def logout():
    locale = g.locale
    if g.user is not None:
        audit.record_request("logout")
        # Every session of the user ends: one left open on another browser too.
        accounts.end_sessions(get_db(), g.user["id"])
    session.clear()
    session["locale"] = locale
    # The laptop stays open (the process holds the key) until the app stops.
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
