"""The audit trail's page and CSV export, for the central server's administrators."""

import json

from flask import Blueprint, Response, abort, current_app, render_template, request

from sync import merge
from sync.synced_tables import SYNCED_TABLES

from forms.audit import AuditFilterForm

from .. import audit, clock, history
from . import words
from ..auth.sessions import role_required
from ..db import get_db
from ..i18n import gettext as _
from ..reports import exports
from ..sync_pages import records
from ..vocabulary import ACTION_LABELS

bp = Blueprint("audit", __name__, url_prefix="/central/audit", template_folder="templates")


def _filter_form():
    """The filters from the address; 404 on a laptop, which keeps no trail."""
    if not current_app.config.get("CENTRAL"):
        abort(404)
    return AuditFilterForm(formdata=request.args)


def _given():
    """The address's filters as typed, for the pager and export links."""
    return {k: v for k, v in request.args.items() if k != "page" and v}


@bp.get("/")
@role_required("admin")
def page():
    form = _filter_form()
    valid = form.validate()
    page = max(request.args.get("page", 1, type=int), 1)
    db = get_db()
    rows, has_next = audit.entries(db, form.filters(), page) if valid else ([], False)
    return render_template("audit/index.html", form=form,
                           rows=[_readable(db, row) for row in rows], page=page,
                           has_next=has_next, filters=_given(),
                           action_labels=ACTION_LABELS), 200 if valid else 400


def _readable(db, row):
    """A trail row with its record named as a person would, with a link, and what it records
    in words: a merged change as the record's history says it, any other as its facts."""
    row = dict(row)
    table, row_id = row["table_name"], row["row_id"]
    if row_id and (table == "devices" or table in SYNCED_TABLES and
                   merge.row(db.sync, table, row_id) is not None):
        row["record"] = records.described(db, table, row_id)
    try:
        detail = json.loads(row["detail"]) if row["detail"] else None
    except ValueError:
        detail = row["detail"]
    if "record" not in row and table in records.KINDS:
        # Not held here (removed for good, never received, or a whole office's targets): its
        # kind in words, and any id to look for.
        row["kind"] = str(records.KINDS[table]) % {"name": "…", "date": _period(detail)}
    if row["action"] == "merged" and isinstance(detail, dict) and \
            isinstance(detail.get("changes"), dict):
        row["said"] = {"action": detail.get("action"),
                       **history.in_words(db, table, detail.get("action"), detail["changes"])}
    elif detail is not None:
        row["words"] = words.in_words(db, row["action"], table, detail)
    return row


def _period(detail):
    """The month or year of an entry about targets, as the targets' own record names it."""
    if isinstance(detail, dict) and isinstance(detail.get("year"), int):
        month = detail.get("month")
        return f"{month:02d}/{detail['year']}" if isinstance(month, int) else str(detail["year"])
    return "…"


@bp.get("/export.csv")
@role_required("admin")
def export():
    form = _filter_form()
    if not form.validate():
        abort(400)
    headers = [_("Time"), _("Action"), _("Username"), _("Name"), _("Laptop"), _("Address"),
               _("Table"), _("Record id"), _("Details")]
    rows = ([clock.local(r["at"]).isoformat(timespec="seconds"), r["action"], r["username"],
             r["user_name"], r["device_name"] or r["device_id"], r["address"], r["table_name"],
             r["row_id"], r["detail"]] for r in audit.all_entries(get_db(), form.filters()))
    body = exports.csv_bytes([(_("Audit trail"), headers,
                               ([audit.spreadsheet_safe(v) for v in row] for row in rows))])
    return Response(body, content_type=exports.CONTENT_TYPES["csv"], headers={
        "Content-Disposition": 'attachment; filename="fieldapp-audit.csv"'})
