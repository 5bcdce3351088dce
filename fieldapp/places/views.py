"""The office's communes and villages: the home page and village management."""

import functools

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from forms.places import MergeVillagesForm, VillageForm

from .. import offices, submissions
from ..auth.sessions import in_office_or_404, login_required, role_required
from ..db import get_db
from ..i18n import gettext as _, ngettext
from ..vocabulary import MANAGERS, VILLAGE_KIND_LABELS
from . import queries

bp = Blueprint("places", __name__, template_folder="templates")


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
        duplicates=_duplicates(db),
    )


def _duplicates(db, commune_code=None):
    """Same-named villages to merge, for those who may merge them."""
    if g.user["role"] not in MANAGERS:
        return []
    return queries.duplicate_villages(db, g.user["office_id"], commune_code)


def _commune_or_404(db, code):
    commune = queries.office_commune(db, g.user["office_id"], code)
    if commune is None:
        abort(404)
    return commune


_village_or_404 = functools.partial(in_office_or_404, queries.office_village)


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
                           villages=queries.villages_of_commune(db, code),
                           duplicates=_duplicates(db, code))


@bp.route("/villages/<village_id>/edit", methods=("GET", "POST"))
@login_required
@submissions.once
def edit_village(village_id):
    db = get_db()
    village = _village_or_404(db, village_id)
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
    village = _village_or_404(db, village_id)
    try:
        queries.delete_village(db, village_id, user_id=g.user["id"])
    except queries.VillageNotEmpty:
        flash(_("“%(name)s” still has households: move or remove them first.",
                name=village["name"]), "error")
        return redirect(url_for("places.edit_village", village_id=village_id))
    flash(_("Village “%(name)s” removed.", name=village["name"]), "success")
    return redirect(url_for("places.commune", code=village["commune_code"]))


@bp.get("/villages/duplicates")
@role_required(*MANAGERS)
def duplicate_villages():
    """Villages of one commune with the same name, made apart on laptops that were offline."""
    return render_template("places/duplicates.html", groups=_duplicates(get_db()))


@bp.route("/villages/<village_id>/merge", methods=("GET", "POST"))
@role_required(*MANAGERS)
@submissions.once
def merge_villages(village_id):
    db = get_db()
    village = _village_or_404(db, village_id)
    group = queries.duplicates_of(db, g.user["office_id"], village)
    if group is None:
        flash(_("No other village of this commune has this name."), "info")
        return redirect(url_for("places.commune", code=village["commune_code"]))
    form = MergeVillagesForm(keep=group[0]["id"])
    form.keep.choices = [(v["id"], v["name"]) for v in group]
    if form.validate_on_submit():
        moved = queries.merge_villages(
            db, form.keep.data, [v["id"] for v in group if v["id"] != form.keep.data],
            user_id=g.user["id"])
        flash(ngettext("Villages merged: %(num)d household moved.",
                       "Villages merged: %(num)d households moved.", moved), "success")
        return redirect(url_for("households.village", village_id=form.keep.data))
    return render_template("places/merge.html", village=village, form=form,
                           villages={v["id"]: v for v in group})
