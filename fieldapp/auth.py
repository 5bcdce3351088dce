"""Logging in and out, the current user, and role checks."""

import functools
import time

from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, request,
                   session, url_for)

from forms.auth import LoginForm

from . import accounts, audit
from .db import get_db
from .i18n import choose_locale, gettext as _, load_overrides
from .text import local_path

bp = Blueprint("auth", __name__)


@bp.before_app_request
def load_user():
    user_id = session.get("user_id")
    g.user = accounts.user_by_id(get_db(), user_id) if user_id else None
    if g.user is not None and not _session_valid(g.user):
        _end_session()
        g.user = None
    elif g.user is not None:
        session["seen_at"] = int(time.time())
    g.locale = choose_locale(g.user)
    g.translation_overrides = load_overrides(get_db(), g.locale)


def _session_valid(user):
    """Active user, session of the current generation, used within the idle limit."""
    idle = current_app.config["SESSION_IDLE_HOURS"] * 3600
    return (user["active"]
            and session.get("generation") == accounts.session_generation(get_db(), user["id"])
            and time.time() - session.get("seen_at", 0) <= idle)


def _end_session():
    """Forget the user, keeping the chosen language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def start_session(user):
    """A new session for the user (a new cookie: nothing of the one before is kept)."""
    _end_session()
    session["user_id"] = user["id"]
    session["generation"] = accounts.session_generation(get_db(), user["id"])
    session["seen_at"] = int(time.time())


def in_office_or_404(lookup, db, row_id):
    """The record `lookup(db, id, office id)` finds in the user's office; else a 404, the same
    answer as for a record that does not exist."""
    row = lookup(db, row_id, g.user["office_id"])
    if row is None:
        abort(404)
    return row


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(**kwargs)
    return wrapped


def role_required(*roles):
    """Only these roles may open the view; others get 403."""
    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(**kwargs):
            if g.user["role"] not in roles:
                abort(403)
            return view(**kwargs)
        return wrapped
    return decorator


@bp.route("/login", methods=("GET", "POST"))
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        db = get_db()
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
            else:
                start_session(user)
                audit.record_request("login", user_id=user["id"])
                return redirect(local_path(request.args.get("next"), url_for("index")))
    return render_template("auth/login.html", form=form, error=error), 200 if not error else 401


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
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
