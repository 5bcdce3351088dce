"""Translation review inside the app, for users with the translator permission: every string,
the glossary beside it, coverage, .po export, and review sheets (XLSX) out and back in."""

import functools

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template,
                   request, url_for)

from forms.translating import ReviewForm, ReviewSheetForm

from .. import audit, placeholders, submissions
from ..auth.sessions import login_required
from ..db import get_db
from ..i18n import LANGUAGES, SOURCE, gettext as _
from ..text import page_number
from . import glossary, queries, sheet

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


def _sheet_form(**kwargs):
    form = ReviewSheetForm(**kwargs)
    form.language.choices = [(code, language.autonym) for code, language in LANGUAGES.items()
                             if code != SOURCE]
    return form


def _index(form, status=200):
    return render_template("translating/index.html", form=form,
                           coverage=queries.coverage(get_db(), _directory()),
                           glossaries={code for code in LANGUAGES
                                       if glossary.terms(_directory(), code)},
                           max_mb=sheet.MAX_BYTES // (1024 * 1024)), status


@bp.get("/")
@translator_required
def index():
    """Coverage per language, and where to start reviewing."""
    return _index(_sheet_form())


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
    terms = glossary.occurring(
        glossary.with_reviews(glossary.terms(_directory(), code), queries.reviews(db, code)),
        entry.msgid, entry.vietnamese)
    return render_template("translating/review.html", language=language, entry=entry, form=form,
                           terms=terms)


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


@bp.get("/<code>/glossary.csv")
@translator_required
def glossary_csv(code):
    """The language's glossary with the reviews made in the app and by sheet, in the shape of
    translations/glossary/<code>.csv, to bring them back into the repository."""
    _language_or_404(code)
    terms = glossary.terms(_directory(), code)
    if not terms:
        abort(404)
    body = glossary.csv_text(glossary.with_reviews(terms, queries.reviews(get_db(), code)))
    return Response(body.encode("utf-8"), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={code}.csv"})


@bp.get("/<code>/review-sheet.xlsx")
@translator_required
def review_sheet(code):
    """The language's drafts as an XLSX review sheet: strings, glossary, scripts."""
    _language_or_404(code)
    body = sheet.export(get_db(), _directory(), code, static_folder=current_app.static_folder)
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument"
                                   ".spreadsheetml.sheet", headers={
        "Content-Disposition": f"attachment; filename=fieldapp-{code}-review.xlsx"})


# The most a request that uploads a sheet may carry: the sheet and the form's few fields.
UPLOAD_LIMIT = sheet.MAX_BYTES + 64 * 1024


@bp.before_app_request
def _limit_upload():
    """An upload of a review sheet is bounded before anything reads its body: this runs before
    the CSRF check (which reads the form), after auth has loaded the user. A larger one is
    answered, to a translator, with the page and a message; the body is never read past the
    limit, whatever the request claims (werkzeug answers 413)."""
    if request.endpoint != "translating.import_sheet":
        return None
    request.max_content_length = UPLOAD_LIMIT
    user = g.get("user")
    if (request.content_length or 0) > UPLOAD_LIMIT and user and (
            user["translator"] or user["role"] == "admin"):
        form = _sheet_form(formdata=None)  # the body is not read
        form.sheet.errors = [sheet.too_large_message()]
        return _index(form, 413)
    return None


SUMMARY_LINES = 8  # a flashed summary travels in the session cookie: a few lines only


@bp.post("/import")
@translator_required
@submissions.once
def import_sheet():
    """A review sheet back: every reviewer's version a review, or the sheet refused whole."""
    form = _sheet_form()
    if not form.validate_on_submit():
        return _index(form, 400)
    code = form.language.data
    db = get_db()
    try:
        summary = sheet.import_sheet(db, _directory(), form.sheet.data.read(),
                                     user_id=g.user["id"], language=code)
    except sheet.Refused as refused:
        form.sheet.errors = [_("Nothing was imported: the sheet was edited out of shape.")]
        form.sheet.errors += refused.messages[:sheet.MAX_REFUSALS_SHOWN]
        if len(refused.messages) > sheet.MAX_REFUSALS_SHOWN:
            form.sheet.errors.append(_("Problems beyond these: %(count)d.", count=len(
                refused.messages) - sheet.MAX_REFUSALS_SHOWN))
        return _index(form, 422)
    audit.record_request("translation_reviewed", table="translation_reviews", detail={
        "language": code, "sheet": True, "reviewed": summary.reviewed,
        "refused": len(summary.refused)})
    lines = summary.lines()
    flash(lines[0], "success" if not summary.refused else "info")
    for line in lines[1:SUMMARY_LINES]:
        flash(line, "error")
    if len(lines) > SUMMARY_LINES:
        flash(_("Rows refused beyond these: %(count)d.",
                count=len(summary.refused) - (SUMMARY_LINES - 1)), "error")
    return redirect(url_for("translating.index"))
