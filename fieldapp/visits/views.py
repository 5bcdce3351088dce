"""Recording door-to-door visits and reading them back."""

import functools

from flask import Blueprint, flash, g, redirect, render_template, url_for

from forms.printing import PrintForm
from forms.visits import VisitDetailsForm, visit_form

from .. import clock, history, lists, submissions
from ..auth.sessions import in_office_or_404, login_required
from ..db import get_db
from ..households import queries as households
from ..i18n import gettext as _
from ..text import short_code
from ..vocabulary import OUTCOME_LABELS
from . import queries

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
        queries.record_visit(
            db, household_id, officer_id=g.user["id"], visited_at=form.visited_at.data,
            outcomes=form.outcomes(), present=form.present.data, topics=form.topics.data,
            materials=form.materials.data, language=form.language.data,
            companions=form.companions.data or "", nobody_home=form.nobody_home.data,
            follow_up_on=form.follow_up_on.data, notes=form.notes.data or "")
        flash(_("Visit saved."), "success")
        return redirect(url_for("households.view", household_id=household_id))
    return render_template("visits/new.html", household=household, form=form)


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
    return render_template(
        "visits/view.html", visit=visit, form=form, members=members,
        print_form=PrintForm(formdata=None), code=short_code("V", visit_id),
        outcomes=queries.visit_outcomes(db, visit_id),
        history=history.entries(db, "visits", visit_id),
        labels={name: lists.labels(db, name)
                for name in ("topic", "material", "language", "decline_reason")})


def _details(visit):
    from datetime import date
    return {**visit, "follow_up_on": date.fromisoformat(visit["follow_up_on"])
            if visit["follow_up_on"] else None}
