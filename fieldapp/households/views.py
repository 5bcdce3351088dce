"""Households and people: the village's household list, registration, and each household's page."""

import functools

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from forms.households import HouseholdForm, MovePersonForm, PersonForm, RegisterHouseholdForm
from forms.removals import RemoveForm

from .. import history, lists, removals, submissions
from ..text import page_number
from ..auth.sessions import in_office_or_404, login_required
from ..db import get_db
from ..i18n import gettext as _
from ..places import queries as places
from ..search import queries as search
from ..visits import queries as visits
from ..vocabulary import BHXH_STATUS_LABELS, GENDER_LABELS, VSSID_LABELS
from . import queries

bp = Blueprint("households", __name__, template_folder="templates")

PAGE_SIZE = 100


@bp.app_context_processor
def person_labels():
    return {"gender_labels": GENDER_LABELS, "bhxh_status_labels": BHXH_STATUS_LABELS,
            "vssid_labels": VSSID_LABELS, "age": queries.age}


_village_or_404 = functools.partial(in_office_or_404, places.office_village)
_household_or_404 = functools.partial(in_office_or_404, queries.household)
_person_or_404 = functools.partial(in_office_or_404, queries.person)


def _fill_choices(db, form):
    """Choices that live in configurable lists."""
    if hasattr(form, "ethnicity"):
        form.ethnicity.choices = lists.choices(db, "ethnicity", blank=_("Not recorded"))
    if hasattr(form, "language"):
        form.language.choices = lists.choices(db, "language")
    if hasattr(form, "bhyt_card_type"):
        form.bhyt_card_type.choices = lists.choices(db, "bhyt_card_type", blank=_("No card"))
    if hasattr(form, "relation"):
        form.relation.choices = lists.choices(db, "relation")
    return form


def _duplicates(db, form, commune_code, exclude_id=None):
    """Likely duplicates of the person in the form, unless the officer already confirmed."""
    if form.confirm_duplicate.data:
        return []
    values = form.person_values()
    return queries.likely_duplicates(db, g.user["office_id"], commune_code, values["full_name"],
                                     values["birth_year"], values["cccd"],
                                     values["bhxh_number"], exclude_id=exclude_id)


@bp.get("/villages/<village_id>")
@login_required
def village(village_id):
    db = get_db()
    village = _village_or_404(db, village_id)
    page = page_number(request.args)
    total = queries.count_village_households(db, village_id)
    return render_template(
        "households/village.html", village=village, total=total, page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        households=queries.village_households(db, village_id, PAGE_SIZE,
                                              (page - 1) * PAGE_SIZE),
        removed=queries.removed_households(db, village_id),
        language_labels=lists.labels(db, "language"))


@bp.route("/villages/<village_id>/households/new", methods=("GET", "POST"))
@login_required
@submissions.once
def register(village_id):
    db = get_db()
    village = _village_or_404(db, village_id)
    form = _fill_choices(db, RegisterHouseholdForm())
    duplicates = []
    if form.validate_on_submit():
        duplicates = _duplicates(db, form, village["commune_code"])
        if not duplicates:
            household_id = queries.register_household(
                db, village_id, form.data, form.person_values(), user_id=g.user["id"])
            flash(_("Household registered. Now add the other members."), "success")
            removals.offer_undo(url_for("households.undo_save", household_id=household_id),
                                _("Undo"))
            return redirect(url_for("households.view", household_id=household_id))
    return render_template("households/register.html", village=village, form=form,
                           duplicates=duplicates)


@bp.get("/households/<household_id>")
@login_required
def view(household_id):
    db = get_db()
    household = _household_or_404(db, household_id)
    return render_template(
        "households/view.html", household=household,
        members=queries.members(db, household_id),
        visits=visits.household_visits(db, household_id),
        history=history.entries(db, "households", household_id),
        removable=removals.may_remove(g.user, household), remove_form=RemoveForm(formdata=None),
        removed=queries.removed_members(db, household_id),
        labels={name: lists.labels(db, name)
                for name in ("ethnicity", "language", "relation", "bhyt_card_type", "topic")})


@bp.route("/households/<household_id>/edit", methods=("GET", "POST"))
@login_required
@submissions.once
def edit(household_id):
    db = get_db()
    household = _household_or_404(db, household_id)
    form = _fill_choices(db, HouseholdForm(data=household))
    if form.validate_on_submit():
        queries.update_household(db, household_id, form.data, user_id=g.user["id"])
        flash(_("Household saved."), "success")
        return redirect(url_for("households.view", household_id=household_id))
    return render_template("households/edit.html", household=household, form=form)


@bp.route("/households/<household_id>/people/new", methods=("GET", "POST"))
@login_required
@submissions.once
def add_person(household_id):
    db = get_db()
    household = _household_or_404(db, household_id)
    form = _fill_choices(db, PersonForm(ethnicity=household["ethnicity"]))
    duplicates = []
    if form.validate_on_submit():
        duplicates = _duplicates(db, form, household["commune_code"])
        if not duplicates:
            queries.add_person(db, household_id,
                               {**form.person_values(), "relation": form.relation.data},
                               user_id=g.user["id"])
            flash(_("%(name)s added to the household.", name=form.full_name.data), "success")
            return redirect(url_for("households.view", household_id=household_id))
    return render_template("households/person_form.html", household=household, person=None,
                           form=form, duplicates=duplicates)


def _person_form_data(person):
    from datetime import date
    data = dict(person)
    for key in ("birth_date", "bhyt_expiry"):
        data[key] = date.fromisoformat(person[key]) if person[key] else None
    data["bhyt_card_type"] = person["bhyt_card_type"] or ""
    data["ethnicity"] = person["ethnicity"] or ""
    return data


@bp.route("/people/<person_id>", methods=("GET", "POST"))
@login_required
@submissions.once
def edit_person(person_id):
    db = get_db()
    person = _person_or_404(db, person_id)
    household = _household_or_404(db, person["household_id"])
    form = _fill_choices(db, PersonForm(data=_person_form_data(person)))
    duplicates = []
    if form.validate_on_submit():
        duplicates = _duplicates(db, form, household["commune_code"], exclude_id=person_id)
        if not duplicates:
            queries.update_person(db, person_id,
                                  {**form.person_values(), "relation": form.relation.data},
                                  user_id=g.user["id"])
            flash(_("%(name)s saved.", name=form.full_name.data), "success")
            return redirect(url_for("households.view", household_id=household["id"]))
    return render_template("households/person_form.html", household=household, person=person,
                           form=form, duplicates=duplicates,
                           history=history.entries(db, "people", person_id),
                           removable=removals.may_remove(g.user, person),
                           remove_form=RemoveForm(formdata=None),
                           outcomes=visits.person_outcomes(db, person_id),
                           reasons=lists.labels(db, "decline_reason"))


@bp.route("/people/<person_id>/move", methods=("GET", "POST"))
@login_required
@submissions.once
def move_person(person_id):
    db = get_db()
    person = _person_or_404(db, person_id)
    household = _household_or_404(db, person["household_id"])
    form = _fill_choices(db, MovePersonForm())
    if form.validate_on_submit():
        target = queries.household(db, form.household_id.data, g.user["office_id"])
        if target is None or target["id"] == household["id"]:
            form.household_id.errors.append(_("Pick another household of your office."))
        else:
            queries.move_person(db, person_id, target["id"], form.relation.data,
                                user_id=g.user["id"])
            flash(_("%(name)s moved to the household of %(head)s.", name=person["full_name"],
                    head=target["head_name"] or "—"), "success")
            return redirect(url_for("households.view", household_id=target["id"]))
    q = request.args.get("q", "")
    return render_template("households/move.html", person=person, household=household,
                           form=form, q=q,
                           results=search.search(db, g.user["office_id"], q) if q else None)


@bp.post("/people/<person_id>/remove")
@login_required
@submissions.once
def remove_person(person_id):
    db = get_db()
    person = _person_or_404(db, person_id)
    return removals.remove_by_form(
        person, lambda reason: queries.remove_person(db, person_id, reason,
                                                     user_id=g.user["id"]),
        done=url_for("households.view", household_id=person["household_id"]),
        undo=url_for("households.restore_person", person_id=person_id),
        removed=_("%(name)s removed from the household.", name=person["full_name"]),
        back=url_for("households.edit_person", person_id=person_id, _anchor="remove"),
        erasable="people")


@bp.post("/people/<person_id>/restore")
@login_required
@submissions.once
def restore_person(person_id):
    db = get_db()
    return removals.restore_by_form(
        db, "people", person_id,
        lambda: queries.restore_person(db, person_id, user_id=g.user["id"]),
        done=url_for("households.edit_person", person_id=person_id),
        restored=_("Brought back to the household."))


@bp.post("/households/<household_id>/remove")
@login_required
@submissions.once
def remove(household_id):
    db = get_db()
    household = _household_or_404(db, household_id)
    return removals.remove_by_form(
        household, lambda reason: queries.remove_household(db, household_id, reason,
                                                           user_id=g.user["id"]),
        done=url_for("households.village", village_id=household["village_id"]),
        undo=url_for("households.restore", household_id=household_id),
        removed=_("Household removed, with its members and visits."),
        back=url_for("households.view", household_id=household_id, _anchor="remove"),
        erasable="households")


@bp.post("/households/<household_id>/restore")
@login_required
@submissions.once
def restore(household_id):
    db = get_db()
    return removals.restore_by_form(
        db, "households", household_id,
        lambda: queries.restore_household(db, household_id, user_id=g.user["id"]),
        done=url_for("households.view", household_id=household_id),
        restored=_("Household brought back, with what was removed with it."))


@bp.post("/households/<household_id>/undo-save")
@login_required
@submissions.once
def undo_save(household_id):
    db = get_db()
    household = _household_or_404(db, household_id)
    return removals.undo_saving(
        household, lambda reason: queries.remove_household(db, household_id, reason,
                                                           user_id=g.user["id"]),
        done=url_for("households.village", village_id=household["village_id"]))
