"""Recording door-to-door visits and reading them back."""

import functools

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from forms import options
from forms.estimates import EstimateForm
from forms.printing import PrintForm
from forms.removals import MoveVisitForm, RemoveForm
from forms.visits import VisitDetailsForm, visit_form

from .. import clock, history, lists, removals, store, submissions
from ..auth.sessions import in_office_or_404, login_required
from ..db import get_db
from ..households import queries as households
from ..i18n import gettext as _
from ..scripts import suggestions
from ..text import short_code
from ..vocabulary import OUTCOME_LABELS
from . import costs, queries

bp = Blueprint("visits", __name__, template_folder="templates")


@bp.app_context_processor
def outcome_labels():
    return {"outcome_labels": OUTCOME_LABELS}


_household_or_404 = functools.partial(in_office_or_404, households.household)


def _fill_choices(db, form):
    form.topics.choices = lists.choices(db, "topic")
    form.materials.choices = lists.choices(db, "material")
    if hasattr(form, "language"):
        form.language.choices = lists.choices(db, "language")
    return form


@bp.route("/households/<household_id>/visits/new", methods=("GET", "POST"))
@login_required
@submissions.once
def new(household_id):
    db = get_db()
    household = _household_or_404(db, household_id)
    members = households.members(db, household_id)
    reasons = lists.choices(db, "decline_reason", blank="—")
    form = _fill_choices(db, visit_form(members, reasons, language=household["language"]))
    if form.validate_on_submit():
        visit_id = queries.record_visit(
            db, household_id, officer_id=g.user["id"], visited_at=form.visited_at.data,
            outcomes=form.outcomes(), present=form.present.data, topics=form.topics.data,
            materials=form.materials.data, language=form.language.data,
            companions=form.companions.data or "", nobody_home=form.nobody_home.data,
            follow_up_on=form.follow_up_on.data, notes=form.notes.data or "")
        flash(_("Visit saved."), "success")
        removals.offer_undo(url_for("visits.undo_save", visit_id=visit_id), _("Undo"))
        return redirect(url_for("households.view", household_id=household_id))
    # The scripts for what the household's members lack, most needed first.
    suggested = suggestions.for_household(db, members, household["language"])
    return render_template("visits/new.html", household=household, form=form,
                           suggested=suggested)


@bp.post("/households/<household_id>/visits/nobody-home")
@login_required
@submissions.once
def nobody_home(household_id):
    """One click at a closed door: a visit now, with nobody home."""
    db = get_db()
    household = _household_or_404(db, household_id)
    queries.record_visit(db, household_id, officer_id=g.user["id"],
                         visited_at=clock.now().replace(second=0, microsecond=0),
                         language=household["language"], nobody_home=True)
    flash(_("Visit saved: nobody home."), "success")
    return redirect(url_for("households.view", household_id=household_id))


_visit_or_404 = functools.partial(in_office_or_404, queries.visit)


@bp.route("/visits/<visit_id>", methods=("GET", "POST"))
@login_required
@submissions.once
def view(visit_id):
    db = get_db()
    visit = _visit_or_404(db, visit_id)
    form = _fill_choices(db, VisitDetailsForm(data=_details(visit)))
    if form.validate_on_submit():
        if form.follow_up_on.data and form.follow_up_on.data.isoformat() < visit["visited_at"][:10]:
            form.follow_up_on.errors.append(_("The follow-up date must come after the visit."))
        else:
            queries.update_visit(db, visit_id, topics=form.topics.data,
                                 materials=form.materials.data,
                                 companions=form.companions.data or "",
                                 follow_up_on=form.follow_up_on.data,
                                 notes=form.notes.data or "", user_id=g.user["id"])
            flash(_("Visit saved."), "success")
            return redirect(url_for("visits.view", visit_id=visit_id))
    members = {m["id"]: m["full_name"] for m in households.members(db, visit["household_id"])}
    correctable = removals.may_remove(g.user, visit)
    return render_template(
        "visits/view.html", visit=visit, form=form, members=members,
        correctable=correctable, remove_form=RemoveForm(formdata=None),
        move_form=_move_form(db, visit, formdata=None) if correctable else None,
        print_form=PrintForm(formdata=None), code=short_code("V", visit_id),
        outcomes=queries.visit_outcomes(db, visit_id),
        history=history.entries(db, "visits", visit_id),
        labels={name: lists.labels(db, name)
                for name in ("topic", "material", "language", "decline_reason")},
        **_estimate(db, visit))


def _estimate(db, visit):
    """What it would cost this family, as the estimate form (read from the address) asks."""
    household = households.household(db, visit["household_id"], g.user["office_id"])
    form = EstimateForm(request.args, default_group=costs.default_group(db, visit, household))
    form.validate()
    return {"estimate_form": form, "cost": costs.estimate(db, visit, household, *form.chosen())}


def _details(visit):
    from datetime import date
    return {**visit, "follow_up_on": date.fromisoformat(visit["follow_up_on"])
            if visit["follow_up_on"] else None}


def _correctable_or_403(db, visit_id):
    visit = _visit_or_404(db, visit_id)
    if not removals.may_remove(g.user, visit):
        abort(403)
    return visit


def _move_form(db, visit, **kwargs):
    form = MoveVisitForm(**kwargs)
    household = households.household(db, visit["household_id"], g.user["office_id"])
    form.household_id.choices = options(
        (h["id"], h["head_name"] or "—") for h in households.village_households(
            db, household["village_id"]) if h["id"] != visit["household_id"])
    return form


@bp.route("/visits/<visit_id>/people", methods=("GET", "POST"))
@login_required
@submissions.once
def correct_people(visit_id):
    """Correct who was met and what came of it; the statuses follow."""
    db = get_db()
    visit = _correctable_or_403(db, visit_id)
    members = households.members(db, visit["household_id"])
    reasons = lists.choices(db, "decline_reason", blank="—")
    outcomes = {}
    for o in queries.visit_outcomes(db, visit_id):
        codes, reason = outcomes.get(o["person_id"], ([], None))
        outcomes[o["person_id"]] = ([*codes, o["outcome"]], o["decline_reason"] or reason)
    data = {"present": visit["present"], "nobody_home": bool(visit["nobody_home"]),
            "notes": visit["notes"], "visited_at": None, "language": visit["language"],
            **{f"outcome_{pid.replace('-', '')}": codes for pid, (codes, _r) in outcomes.items()},
            **{f"reason_{pid.replace('-', '')}": r for pid, (_c, r) in outcomes.items() if r}}
    form = _fill_choices(db, visit_form(members, reasons, data=data))
    # Only who was met and their outcomes change here; the rest is the visit's own.
    for name in ("visited_at", "language", "companions", "topics", "materials",
                 "follow_up_on"):
        delattr(form, name)
    if form.validate_on_submit():
        queries.correct_outcomes(db, visit_id, present=form.present.data,
                                 outcomes=form.outcomes(), user_id=g.user["id"])
        flash(_("Visit saved."), "success")
        return redirect(url_for("visits.view", visit_id=visit_id))
    return render_template("visits/people.html", visit=visit, form=form)


@bp.post("/visits/<visit_id>/move")
@login_required
@submissions.once
def move(visit_id):
    """Move a visit recorded on the wrong household; then say who was met there."""
    db = get_db()
    visit = _correctable_or_403(db, visit_id)
    form = _move_form(db, visit)
    if not form.validate_on_submit():
        flash(_("Choose the household the visit was made to."), "error")
        return redirect(url_for("visits.view", visit_id=visit_id))
    queries.move_visit(db, visit_id, form.household_id.data, user_id=g.user["id"])
    flash(_("The visit is now on this household. Tick who was met here and what came of it."),
          "success")
    return redirect(url_for("visits.correct_people", visit_id=visit_id))


@bp.post("/visits/<visit_id>/remove")
@login_required
@submissions.once
def remove(visit_id):
    db = get_db()
    visit = _visit_or_404(db, visit_id)
    return removals.remove_by_form(
        visit, lambda reason: queries.remove_visit(db, visit_id, reason, user_id=g.user["id"]),
        done=url_for("households.view", household_id=visit["household_id"]),
        undo=url_for("visits.restore", visit_id=visit_id),
        removed=_("Visit removed: it no longer counts anywhere."),
        back=url_for("visits.view", visit_id=visit_id, _anchor="remove"))


@bp.post("/visits/<visit_id>/undo-save")
@login_required
@submissions.once
def undo_save(visit_id):
    db = get_db()
    visit = _visit_or_404(db, visit_id)
    return removals.undo_saving(
        visit, lambda reason: queries.remove_visit(db, visit_id, reason, user_id=g.user["id"]),
        done=url_for("households.view", household_id=visit["household_id"]))


@bp.post("/visits/<visit_id>/restore")
@login_required
@submissions.once
def restore(visit_id):
    db = get_db()
    return removals.restore_by_form(
        db, "visits", visit_id,
        lambda: queries.restore_visit(db, visit_id, user_id=g.user["id"]),
        done=url_for("visits.view", visit_id=visit_id), restored=_("Visit brought back."))
