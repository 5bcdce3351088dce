"""Syncing in the app: enrolment, the sync page with its progress, conflicts, central devices."""

import json
import socket
import threading

from flask import (Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template,
                   session, url_for)

from forms import options
from forms.syncing import DiscardRefusedForm, EnrolForm, EnrolmentCodeForm, ResolveConflictForm
from sync import capture, client, handover, merge, policy, refused, server, verify
from sync.client import SyncError

from .. import __version__, accounts, audit, history, keys, offices, rules, store, submissions
from ..auth.sessions import end_session, login_required, role_required, start_session
from ..db import connect, get_db, key_of
from ..i18n import gettext as _, lazy_gettext as _l
from ..vocabulary import MANAGERS, ROLES
from . import records

bp = Blueprint("syncing", __name__, template_folder="templates")

ERRORS = {
    "offline": _l("The central server cannot be reached. Your changes are safe on this laptop:"
                  " try again when there is a connection."),
    "refused": _l("The central server refused this laptop: %(reason)s"),
    "not_enrolled": _l("The central server does not know this laptop: ask an administrator to"
                       " enrol it again."),
    "update_app": _l("This version of fieldapp is too old for the central server: update it,"
                     " then sync again."),
    "accounts": _l("The central server has no account in this office for these users of this"
                   " laptop, who made records on it: %(names)s. Ask the central administrator"
                   " to add each to the office with the same username, then enrol again with"
                   " the same code."),
    "error": _l("The sync stopped: %(reason)s. Nothing was lost: sync again to continue."),
}
# A check that could not finish: as a sync's errors, but for the last (nothing was changed).
VERIFY_ERRORS = {**ERRORS, "error": _l("The check could not finish: %(reason)s. Nothing was"
                                       " changed: check again.")}
# The central server's refusals by the code its answer carries (sync/server.py), each a whole
# sentence in the user's language: its own reason is in English. A code this app does not know
# falls back to ERRORS with that reason.
REFUSALS = {
    "code_unknown": _l("The central server does not know this enrolment code. Check that it is"
                       " typed as the central administrator gave it (12 letters and digits,"
                       " e.g. ABCD-EFGH-JKLM), or ask them for a new one."),
    "code_used": _l("This enrolment code was already used to enrol a laptop: a code works"
                    " once. Ask the central administrator for a new one."),
    "code_expired": _l("This enrolment code has expired: a code works for one day. Ask the"
                       " central administrator for a new one."),
    "not_enrolled": ERRORS["not_enrolled"],
    "revoked": _l("The central administrator revoked this laptop's access, so it can no longer"
                  " sync. Its unsynced changes stay on this laptop: ask the central"
                  " administrator what to do."),
}
STEPS = {"starting": _l("Starting"), "sending": _l("Sending changes"),
         "receiving": _l("Receiving changes"), "applying": _l("Saving received changes"),
         "done": _l("Done")}


def _central():
    return bool(current_app.config.get("CENTRAL"))


@bp.app_context_processor
def sync_status():
    """The count of unsynced local changes, shown in every page's header on a laptop."""
    if not g.get("user") or _central():
        return {"unsynced": None}
    return {"unsynced": capture.unsynced_count(get_db().sync)}


def _runs():
    return current_app.extensions.setdefault("fieldapp_sync", {"lock": threading.Lock()})


@bp.get("/sync")
@login_required
def page():
    if _central():
        return redirect(url_for("syncing.devices"))
    db = get_db()
    device = client.load_device(current_app.instance_path)
    run = _runs().get("current")
    return render_template(
        "syncing/page.html", device=device, form=EnrolForm(device_name=socket.gethostname()),
        last_sync=db.sync.state("last_sync_at"), refused=records.refused(db),
        waiting=records.waiting(db), discard_form=DiscardRefusedForm(),
        run=run, error=_error_text(run), steps=STEPS, verified=_verified(db),
        repairs=_repairs(db),
        verify_error=session.pop("verify_error", None))


def _repairs(db):
    """What syncs repaired or handed over on this laptop, newest first, in words."""
    shown = []
    for notice in handover.notices(db.sync):
        kind, count = notice["kind"], notice.get("records", 0)
        if kind == "split":
            words = _("This laptop shared its identity with another machine (a copy of it, or an"
                      " older copy of it put back). It now syncs as a new laptop of the office:"
                      " its unsynced work was sent as the new laptop's, and the changes it had"
                      " lost came back from the central server. Tell the office's supervisor.")
        elif kind == "central_restored":
            words = _("The central server had lost changes this laptop held (it was restored"
                      " from a backup): this laptop sent its %(count)s records again.",
                      count=count)
        elif kind in ("commune_gained", "commune_lost"):
            commune = db.value("select name from communes where code = ?",
                               [notice["commune"]]) or str(notice["commune"])
            words = (_("%(commune)s now belongs to this office: its records were received.",
                       commune=commune) if kind == "commune_gained" else
                     _("%(commune)s was handed to another office: its %(count)s records were"
                       " removed from this laptop.", commune=commune, count=count))
        else:
            continue
        shown.append({"at": notice["at"], "words": words})
    return shown


def _verified(db):
    """The last check that the central server holds this laptop's records, for the page: each
    record not held the same named in words, with a link."""
    result = verify.last_check(db.sync)
    if result is None:
        return None
    listed = [{"words": words, "link": link or None, "how": how}
              for table, row_id, how in result["not_held"]
              for words, link in [records.described(db, table, row_id)]]
    not_held = result["different"] + result["missing"]
    return {**result, "not_held": not_held, "listed": listed,
            "more": not_held - len(listed), "changed": verify.changed_since(db.sync, result)}


def _error_text(run):
    if not run or not run.get("error"):
        return None
    return error_text(*run["error"])


def error_text(kind, reason, code=None, errors=ERRORS, **values):
    """What a sync, a check or an enrolment that failed says, in the user's language: the
    sentence for the central server's refusal code when this app knows it, else the error's
    kind with the server's reason."""
    if code in REFUSALS:
        return str(REFUSALS[code])
    return str(errors[kind] % {"reason": reason, **values})


@bp.post("/sync/enrol")
@role_required("admin")
def enrol():
    form = EnrolForm()
    db = get_db()
    if form.validate_on_submit():
        try:
            device = client.enrol(db.sync, current_app.instance_path, form.central_url.data.strip(),
                                  form.code.data.strip().upper(), form.device_name.data.strip(),
                                  app_version=__version__)
        except SyncError as e:
            names = ", ".join(str(n) for n in e.detail.get("missing") or [])
            form.code.errors.append(error_text(e.kind, e.reason, e.detail.get("code"),
                                               names=names))
        else:
            return _after_enrolment(db, device)
    return render_template("syncing/page.html", device=None, form=form, last_sync=None,
                           refused=[], waiting=[], run=None, error=None, steps=STEPS), 400


@bp.post("/sync/refused/discard")
@login_required
def discard():
    """Stop sending a refused record, once the user confirms it stays on this laptop only."""
    form = DiscardRefusedForm()
    if not form.validate_on_submit():
        flash(_("Tick the box to confirm before discarding a refused record."), "error")
    else:
        db = get_db()
        with db.atomic():
            refused.discard(db.sync, form.table_name.data, form.row_id.data)
        flash(_("The record is no longer sent: it stays on this laptop only."), "success")
    return redirect(url_for("syncing.page", _anchor="refused"))


def _after_enrolment(db, device):
    """Say who can log in on this laptop now, and keep the one who enrolled it logged in if
    their account is one of the office's (then the central account, with its password)."""
    rehomed = device["rehomed"]
    user_id = session.get("user_id")
    user_id = rehomed["merged"].get(user_id, user_id)
    # The session first: starting or ending one clears the messages flashed before.
    if user_id and accounts.user_by_id(db, user_id):
        start_session({"id": user_id})
        where = url_for("syncing.page")
    else:
        end_session()  # the account that enrolled was the laptop's own, with no record: gone
        where = url_for("auth.login")
    flash(_("This laptop is enrolled. Sync now to send and receive the office's data."),
          "success")
    names = ", ".join(f"{u['full_name']} ({u['username']})"
                      for u in accounts.field_logins(db, device["office_id"]))
    flash(_("Who can log in on this laptop, with the central server's password: %(names)s."
            " Administrators manage offices, users and laptops on the central server and do"
            " not log in here.", names=names or "—"), "info")
    if rehomed["local"]:
        flash(_("These accounts made records here, but the central server has no account for"
                " them: their records wait on this laptop until the central administrator adds"
                " them: %(names)s.", names=", ".join(rehomed["local"])), "error")
    return redirect(where)


def run_sync(database, instance_path, on_progress=None, key=None):
    """Sync once with the enrolled central server, on a connection of its own (`key`: the
    encrypted laptop's, see fieldapp.keys)."""
    device = client.load_device(instance_path)
    if device is None:
        raise SyncError("this laptop is not enrolled", kind="not_enrolled")
    db = connect(database, key=key)
    try:
        result = client.sync(db.sync, device, app_version=__version__, on_progress=on_progress,
                             instance_path=instance_path)
        # A user removed, disabled or given a new password centrally: their old password
        # no longer opens this laptop.
        keys.forget_missing(db, keys.slots_in(instance_path))
        return result
    finally:
        db.close()


@bp.post("/sync/now")
@login_required
def now():
    runs = _runs()
    if client.load_device(current_app.instance_path) is None:
        abort(400)
    with runs["lock"]:
        if not (runs.get("current") or {}).get("running"):
            run = {"running": True, "step": "starting", "sent": 0, "received": 0,
                   "error": None}
            runs["current"] = run

            def progress(p):
                run.update(step=p.step, sent=p.sent, received=p.received)

            def work(database=current_app.config["DATABASE"],
                     instance=current_app.instance_path, key=key_of(current_app)):
                try:
                    run_sync(database, instance, progress, key=key)
                except SyncError as e:
                    run["error"] = (e.kind, e.reason, e.detail.get("code"))
                except Exception as e:  # shown to the officer; the data is safe either way
                    run["error"] = ("error", str(e), None)
                finally:
                    run["running"] = False

            threading.Thread(target=work, daemon=True).start()
    return redirect(url_for("syncing.page"))


@bp.post("/sync/verify")
@role_required(*ROLES)
def verify_records():
    """Ask the central server whether it holds every record of this laptop as it is here: the
    check before a laptop is wiped. The answer is kept for the page."""
    device = None if _central() else client.load_device(current_app.instance_path)
    if device is None:
        abort(400)
    try:
        verify.check(get_db().sync, device, timeout=60, app_version=__version__)
    except SyncError as e:
        # Shown once, in the check's own place on the page, as a sync's errors are.
        session["verify_error"] = error_text(e.kind, e.reason, e.detail.get("code"),
                                             VERIFY_ERRORS)
    return redirect(url_for("syncing.page", _anchor="verify"))


@bp.get("/sync/progress")
@login_required
def progress():
    run = _runs().get("current") or {}
    return jsonify(running=run.get("running", False), step=str(STEPS.get(run.get("step"), "")),
                   sent=run.get("sent", 0), received=run.get("received", 0),
                   error=_error_text(run), unsynced=capture.unsynced_count(get_db().sync))


# ---- Conflicts: the same field edited on two devices that had not seen each other's edit.

@bp.get("/conflicts")
@role_required(*MANAGERS)
def conflicts():
    db = get_db()
    rows = [{**_readable(db, r), "record": records.described(db, r["table_name"], r["row_id"])}
            for r in _conflicts_in_view(db, "resolved_at is null")]
    return render_template("syncing/conflicts.html", conflicts=rows)


def _conflicts_in_view(db, condition, params=()):
    """Live conflicts the user may review: on the central server an administrator every
    office's and a supervisor their own office's (a laptop holds only its office's)."""
    sql = f"select * from sync_conflicts where deleted_at is null and {condition}"
    if _central() and g.user["role"] != "admin":
        sql += (" and (scope_office = ? or scope_commune in (select commune_code from"
                " office_communes where office_id = ? and deleted_at is null))")
        params = [*params, g.user["office_id"], g.user["office_id"]]
    return list(db.query(sql + " order by created_at", params))


def _readable(db, row):
    """A conflict with its field named and both values shown as the forms show them."""
    kept = json.loads(row["kept_value"]) if row["kept_value"] else None
    lost = json.loads(row["lost_value"]) if row["lost_value"] else None
    table, field = row["table_name"], row["field"]
    return {**row, "kept": kept, "lost": lost, "label": history.field_label(table, field),
            "kept_shown": records.value(db, table, field, kept),
            "lost_shown": records.value(db, table, field, lost)}


def _resolvable(db, conflict):
    """Whether the conflict names a field a device may edit, of a live row it really
    concerns (the same table, row and field its values were found in)."""
    rule = policy.DEVICE_TABLES.get(conflict["table_name"])
    field = conflict["field"]
    if rule is None or field in policy.NEVER or field in merge.BOOKKEEPING \
            or (rule.change is not policy.ALL and field not in rule.change) \
            or field not in db.sync.columns(conflict["table_name"]):
        return False
    # The table is one of policy.DEVICE_TABLES, a plain name.
    return bool(db.value(f"select 1 from {conflict['table_name']} where id = ? and"
                         " deleted_at is null", [conflict["row_id"]]))


@bp.route("/conflicts/<conflict_id>", methods=("GET", "POST"))
@role_required(*MANAGERS)
@submissions.once
def resolve(conflict_id):
    db = get_db()
    found = _conflicts_in_view(db, "id = ?", [conflict_id])
    if not found or not _resolvable(db, found[0]):
        abort(404)
    conflict = {**_readable(db, found[0]),
                "record": records.described(db, found[0]["table_name"], found[0]["row_id"])}
    form = ResolveConflictForm()
    if form.validate_on_submit():
        value = {"kept": conflict["kept"], "lost": conflict["lost"],
                 "new": _typed_like(form.value.data, conflict["kept"])}[form.choice.data]
        if rules.problems(conflict["table_name"], {conflict["field"]: value}):
            form.value.errors.append(_("This value is not accepted for this field."))
        else:
            with db.atomic():
                store.update(db, conflict["table_name"], conflict["row_id"],
                             {conflict["field"]: value}, user_id=g.user["id"])
                store.update(db, "sync_conflicts", conflict_id,
                             {"resolved_at": store.now(), "resolution": form.choice.data},
                             user_id=g.user["id"])
                audit.record_request("conflict_resolved", table=conflict["table_name"],
                                     row_id=conflict["row_id"], detail={
                                         "conflict_id": conflict_id, "field": conflict["field"],
                                         "choice": form.choice.data})
            flash(_("Conflict resolved; the chosen value syncs like any edit."), "success")
            return redirect(url_for("syncing.conflicts"))
    return render_template("syncing/resolve.html", conflict=conflict, form=form)


def _typed_like(text, example):
    """A typed new value as the kind of value the field holds (a number for a number)."""
    if isinstance(example, int) and not isinstance(example, bool):
        try:
            return int(text.strip())
        except ValueError:
            return text
    return text


# ---- Central server: devices and enrolment codes.

@bp.route("/central/devices", methods=("GET", "POST"))
@role_required("admin")
def devices():
    if not _central():
        abort(404)
    db = get_db()
    form = EnrolmentCodeForm()
    form.office_id.choices = options((o["id"], o["name"]) for o in offices.offices(db))
    code = expires_at = None
    if form.validate_on_submit():
        with db.atomic():
            code = server.create_enrolment_code(db.sync, form.office_id.data, user_id=g.user["id"])
            # The code itself is a secret: only the office it is for is recorded.
            audit.record_request("enrolment_code", detail={"office_id": form.office_id.data})
        expires_at = server.code_expires_at(db.sync, code)
    return render_template("syncing/devices.html", devices=server.devices(db.sync), form=form,
                           code=code, expires_at=expires_at)


@bp.post("/central/devices/<device_id>/revoke")
@role_required("admin")
def revoke(device_id):
    if not _central():
        abort(404)
    db = get_db()
    with db.atomic():
        made = server.revoke(db.sync, device_id)
        for user_id in made:
            # A login a stolen laptop made outlives it no more.
            accounts.set_active(db, user_id, False, user_id=g.user["id"])
            accounts.end_sessions(db, user_id)
        audit.record_request("device_revoked", table="devices", row_id=device_id,
                             detail={"accounts_disabled": made} if made else None)
    flash(_("Access revoked: this laptop can no longer sync."), "success")
    return redirect(url_for("syncing.devices"))


# The Backups page's routes live on this blueprint too.
from . import backups as _backups  # noqa: E402,F401
