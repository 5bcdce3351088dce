"""Worklist pages: per village, per office and per officer."""

from flask import Blueprint, abort, g, render_template, request

from .. import accounts
from ..auth.sessions import login_required
from ..db import get_db
from ..i18n import lazy_gettext as _l
from ..places import queries as places
from ..text import page_number
from . import queries

bp = Blueprint("worklists", __name__, template_folder="templates")

TITLES = {
    "never-visited": _l("Households never visited"),
    "no-bhyt": _l("People without a valid BHYT card"),
    "bhyt-expiring": _l("BHYT cards expiring soon"),
    "no-bhxh": _l("People aged 15 and over without social insurance"),
    "follow-ups": _l("Follow-ups due or overdue"),
}
DEFAULT_DAYS = {"bhyt-expiring": 30, "follow-ups": 0}


@bp.get("/worklists/<kind>")
@login_required
def show(kind):
    if kind not in queries.WORKLISTS:
        abort(404)
    db = get_db()
    office_id = g.user["office_id"]
    village_id = request.args.get("village") or None
    village = places.office_village(db, village_id, office_id) if village_id else None
    if village_id and village is None:
        abort(404)
    # Villages are offered one commune at a time: an office can have a thousand of them.
    commune = village["commune_code"] if village else request.args.get("commune", type=int)
    if commune and places.office_commune(db, office_id, commune) is None:
        abort(404)
    officer_id = request.args.get("officer") or None
    days = min(max(request.args.get("days", DEFAULT_DAYS.get(kind, 30), type=int), 0), 3650)
    sort = request.args.get("sort")
    descending = request.args.get("dir") == "desc"
    page = page_number(request.args)
    rows, has_next = queries.worklist(db, kind, office_id, village_id=village_id,
                                      commune=commune, officer_id=officer_id, days=days,
                                      sort=sort,
                                      descending=descending, page=page)
    spec = queries.WORKLISTS[kind]
    return render_template(
        "worklists/show.html", kind=kind, titles=TITLES, rows=rows, has_next=has_next,
        page=page, days=days, sort=sort or spec.default_sort, descending=descending,
        village_id=village_id, officer_id=officer_id,
        communes=places.office_communes(db, office_id), commune=commune,
        villages=places.villages_of_commune(db, commune) if commune else [],
        officers=accounts.users(db, office_id), uses_days=kind in DEFAULT_DAYS)
