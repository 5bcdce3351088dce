"""Translation review inside the app, for users with the translator permission."""

import functools

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template,
                   request, url_for)

from forms.translating import ReviewForm

from .. import audit, placeholders, submissions
from ..auth.sessions import login_required
from ..db import get_db
from ..i18n import LANGUAGES, SOURCE, gettext as _
from ..text import page_number
from . import queries

bp = Blueprint("translating", __name__, url_prefix="/translations",
               template_folder="templates")

PAGE_SIZE = 50
STATES = ("missing", "draft", "reviewed")


def translator_required(view):
    """Translators and administrators only; others get 403."""
    @functools.wraps(view)
    @login_required
    def wrapped(**kwargs):
        if not (g.user["translator"] or g.user["role"] == "admin"):
            abort(403)
        return view(**kwargs)
    return wrapped


def _directory():
    return current_app.extensions["fieldapp_catalogs"].directory


def _language_or_404(code):
    if code not in LANGUAGES or code == SOURCE:
        abort(404)
    return LANGUAGES[code]


@bp.get("/")
@translator_required
def index():
    """Coverage per language, and where to start reviewing."""
    return render_template("translating/index.html",
                           coverage=queries.coverage(get_db(), _directory()))


@bp.get("/<code>")
@translator_required
def strings(code):
    language = _language_or_404(code)
    state = request.args.get("state") if request.args.get("state") in STATES else None
    q = (request.args.get("q") or "").strip().lower()
    rows = [e for e in queries.entries(get_db(), _directory(), code)
            if (state is None or e.state == state)
            and (not q or q in e.msgid.lower() or q in e.vietnamese.lower()
                 or q in e.text.lower())]
    page = page_number(request.args)
    return render_template(
        "translating/strings.html", language=language, rows=rows[(page - 1) * PAGE_SIZE:
                                                                page * PAGE_SIZE],
        total=len(rows), page=page, pages=max((len(rows) + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        state=state, q=q)


@bp.route("/<code>/string", methods=("GET", "POST"))
@translator_required
@submissions.once
def review(code):
    """One string: its Vietnamese source, where it appears, its text here; correct or approve."""
    language = _language_or_404(code)
    db = get_db()
    msgid = request.values.get("msgid", "")
    entry = next((e for e in queries.entries(db, _directory(), code) if e.msgid == msgid), None)
    if entry is None:
        abort(404)
    form = ReviewForm(data={"msgstr": entry.text, "reviewed": entry.state == "reviewed"})
    if form.validate_on_submit():
        problems = placeholders.problems(msgid, form.msgstr.data.strip())
        if problems:
            form.msgstr.errors.extend(_placeholder_messages(msgid, problems))
        else:
            row_id = queries.save_review(db, code, msgid, form.msgstr.data, form.reviewed.data,
                                         user_id=g.user["id"])
            audit.record_request("translation_reviewed", table="translation_reviews",
                                 row_id=row_id, detail={"language": code, "msgid": msgid,
                                                        "reviewed": bool(form.reviewed.data)})
            flash(_("Translation saved; it is used from now on."), "success")
            return redirect(url_for("translating.strings", code=code,
                                    state=request.args.get("state") or None))
    return render_template("translating/review.html", language=language, entry=entry, form=form)


def _placeholder_messages(msgid, problems):
    """What the translator is told, in the page's language: one message per kind of problem."""
    messages = []
    if any(p.kind == placeholders.PERCENT for p in problems):
        messages.append(_("Write %(double)s for a percent sign: a single %(single)s starts a"
                          " placeholder.", double="%%", single="%"))
    if any(p.kind == placeholders.PLACEHOLDERS for p in problems):
        messages.append(_("Keep the placeholders exactly as in the source: %(names)s.",
                          names=", ".join(placeholders.written(msgid)) or "—"))
    return messages


@bp.get("/<code>/export.po")
@translator_required
def export(code):
    _language_or_404(code)
    body = queries.export_po(get_db(), _directory(), code)
    return Response(body, mimetype="text/x-gettext-translation", headers={
        "Content-Disposition": f"attachment; filename=fieldapp-{code}.po"})
