"""The office's communes and villages: the home page and village management."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from forms.places import VILLAGE_KIND_LABELS, VillageForm

from .. import offices, submissions
from ..auth import login_required
from ..db import get_db
from ..i18n import gettext as _
from . import queries

bp = Blueprint("places", __name__)


@bp.app_context_processor
def village_kinds():
    return {"village_kind_labels": VILLAGE_KIND_LABELS}


@login_required
def home():
    """The office's communes, each with its villages."""
    db = get_db()
    office_id = g.user["office_id"]
    return render_template(
        "places/home.html",
        office=offices.office(db, office_id),
        communes=queries.office_communes(db, office_id),
        villages=queries.villages_of_office(db, office_id),
    )


def _commune_or_404(db, code):
    commune = queries.office_commune(db, g.user["office_id"], code)
    if commune is None:
        abort(404)
    return commune


def _duplicate_message(form, existing):
    form.name.errors.append(_(
        "A village named “%(name)s” already exists in this commune.", name=existing["name"]))


@bp.route("/communes/<int:code>", methods=("GET", "POST"))
@login_required
@submissions.once
def commune(code):
    db = get_db()
    commune = _commune_or_404(db, code)
    form = VillageForm()
    if form.validate_on_submit():
        try:
            queries.create_village(db, code, form.name.data, form.kind.data,
                                   user_id=g.user["id"])
        except queries.DuplicateVillage as e:
            _duplicate_message(form, e.existing)
        else:
            flash(_("Village added."), "success")
            return redirect(url_for("places.commune", code=code))
    return render_template("places/commune.html", commune=commune, form=form,
                           villages=queries.villages_of_commune(db, code))


@bp.route("/villages/<village_id>/edit", methods=("GET", "POST"))
@login_required
@submissions.once
def edit_village(village_id):
    db = get_db()
    village = queries.office_village(db, g.user["office_id"], village_id)
    if village is None:
        abort(404)
    form = VillageForm(data=village)
    if form.validate_on_submit():
        try:
            queries.rename_village(db, village_id, village["commune_code"], form.name.data,
                                   form.kind.data, user_id=g.user["id"])
        except queries.DuplicateVillage as e:
            _duplicate_message(form, e.existing)
        else:
            flash(_("Village saved."), "success")
            return redirect(url_for("places.commune", code=village["commune_code"]))
    return render_template("places/village_edit.html", village=village, form=form)


@bp.post("/villages/<village_id>/delete")
@login_required
@submissions.once
def delete_village(village_id):
    db = get_db()
    village = queries.office_village(db, g.user["office_id"], village_id)
    if village is None:
        abort(404)
    try:
        queries.delete_village(db, village_id, user_id=g.user["id"])
    except queries.VillageNotEmpty:
        flash(_("“%(name)s” still has households: move or remove them first.",
                name=village["name"]), "error")
        return redirect(url_for("places.edit_village", village_id=village_id))
    flash(_("Village “%(name)s” removed.", name=village["name"]), "success")
    return redirect(url_for("places.commune", code=village["commune_code"]))
