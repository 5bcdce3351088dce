"""A form sent twice saves once: each form's key is recorded with the write it made."""

import functools
import secrets
from datetime import timedelta

from flask import flash, g, make_response, redirect, request
from markupsafe import Markup, escape

from sync.clock import stamp

from . import clock
from .db import get_db
from .i18n import gettext as _

# The hidden field every writing form carries (forms.Form, or form_key_field() in a template).
FIELD = "form_key"

# Keys older than this are forgotten: a page kept open for a month is sent again as new.
KEEP_DAYS = 30


def new_key():
    """A fresh random key, given to a form when it is first shown."""
    return secrets.token_urlsafe(16)


def form_key_field():
    """The hidden key input, for the one-button forms that have no form class."""
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(new_key())}">')


def saved(db, key):
    """The recorded submission of this key, or None."""
    rows = list(db.query("select * from form_submissions where key = ?", [key]))
    return rows[0] if rows else None


def record(db, key, location, user_id):
    """Remember that this key saved and where its sender was sent; forget stale keys."""
    at = clock.utcnow()
    db.execute("delete from form_submissions where submitted_at < ?",
               [stamp(at - timedelta(days=KEEP_DAYS))])
    db.execute("insert into form_submissions (key, location, user_id, submitted_at)"
               " values (?, ?, ?, ?)", [key, location, user_id, stamp(at)])


def once(view):
    """Run a writing view once per form key; the same key again redirects where the first went.

    The view runs inside one IMMEDIATE transaction, so a second request with the same key
    waits until the first has committed its write and its key together, then finds the key.
    """
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        key = request.form.get(FIELD) if request.method == "POST" else None
        if not key:
            return view(*args, **kwargs)
        db = get_db()
        with db.atomic():
            done = saved(db, key)
            if done is not None:
                flash(_("This form was already saved."), "info")
                return redirect(done["location"])
            before = db.changes()
            response = make_response(view(*args, **kwargs))
            # Only a form that wrote and moved on is done: one shown again with its errors,
            # or refused with a message (nothing written), may be sent again with its key.
            # Any write counts, not only the store's: an office saved unchanged writes no
            # synced row but leaves an audit entry, which the same key must not leave twice.
            if response.status_code in (301, 302, 303, 307, 308) \
                    and db.changes() > before:
                record(db, key, response.headers["Location"], g.user["id"] if g.user else None)
        return response
    return wrapped


def init_app(app):
    app.jinja_env.globals["form_key_field"] = form_key_field
