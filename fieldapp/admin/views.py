"""Administration: area offices with their communes, and user accounts."""

import functools

from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, request,
                   url_for)

from forms import options
from forms.admin import ListItemForm, NewUserForm, OfficeForm, PasswordForm, UserForm
from sync import capture

from .. import accounts, audit, errors, keys, lists, offices, store, submissions
from ..auth.sessions import role_required, start_session
from ..db import get_db
from ..i18n import gettext as _, lazy_gettext as _l
from ..places import queries as places
from ..vocabulary import ROLE_LABELS

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

admin_only = role_required("admin")


@bp.app_context_processor
def role_labels():
    return {"role_labels": ROLE_LABELS}


@bp.context_processor
def central_records_note():
    return {"managed_centrally": g.get("managed_centrally", False)}


def managed_centrally(db):
    """An enrolled laptop: offices, their communes, users and lists are the central server's."""
    return capture.enrolled(db.sync)


def central_records(view):
    """A page of offices, users or lists: read-only on an enrolled laptop, where a form sent
    anyway is refused (403) before anything is written."""
    @functools.wraps(view)
    def wrapped(**kwargs):
        g.managed_centrally = managed_centrally(get_db())
        if g.managed_centrally and request.method == "POST":
            # The central server would refuse the change at the next sync anyway.
            return errors.page(403, _("Not allowed"), _(
                "Managed on the central server: ask the central administrator."))
        return view(**kwargs)
    return wrapped


@bp.get("/offices")
@admin_only
@central_records
def office_list():
    return render_template("admin/offices.html", offices=offices.offices(get_db()))


def _office_form(db, office=None):
    form = OfficeForm(data=office)
    form.province_code.choices = options((p["code"], p["name"]) for p in places.provinces(db))
    return form


def _commune_conflict(form, error):
    form.communes.errors = list(form.communes.errors) + [_(
        "Already covered by another office: %(communes)s.", communes=str(error))]


@bp.route("/offices/new", methods=("GET", "POST"))
@admin_only
@central_records
@submissions.once
def office_new():
    db = get_db()
    form = _office_form(db)
    # Communes are chosen on the next page, once the province is known.
    del form.communes
    if form.validate_on_submit():
        row = offices.create_office(
            db, name=form.name.data, province_code=form.province_code.data,
            phone=form.phone.data or "", address=form.address.data or "",
            user_id=g.user["id"])
        audit.record_request("office_created", table="offices", row_id=row["id"])
        flash(_("Office created. Now choose the communes it covers."), "success")
        return redirect(url_for("admin.office_edit", office_id=row["id"]))
    return render_template("admin/office_form.html", form=form, office=None)


@bp.route("/offices/<office_id>", methods=("GET", "POST"))
@admin_only
@central_records
@submissions.once
def office_edit(office_id):
    db = get_db()
    office = offices.office(db, office_id)
    if office is None:
        abort(404)
    form = _office_form(db, {**office, "communes": offices.commune_codes(db, office_id)})
    del form.province_code
    form.communes.choices = options(
        (c["code"], c["name"]) for c in places.communes_of_province(db, office["province_code"]))
    if form.validate_on_submit():
        try:
            offices.update_office(
                db, office_id, name=form.name.data, province_code=office["province_code"],
                phone=form.phone.data or "", address=form.address.data or "",
                communes=form.communes.data, user_id=g.user["id"])
        except offices.CommuneTaken as e:
            _commune_conflict(form, e)
        else:
            audit.record_request("office_edited", table="offices", row_id=office_id,
                                 detail={"communes": sorted(form.communes.data)})
            flash(_("Office saved."), "success")
            return redirect(url_for("admin.office_list"))
    return render_template("admin/office_form.html", form=form, office=office)


def _office_choices(db):
    return options((o["id"], o["name"]) for o in offices.offices(db))


@bp.get("/users")
@admin_only
@central_records
def user_list():
    db = get_db()
    office_id = request.args.get("office") or None
    return render_template("admin/users.html", users=accounts.users(db, office_id),
                           offices=offices.offices(db), office_id=office_id)


@bp.route("/users/new", methods=("GET", "POST"))
@admin_only
@central_records
@submissions.once
def user_new():
    db = get_db()
    form = NewUserForm(office_id=g.user["office_id"])
    form.office_id.choices = _office_choices(db)
    if form.validate_on_submit():
        try:
            row = accounts.create_user(
                db, username=form.username.data, full_name=form.full_name.data,
                password=form.password.data, role=form.role.data,
                office_id=form.office_id.data, translator=form.translator.data,
                user_id=g.user["id"])
        except accounts.UsernameTaken:
            form.username.errors.append(_("This username is already taken."))
        else:
            audit.record_request("user_created", table="users", row_id=row["id"],
                                 detail={"role": row["role"], "office_id": row["office_id"]})
            flash(_("User added."), "success")
            return redirect(url_for("admin.user_list"))
    return render_template("admin/user_form.html", form=form, target=None)


def _user_or_404(db, user_id):
    target = accounts.user_by_id(db, user_id)
    if target is None:
        abort(404)
    return target


@bp.route("/users/<user_id>", methods=("GET", "POST"))
@admin_only
@central_records
@submissions.once
def user_edit(user_id):
    db = get_db()
    target = _user_or_404(db, user_id)
    form = UserForm(data=target)
    form.office_id.choices = _office_choices(db)
    del form.username
    if form.validate_on_submit():
        if target["id"] == g.user["id"] and form.role.data != "admin":
            form.role.errors.append(_("You cannot remove your own administrator role."))
        else:
            changed = accounts.update_user(
                db, user_id, full_name=form.full_name.data, role=form.role.data,
                office_id=form.office_id.data, translator=form.translator.data,
                user_id=g.user["id"])
            audit.record_request("user_edited", table="users", row_id=user_id, detail=changed)
            flash(_("User saved."), "success")
            return redirect(url_for("admin.user_list"))
    return render_template("admin/user_form.html", form=form, target=target,
                           password_form=PasswordForm(formdata=None, account=target))


@bp.post("/users/<user_id>/password")
@admin_only
@central_records
@submissions.once
def user_password(user_id):
    db = get_db()
    target = _user_or_404(db, user_id)
    password_form = PasswordForm(account=target)
    if password_form.validate():
        accounts.set_password(db, user_id, password_form.password.data, user_id=g.user["id"])
        # On an encrypted laptop the new password opens it, the old one no longer does.
        keys.remember_password(current_app, accounts.user_by_id(db, user_id),
                               password_form.password.data)
        if user_id == g.user["id"]:
            # Every session of theirs ended, but the one that changed it goes on.
            start_session(g.user)
        audit.record_request("password_set", table="users", row_id=user_id)
        flash(_("Password changed for %(name)s.", name=target["full_name"]), "success")
        return redirect(url_for("admin.user_list"))
    form = UserForm(formdata=None, data=target)
    form.office_id.choices = _office_choices(db)
    del form.username
    return render_template("admin/user_form.html", form=form, target=target,
                           password_form=password_form), 400


@bp.post("/users/<user_id>/active")
@admin_only
@central_records
@submissions.once
def user_active(user_id):
    db = get_db()
    target = _user_or_404(db, user_id)
    if target["id"] == g.user["id"]:
        flash(_("You cannot deactivate your own account."), "error")
    else:
        active = not target["active"]
        accounts.set_active(db, user_id, active, user_id=g.user["id"])
        audit.record_request("user_activated" if active else "user_deactivated", table="users",
                             row_id=user_id)
        flash(_("%(name)s can log in again.", name=target["full_name"]) if active else
              _("%(name)s can no longer log in.", name=target["full_name"]), "success")
    return redirect(url_for("admin.user_list"))


LIST_TITLES = {
    "topic": _l("Topics"), "material": _l("Materials"),
    "decline_reason": _l("Reasons for declining"), "bhyt_card_type": _l("BHYT card types"),
    "ethnicity": _l("Ethnicities"), "relation": _l("Relations to the head"),
    "language": _l("Languages"),
}


@bp.route("/lists/<list_name>", methods=("GET", "POST"))
@admin_only
@central_records
@submissions.once
def list_items(list_name):
    """A configurable list: its items, and a form to add one."""
    if list_name not in lists.LIST_NAMES:
        abort(404)
    db = get_db()
    form = ListItemForm()
    if form.validate_on_submit():
        try:
            row = lists.add_item(db, list_name, form.code.data, form.label.data,
                                 user_id=g.user["id"])
        except lists.CodeTaken:
            form.code.errors.append(_("This code is already used in this list."))
        else:
            audit.record_request("list_item_added", table="list_items", row_id=row["id"],
                                 detail={"list": list_name, "code": row["code"]})
            flash(_("Item added."), "success")
            return redirect(url_for("admin.list_items", list_name=list_name))
    return render_template("admin/list_items.html", list_name=list_name, titles=LIST_TITLES,
                           items=lists.items(db, list_name, include_inactive=True), form=form)


@bp.post("/lists/<list_name>/<code>/active")
@admin_only
@central_records
@submissions.once
def list_item_active(list_name, code):
    db = get_db()
    try:
        item_id = lists.item_id(db, list_name, code)
    except store.NotFound:
        abort(404)
    active = store.get(db, "list_items", item_id)["active"]
    lists.set_active(db, list_name, code, not active, user_id=g.user["id"])
    audit.record_request("list_item_deactivated" if active else "list_item_activated",
                         table="list_items", row_id=item_id)
    return redirect(url_for("admin.list_items", list_name=list_name))
