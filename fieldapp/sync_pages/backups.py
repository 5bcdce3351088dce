"""The Backups page: back up now, to this laptop's folder or to a USB drive, and the list of
backups; and the day's automatic backup, made at the first request of a day."""

import time

from flask import current_app, flash, redirect, render_template, url_for

from forms.backups import TYPED, BackUpNowForm, BackUpToDriveForm

from .. import backups, keys
from ..auth.sessions import role_required
from ..db import is_postgresql
from ..i18n import gettext as _, lazy_gettext as _l
from ..vocabulary import ROLES
from .views import bp

REASONS = {"daily": _l("Daily"), "before-upgrade": _l("Before an upgrade"),
           "before-restore": _l("Before a restore"), "manual": _l("By hand"),
           "usb": _l("By hand, to a drive"), "damaged": _l("Damaged database kept")}


@bp.get("/backups")
@role_required(*ROLES)
def backups_page():
    return _page(BackUpNowForm(), _drive_form())


@bp.before_request
def _central_administrators_only():
    """On the central server the database is every office's: only its administrators back it
    up from a page."""
    from flask import abort, g, request
    if request.endpoint and request.endpoint.startswith("syncing.backup") \
            and current_app.config["CENTRAL"] and g.get("user") \
            and g.user["role"] != "admin":
        abort(403)


def _drive_form():
    form = BackUpToDriveForm()
    form.folder.choices = [(p, p) for p in backups.usb_folders()] + [
        (TYPED, _("Another folder, typed below"))]
    return form


def _page(now_form, drive_form, status=200):
    listed = backups.backups(backups.folder_of(current_app))
    return render_template("syncing/backups.html", now_form=now_form, drive_form=drive_form,
                           backups=listed, reasons=REASONS, size=size,
                           kept=current_app.config["BACKUPS_KEPT"]), status


@bp.post("/backups/now")
@role_required(*ROLES)
def backup_now():
    form = BackUpNowForm()
    if not form.validate_on_submit():
        return _page(form, _drive_form(), 400)
    _made(backups.back_up(current_app, reason="manual"))
    return redirect(url_for("syncing.backups_page"))


@bp.post("/backups/drive")
@role_required(*ROLES)
def backup_to_drive():
    form = _drive_form()
    if not form.validate_on_submit():
        return _page(BackUpNowForm(), form, 400)
    try:
        made = backups.back_up(current_app, form.chosen(), reason="usb")
    except OSError as e:  # a drive pulled out or full while it was written
        form.typed.errors.append(_("The backup could not be written there: %(reason)s",
                                   reason=e.strerror or str(e)))
        return _page(BackUpNowForm(), form, 400)
    _made(made)
    return redirect(url_for("syncing.backups_page"))


def _made(made):
    flash(_("Backed up to %(path)s (%(size)s), and checked.", path=str(made.path),
            size=size(made.size)), "success")


def size(count):
    """A file's size in kB or MB, as the page shows it."""
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count / 1e3:.0f} kB"


# ---- The day's automatic backup.

# After a failed attempt (a locked laptop before its first login, a full disk), wait this long
# before the next request tries again.
RETRY_SECONDS = 600


@bp.before_app_request
def daily_backup():
    """Once a day, at the first request: the day's backup, unless a process made it already.
    Every other request compares a date in memory and returns."""
    app = current_app._get_current_object()
    if app.testing and not app.config.get("BACKUPS_DAILY_IN_TESTS"):
        return  # thousands of test apps: the tests of backups turn it on
    memo = app.extensions.setdefault("fieldapp_daily_backup", {"day": None, "retry": 0.0})
    day = backups.clock.utcnow().date()
    if memo["day"] == day or time.monotonic() < memo["retry"]:
        return
    if is_postgresql(app.config["DATABASE"]):
        return  # PostgreSQL's backups are its server's (pg_dump, docs/deployment.md)
    # Asked of keys.json, never of the database file: reading its header here would close a
    # descriptor of the file in a process whose other requests hold SQLite's locks on it, and
    # POSIX drops every lock of a process on a file when any descriptor of it closes (another
    # process then wrote and checkpointed under them: enrolments answered, then lost).
    if keys.locked(app):
        return  # a laptop locked until its first login: the backup waits for the key
    try:
        backups.daily(app)
    except Exception:
        app.logger.exception("the daily backup failed; it is tried again later")
        memo["retry"] = time.monotonic() + RETRY_SECONDS
        return
    memo["day"] = day
