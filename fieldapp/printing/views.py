"""Printed summaries: a visit's for the household, a session's with its attendance sheet."""

import io

from flask import Blueprint, abort, g, render_template, request, send_file

from forms import options
from forms.estimates import EstimateForm
from forms.printing import BatchForm, PrintForm

from .. import accounts
from ..auth.sessions import login_required
from ..db import get_db
from ..i18n import get_locale, gettext as _
from ..places import queries as places
from ..text import short_code
from ..visits import queries as visits
from . import summaries

bp = Blueprint("printing", __name__, template_folder="templates")


def _documents():
    """The documents module, imported when a PDF is asked for: WeasyPrint and pypdf take most
    of a second to import, which the app's start and every command need not pay."""
    from . import documents
    return documents


def _send_pdf(pdf, filename):
    return send_file(io.BytesIO(pdf), mimetype="application/pdf", download_name=filename,
                     as_attachment=False, max_age=0)


@bp.get("/visits/<visit_id>/summary.pdf")
@login_required
def visit_summary(visit_id):
    """The visit's one-page summary, in the household's language unless another is asked; its
    estimate of the family's costs as the visit page's estimate form asked, if it did."""
    db = get_db()
    visit = visits.visit(db, visit_id, g.user["office_id"])
    form = PrintForm(request.args)
    if visit is None or not form.validate():
        abort(404)
    estimate = EstimateForm(request.args)
    estimate.validate()
    pdf = _documents().visit_summaries_pdf(db, g.user["office_id"],
                                        [{"id": visit_id, "language": visit["household_language"]}],
                                        page_size=form.size.data, language=form.language.data,
                                        estimate=estimate.chosen())
    return _send_pdf(pdf, f"{short_code('V', visit_id)}.pdf")


@bp.get("/sessions/<session_id>/summary.pdf")
@login_required
def session_summary(session_id):
    """The session's summary and attendance sheet with a signature column."""
    db = get_db()
    form = PrintForm(request.args, default_size="A4", for_household=False)
    if not form.validate():
        abort(404)
    pdf = _documents().session_summary_pdf(db, g.user["office_id"], session_id,
                                        page_size=form.size.data,
                                        language=form.language.data or get_locale())
    if pdf is None:
        abort(404)
    return _send_pdf(pdf, f"{short_code('S', session_id)}.pdf")


@bp.get("/print/visits")
@login_required
def batch():
    """Choose visits by officer, day or range, and village; print them as one PDF."""
    db = get_db()
    office_id = g.user["office_id"]
    form = BatchForm(request.args)
    form.officer.choices = options([("", _("Every officer"))] + [
        (u["id"], u["full_name"]) for u in accounts.users(db, office_id)])
    communes = {c["code"]: c["name"] for c in places.office_communes(db, office_id)}
    form.village.choices = options([("", _("Every village"))] + [
        (v["id"], f"{v['name']} · {communes.get(code, '')}")
        for code, villages in places.villages_of_office(db, office_id).items()
        for v in villages])
    if request.args and form.validate():
        chosen = summaries.batch_visits(
            db, office_id, officer_id=form.officer.data or None, start=form.start.data,
            end=form.end.data or form.start.data, village_id=form.village.data or None)
        if not chosen:
            form.start.errors.append(_("No visit matches this choice."))
        elif len(chosen) > summaries.BATCH_LIMIT:
            form.start.errors.append(_("More than %(n)d visits match: narrow the choice.",
                                       n=summaries.BATCH_LIMIT))
        else:
            pdf = _documents().visit_summaries_pdf(db, office_id, chosen,
                                                page_size=form.size.data,
                                                language=form.language.data)
            return _send_pdf(pdf, "visit-summaries.pdf")
    return render_template("printing/batch.html", form=form)
