"""The search page."""

from flask import Blueprint, g, render_template, request

from ..auth.sessions import login_required
from ..db import get_db
from . import queries

bp = Blueprint("search", __name__, template_folder="templates")


@bp.get("/search")
@login_required
def search():
    db = get_db()
    q = request.args.get("q", "").strip()
    office_id = g.user["office_id"]
    return render_template("search/results.html", q=q, limit=queries.LIMIT,
                           people=queries.search(db, office_id, q) if q else [],
                           villages=queries.villages(db, office_id, q) if q else [])
