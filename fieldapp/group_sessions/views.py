"""Small-group session pages: the month's list, recording a session, roster, attendance sheet."""

import functools
from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from forms import options
from forms.printing import PrintForm
from forms.removals import RemoveForm
from forms.sessions import ATTENDANCE_MESSAGES, AttendeesForm, session_form

from .. import accounts, clock, lists, removals, submissions
from ..auth.sessions import in_office_or_404, login_required
from ..db import get_db
from ..i18n import gettext as _
from ..places import queries as places
from ..scripts import suggestions
from ..vocabulary import SESSION_OUTCOME_LABELS, SESSION_OUTCOMES
from . import queries

bp = Blueprint("group_sessions", __name__, url_prefix="/sessions",
               template_folder="templates")


def _labels(db):
    return {name: lists.labels(db, name) for name in (
        "session_format", "target_group", "topic", "language", "material", "ethnicity")}


def _village_people(db, village_id):
    return options((p["id"], f'{p["full_name"]} ({p["birth_year"]})') for p in db.query("""
        select p.id, p.full_name, p.birth_year from people p
          join households h on h.id = p.household_id and h.deleted_at is null
         where h.village_id = ? and p.deleted_at is null order by p.name_key""", [village_id]))


@bp.get("/")
@login_required
def index():
    db = get_db()
    month = request.args.get("month") or clock.today().strftime("%Y-%m")
    try:
        first = date.fromisoformat(month + "-01")
    except ValueError:
        abort(404)
    # The list links to the month before and after: both must be in the calendar.
    if not date.min.year < first.year < date.max.year:
        abort(404)
    filters = {k: request.args.get(k) or None
               for k in ("village", "format", "target_group", "language")}
    rows = queries.sessions(db, g.user["office_id"], month, village_id=filters["village"],
                            format=filters["format"], target_group=filters["target_group"],
                            language=filters["language"])
    previous = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return render_template(
        "group_sessions/index.html", sessions=rows, month=month, filters=filters,
        previous=previous.strftime("%Y-%m"), following=following.strftime("%Y-%m"),
        attendees=sum(r["attendees_total"] for r in rows), labels=_labels(db),
        villages=[v for vs in places.villages_of_office(db, g.user["office_id"]).values()
                  for v in vs],
        choices={name: lists.choices(db, name) for name in (
            "session_format", "target_group", "language")})


def _fill(db, form, village):
    form.format.choices = lists.choices(db, "session_format")
    form.target_group.choices = lists.choices(db, "target_group")
    form.topics.choices = lists.choices(db, "topic")
    form.languages.choices = lists.choices(db, "language")
    form.materials.choices = lists.choices(db, "material")
    form.facilitators.choices = options(
        (u["id"], u["full_name"]) for u in accounts.users(db, g.user["office_id"]) if u["active"])
    form.roster.choices = _village_people(db, village["id"])
    return form


@bp.route("/new", methods=("GET", "POST"))
@login_required
@submissions.once
def new():
    db = get_db()
    village_id = request.args.get("village")
    if not village_id:
        return render_template("group_sessions/choose_village.html", communes=[
            (c, places.villages_of_commune(db, c["code"]))
            for c in places.office_communes(db, g.user["office_id"])])
    village = places.office_village(db, village_id, g.user["office_id"])
    if village is None:
        abort(404)
    ethnicities = [(c.value, c.label) for c in lists.choices(db, "ethnicity")]
    form = _fill(db, session_form(ethnicities, facilitators=[g.user["id"]]), village)
    # The address may name the session's target group (?target_group=pupils): the form opens
    # on it, with that group's scripts first beside it.
    if request.method == "GET" and request.args.get("target_group") in {
            c.value for c in form.target_group.choices}:
        form.target_group.data = request.args["target_group"]
    if form.validate_on_submit():
        counts = form.counts()
        session_id = queries.record_session(
            db, commune_code=village["commune_code"], village_id=village_id,
            held_at=form.held_at.data, format=form.format.data,
            target_group=form.target_group.data, place=form.place.data or "",
            topics=form.topics.data, languages=form.languages.data,
            facilitators=form.facilitators.data,
            outside_facilitators=form.outside_facilitators.data or "",
            total=counts["total"], female=counts["female"], male=counts["male"],
            gender_unknown=counts["gender_unknown"], by_ethnicity=form.by_ethnicity(),
            materials=form.materials.data, notes=form.notes.data or "",
            roster=form.roster.data, quick_people=form.quick_people(), user_id=g.user["id"])
        flash(_("Session saved."), "success")
        removals.offer_undo(url_for("group_sessions.undo_save", session_id=session_id),
                            _("Undo"))
        return redirect(url_for("group_sessions.view", session_id=session_id))
    return render_template("group_sessions/new.html", form=form, village=village,
                           script_groups=_script_groups(db, form))


def _script_groups(db, form):
    """Every target group's scripts, the session's own first: the one its form has chosen, or
    the first of the list, which the form shows chosen until another is."""
    chosen = form.target_group.data or next(
        (c.value for c in form.target_group.choices), None)
    language = (form.languages.data or [None])[0] or g.get("locale")
    return suggestions.for_groups(db, chosen, language)


_session_or_404 = functools.partial(in_office_or_404, queries.session)


@bp.get("/<session_id>")
@login_required
def view(session_id):
    db = get_db()
    return _session_page(db, _session_or_404(db, session_id), AttendeesForm(formdata=None))


def _session_page(db, session, attendees_form):
    roster = queries.attendees(db, session["id"])
    on_roster = {a["person_id"] for a in roster}
    attendees_form.roster.choices = [
        c for c in _village_people(db, session["village_id"]) if c.value not in on_roster
    ] if session["village_id"] else []
    staff = {u["id"]: u["full_name"] for u in accounts.users(db, g.user["office_id"])}
    return render_template(
        "group_sessions/view.html", session=session, roster=roster, labels=_labels(db),
        attendees_form=attendees_form, staff=staff, outcome_labels=SESSION_OUTCOME_LABELS,
        removable=removals.may_remove(g.user, session), remove_form=RemoveForm(formdata=None),
        print_form=PrintForm(formdata=None, default_size="A4", for_household=False))


@bp.post("/<session_id>/attendees")
@login_required
@submissions.once
def add_attendees(session_id):
    db = get_db()
    session = _session_or_404(db, session_id)
    form = AttendeesForm()
    form.roster.choices = _village_people(db, session["village_id"]) if session["village_id"] \
        else []
    if form.validate():
        try:
            queries.add_attendees(db, session_id, form.roster.data, form.quick_people(),
                                  office_id=g.user["office_id"], user_id=g.user["id"])
        except queries.Inconsistent as e:
            key, figures = e.problems["roster"]
            form.roster.errors.append(ATTENDANCE_MESSAGES[key] % figures)
        except queries.NoVillage:
            form.roster.errors.append(_("People not yet in the registry can be added only to "
                                        "a session held in a village of your office."))
        else:
            flash(_("Roster saved."), "success")
            return redirect(url_for("group_sessions.view", session_id=session_id))
    return _session_page(db, session, form), 400


@bp.post("/<session_id>/outcomes")
@login_required
@submissions.once
def outcomes(session_id):
    db = get_db()
    _session_or_404(db, session_id)
    chosen = {a["person_id"]: [c for c in request.form.getlist(f"outcome_{a['person_id']}")
                               if c in SESSION_OUTCOMES]
              for a in queries.attendees(db, session_id)}
    queries.set_outcomes(db, session_id, chosen, user_id=g.user["id"])
    flash(_("Outcomes saved; the attendees' statuses are up to date."), "success")
    return redirect(url_for("group_sessions.view", session_id=session_id))


@bp.get("/<session_id>/attendance")
@login_required
def attendance(session_id):
    """The attendance sheet to print, with a signature column and blank rows to fill in."""
    db = get_db()
    session = _session_or_404(db, session_id)
    roster = queries.attendees(db, session_id)
    return render_template("group_sessions/attendance.html", session=session, roster=roster,
                           blank_rows=max(session["attendees_total"] - len(roster), 0),
                           labels=_labels(db))


@bp.post("/<session_id>/remove")
@login_required
@submissions.once
def remove(session_id):
    db = get_db()
    session = _session_or_404(db, session_id)
    return removals.remove_by_form(
        session, lambda reason: queries.remove_session(db, session_id, reason,
                                                       user_id=g.user["id"]),
        done=url_for("group_sessions.index"),
        undo=url_for("group_sessions.restore", session_id=session_id),
        removed=_("Session removed, with its roster: it no longer counts anywhere."),
        back=url_for("group_sessions.view", session_id=session_id, _anchor="remove"))


@bp.post("/<session_id>/restore")
@login_required
@submissions.once
def restore(session_id):
    db = get_db()
    return removals.restore_by_form(
        db, "group_sessions", session_id,
        lambda: queries.restore_session(db, session_id, user_id=g.user["id"]),
        done=url_for("group_sessions.view", session_id=session_id),
        restored=_("Session brought back, with its roster."))


@bp.post("/<session_id>/undo-save")
@login_required
@submissions.once
def undo_save(session_id):
    db = get_db()
    session = _session_or_404(db, session_id)
    return removals.undo_saving(
        session, lambda reason: queries.remove_session(db, session_id, reason,
                                                       user_id=g.user["id"]),
        done=url_for("group_sessions.index"))
