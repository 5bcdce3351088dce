"""Logging in and out."""

from flask import (Blueprint, flash, g, redirect, render_template, request, session,
                   url_for)

from forms.auth import LoginForm

from .. import accounts, audit
from ..db import get_db
from ..i18n import gettext as _
from ..text import local_path
from .sessions import load_user, start_session

bp = Blueprint("auth", __name__, template_folder="templates")
bp.before_app_request(load_user)


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
        # Beside the password, marked invalid: the error summary links to it.
        form.refuse(form.password, error)
    return render_template("auth/login.html", form=form), 200 if not error else 401


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
