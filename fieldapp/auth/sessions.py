"""The current user: their session, and what a page requires of them."""

import functools
import hashlib
import hmac

from flask import abort, current_app, g, redirect, request, session, url_for

from sync import clock

from .. import accounts
from ..db import get_db
from ..i18n import choose_locale, load_overrides


def load_user():
    """Before each request: the session's user (if still valid) and their language."""
    user_id = session.get("user_id")
    g.user = accounts.user_by_id(get_db(), user_id) if user_id else None
    if g.user is not None and not _session_valid(g.user):
        end_session()
        g.user = None
    elif g.user is not None:
        session["seen_at"] = _seconds()
    g.locale = choose_locale(g.user)
    g.translation_overrides = load_overrides(get_db(), g.locale)


def _session_valid(user):
    """Active user, session of the current generation and of the password the user has now,
    used within the idle limit. A password changed on the central server reaches a laptop by
    sync, and ends there every session opened with the old one."""
    idle = current_app.config["SESSION_IDLE_HOURS"] * 3600
    return (user["active"]
            and session.get("generation") == accounts.session_generation(get_db(), user["id"])
            and session.get("credential") == _credential(user)
            and _seconds() - session.get("seen_at", 0) <= idle)


def _seconds():
    """Whole seconds since 1970 in UTC, as a session's seen_at keeps them."""
    return clock.now_ms() // 1000


def _credential(user):
    """Which password a session was opened with, without telling anything of it."""
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, (user["password_hash"] or "").encode(), hashlib.sha256).hexdigest()[:16]


def end_session():
    """Forget the user, keeping the chosen language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def start_session(user):
    """A new session for the user (a new cookie: nothing of the one before is kept)."""
    end_session()
    # As the user is now: the caller may hold the row from before a password change.
    user = accounts.user_by_id(get_db(), user["id"])
    session["user_id"] = user["id"]
    session["generation"] = accounts.session_generation(get_db(), user["id"])
    session["credential"] = _credential(user)
    session["seen_at"] = _seconds()


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
