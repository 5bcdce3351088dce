"""Removing a record with a reason, and undoing it: who may remove what, for how long.

An officer removes their own records for OWN_RECORD_DAYS after making them (a mistake noticed
that week); a supervisor or administrator any record of their office, at any time. A removal
is a soft delete that syncs as a tombstone, with its reason, and every row removed with it
carries the same time, so undoing it brings back exactly those.
"""

from datetime import timedelta

from flask import abort, after_this_request, flash, g, redirect, session, url_for

from forms.removals import RemoveForm

from sync import capture, erasure

from . import audit, clock, store
from .db import get_db
from .i18n import gettext as _
from .vocabulary import MANAGERS

OWN_RECORD_DAYS = 7


def may_remove(user, row, now=None):
    """Whether the user may remove (or bring back) this record of their office."""
    if user["role"] in MANAGERS:
        return True
    if row.get("created_by") != user["id"]:
        return False
    made = clock.local(row["created_at"])
    return (now or clock.utcnow()) - made <= timedelta(days=OWN_RECORD_DAYS)


def remove_by_form(row, remove, *, done, undo, removed, back, erasable=None):
    """What every Remove button does: the user must be allowed and give a reason; then
    `remove(reason)` runs, `removed` is said with an Undo button (posting to `undo`), and the
    user goes to `done`. Without a reason, back to `back` with a message; nothing removed.
    `erasable`: the record's table when its form offers to erase its personal numbers too."""
    if not may_remove(g.user, row):
        abort(403)
    form = RemoveForm()
    reason = (form.reason.data or "").strip()
    if not form.validate_on_submit() or not reason:
        flash(form.reason.errors[0] if form.reason.errors and reason else
              _("Say why it is removed: nothing was removed."), "error")
        return redirect(back)
    if erasable and form.erase_numbers.data:
        erase_by_form(erasable, row["id"], lambda: remove(reason))
    else:
        remove(reason)
    flash(removed, "success")
    offer_undo(undo, _("Undo"))
    return redirect(done)


def erase_by_form(table, row_id, remove):
    """Remove the record and erase its personal numbers (a household's: its members' too) in
    one transaction, audited without the numbers; once committed, the write-ahead log is
    emptied into the database file so that no old page keeps them (sync.erasure)."""
    db = get_db()
    with db.atomic():
        remove()
        store.erase_numbers_with(db, table, row_id, user_id=g.user["id"])
        audit.record_request("numbers_erased", table=table, row_id=row_id)

    @after_this_request
    def settle(response):
        # After the view's transaction (submissions.once) has committed, not inside it.
        erasure.settle(db.sync)
        return response
    flash(_("Personal numbers erased: Undo brings the record back without them."), "info")


def undo_saving(row, remove, *, done):
    """Undo right after saving: the record is removed, as saved by mistake."""
    if not may_remove(g.user, row):
        abort(403)
    remove(_("Undone right after saving"))
    flash(_("What was just saved was not kept."), "success")
    return redirect(done)


def restore_by_form(db, table, row_id, restore, *, done, restored):
    """What every Undo of a removal does: the removed record of the user's office, if they may
    bring it back; `restore()` runs and the user goes to `done`."""
    row = removed_in_office(db, table, row_id, g.user["office_id"])
    if row is None or not may_remove(g.user, row):
        abort(404)
    restore()
    flash(restored, "success")
    if row.get(erasure.MARKER):
        flash(_("Its personal numbers were erased when it was removed: they do not come back."),
              "info")
    return redirect(done)


def offer_undo(url, label):
    """Show an Undo button (posting to `url`) with the next page's messages."""
    session["undo"] = {"url": url, "label": str(label)}


def take_undo():
    """The Undo button offered by the last action, once."""
    return session.pop("undo", None)


def removed_in_office(db, table, row_id, office_id):
    """A removed record lying in one of the office's communes, else None: what may be
    brought back, found where the sync engine finds a row's place."""
    try:
        row = store.get(db, table, row_id, include_deleted=True)
    except store.NotFound:
        return None
    commune, _office = capture.scope(db.sync, table, row)
    held = db.value("select 1 from office_communes where office_id = ? and commune_code = ?"
                    " and deleted_at is null", [office_id, commune])
    return row if row["deleted_at"] and held else None


# Where each kind of removed record is brought back: (endpoint, its argument).
_RESTORED_BY = {"visits": ("visits.restore", "visit_id"),
                "people": ("households.restore_person", "person_id"),
                "households": ("households.restore", "household_id")}


def restore_url(table, row_id):
    endpoint, argument = _RESTORED_BY[table]
    return url_for(endpoint, **{argument: row_id})


def init_app(app):
    app.jinja_env.globals["take_undo"] = take_undo
    app.jinja_env.globals["restore_url"] = restore_url
    app.jinja_env.globals["may_remove"] = lambda row: may_remove(g.user, row)

