"""The policy figures (rates, lines, shares) that estimates and scripts read: everyone reads
them with their sources; the central server's administrators add, correct and remove them.

Laptops take the figures from the central server (sync/policy.py refuses them from devices),
so a laptop shows them read-only, and a form sent to one anyway is refused before anything is
written."""

import functools
from datetime import date

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for

from forms.policy_figures import FigureForm, shown_value

from .. import audit, clock, errors, policy_figures, store, submissions
from ..auth.sessions import login_required
from ..db import get_db
from ..i18n import format_number, gettext as _

bp = Blueprint("policy_pages", __name__, url_prefix="/policy-figures",
               template_folder="templates")


def may_edit():
    """The central server's administrators write the figures; nobody else, nowhere else."""
    return bool(current_app.config.get("CENTRAL")) and g.user["role"] == "admin"


def editors_only(view):
    @functools.wraps(view)
    @login_required
    def wrapped(**kwargs):
        if not may_edit():
            return errors.page(403, _("Not allowed"), _(
                "Policy figures are set on the central server, by its administrators."))
        return view(**kwargs)
    return wrapped


def shown_figure(key, value):
    """A figure's value as people read it: đồng, a percentage or a multiple."""
    how = policy_figures.kind(key, value)
    if how == policy_figures.MONEY:
        return _("%(amount)s đồng", amount=format_number(int(round(value))))
    if how == policy_figures.TIMES:
        return _("%(times)s ×", times=format_number(round(value, 2)))
    return _("%(percent)s %%", percent=format_number(round(value * 100, 2)))


def _row_or_404(db, figure_id):
    try:
        return store.get(db, "policy_figures", figure_id)
    except store.NotFound:
        abort(404)


@bp.get("/")
@login_required
def index():
    db = get_db()
    today = clock.today()
    in_force = {row["id"] for row in policy_figures.in_force(db, today).values()}
    groups = {}
    for row in policy_figures.figure_rows(db):
        groups.setdefault(row["key"], []).append({
            **row, "effective_from": date.fromisoformat(row["effective_from"]),
            "in_force": row["id"] in in_force,
            "kind": policy_figures.kind(row["key"], row["value"]),
            "future": row["effective_from"] > today.isoformat()})
    order = {key: n for n, key in enumerate(policy_figures.FIGURES)}
    return render_template(
        "policy_pages/figures.html", may_edit=may_edit(), today=today,
        groups=[(key, policy_figures.label(key), rows) for key, rows in
                sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))])


def _taken(db, key, effective_from, but=None):
    """Whether another live row of the figure applies from that day."""
    return db.value("select 1 from policy_figures where key = ? and effective_from = ?"
                    f" and deleted_at is null and {db.dialect.differs('id', '?')}",
                    [key, effective_from, but]) is not None


def _save(db, form, figure=None):
    """Write the form's figure; False (with a message beside the date) if its day is taken."""
    key = form.chosen_key()
    values = form.row()
    if _taken(db, key, values["effective_from"], figure and figure["id"]):
        form.effective_from.errors.append(_(
            "This figure already has a value from that day: correct that one instead."))
        return False
    if figure is None:
        row = store.insert(db, "policy_figures",
                           {"key": key, "unit": policy_figures.FIGURES[key][2], **values},
                           user_id=g.user["id"])
        _audited("policy_figure_added", row)
    else:
        changed = store.update(db, "policy_figures", figure["id"], values, user_id=g.user["id"])
        if changed:
            _audited("policy_figure_edited", {**figure, **changed},
                     {field: [figure[field], new] for field, new in changed.items()})
    return True


def _audited(action, figure, changes=None):
    """The trail's entry: which figure, from which day, its value and legal source as they
    stand, and what changed from what."""
    detail = {name: figure[name] for name in ("key", "value", "effective_from", "source")}
    if changes:
        detail["changes"] = changes
    audit.record_request(action, table="policy_figures", row_id=figure["id"], detail=detail)


@bp.route("/new", methods=("GET", "POST"))
@editors_only
@submissions.once
def new():
    db = get_db()
    form = FigureForm()
    if form.validate_on_submit() and _save(db, form):
        flash(_("Policy figure saved."), "success")
        return redirect(url_for("policy_pages.index"))
    return render_template("policy_pages/figure_form.html", form=form, figure=None)


@bp.route("/<figure_id>/edit", methods=("GET", "POST"))
@editors_only
@submissions.once
def edit(figure_id):
    db = get_db()
    figure = _row_or_404(db, figure_id)
    how = policy_figures.kind(figure["key"], figure["value"])
    form = FigureForm(figure_key=figure["key"], data={
        **figure, "value": shown_value(figure["value"], how),
        "effective_from": date.fromisoformat(figure["effective_from"]),
        "confirmed": bool(figure["confirmed"])})
    if form.validate_on_submit() and _save(db, form, figure):
        flash(_("Policy figure saved."), "success")
        return redirect(url_for("policy_pages.index"))
    return render_template("policy_pages/figure_form.html", form=form, figure=figure,
                           label=policy_figures.label(figure["key"]))


@bp.post("/<figure_id>/remove")
@editors_only
@submissions.once
def remove(figure_id):
    db = get_db()
    figure = _row_or_404(db, figure_id)
    store.soft_delete(db, "policy_figures", figure["id"], user_id=g.user["id"])
    _audited("policy_figure_removed", figure)
    flash(_("Policy figure removed."), "success")
    return redirect(url_for("policy_pages.index"))
