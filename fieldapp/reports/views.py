"""Dashboard, periodic report, exports and targets.

On a laptop everyone sees their own office; officers see their own work only. On the central
server supervisors and administrators see every office, filtered by province, office and commune.
"""

import io
from dataclasses import replace
from datetime import date, timedelta

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template,
                   request, send_file, url_for)

from forms import options
from forms.reports import ExportForm, PeriodForm, targets_form, year_choices

from .. import accounts, audit, clock, offices, submissions
from ..auth.sessions import login_required, role_required
from ..db import get_db
from ..i18n import get_locale, gettext as _
from ..places import queries as places
from ..vocabulary import DATASET_LABELS, FIGURE_LABELS, MANAGERS, METRIC_LABELS
from ..worklists import queries as worklists
from . import assemble, charts, counting, exports, scope
from .targets import area_targets, office_targets, progress, save_target

bp = Blueprint("reports", __name__, template_folder="templates")


def _across_offices():
    """Supervisors and administrators of the central server see every office."""
    return bool(current_app.config.get("CENTRAL")) and g.user["role"] in MANAGERS


def _area(args):
    """The area the request asks for, within what the user may see; 404 outside it."""
    db = get_db()
    if _across_offices():
        office_id = args.get("office") or None
        if office_id and offices.office(db, office_id) is None:
            abort(404)
        province = args.get("province", type=int)
        if province and not db.value("select 1 from provinces where code = ?",
                                     [province]):
            abort(404)
    else:
        office_id, province = g.user["office_id"], None
    place = scope.Area.asked(office_id, province)
    commune = args.get("commune", type=int)
    if commune and not any(c["code"] == commune for c in place.place_communes(db)):
        abort(404)
    village = (args.get("village") or None) if commune else None
    if village and village not in {v["id"] for v in places.villages_of_commune(db, commune)}:
        abort(404)
    if g.user["role"] in MANAGERS:
        officer = args.get("officer") or None
        staff = accounts.user_by_id(db, officer) if officer else None
        if officer and (staff is None or (office_id and staff["office_id"] != office_id)):
            abort(404)
    else:
        officer = g.user["id"]
    # Built on the place's: what the place decided (its communes) is not asked again.
    return replace(place, commune_code=commune, village_id=village, officer_id=officer)


def _fill(form, area):
    """The choices of the place and officer filters, within what the user may see."""
    db = get_db()
    across = _across_offices()
    form.province.choices = options([("", _("All provinces"))] + [
        (str(p["code"]), p["name"]) for p in db.query(
            "select distinct p.code, p.name from provinces p join offices o"
            " on o.province_code = p.code and o.deleted_at is null order by p.name")]
        if across else [])
    form.office.choices = options([("", _("All offices"))] + [
        (o["id"], o["name"]) for o in offices.offices(db)
        if not area.province_code or o["province_code"] == area.province_code]
        if across else [])
    form.commune.choices = options([("", _("All communes"))] + [
        (str(c["code"]), c["name"]) for c in area.place_communes(db)])
    form.officer.choices = options([("", _("All officers"))] + [
        (u["id"], u["full_name"]) for u in accounts.users(db, area.office_id)]
        if g.user["role"] in MANAGERS and area.office_id else [])
    return form


def _place_name(area):
    """The area in words, for headings."""
    db = get_db()
    parts = []
    if area.commune_code:
        parts.append(area.communes(db)[0]["name"])
    if area.office_id:
        parts.append(offices.office(db, area.office_id)["name"])
    elif area.province_code:
        parts.append(scope.names(db, "provinces", [area.province_code], "code")
                     [area.province_code])
    else:
        parts.append(_("All offices"))
    if area.officer_id:
        parts.insert(0, accounts.user_by_id(db, area.officer_id)["full_name"])
    return " · ".join(parts)


@bp.get("/dashboard")
@login_required
def dashboard():
    db = get_db()
    area = _area(request.args)
    metric = request.args.get("metric")
    metric = metric if metric in counting.METRICS else "households"
    managing = g.user["role"] in MANAGERS
    data = assemble.dashboard(db, area, clock.today(),
                            by_office=_across_offices() and not area.office_id,
                            by_officer=managing and not area.officer_id, chart=metric)
    label = str(METRIC_LABELS[metric])
    items = [(r["name"], r["figures"]["year"][metric], r["target"]["year"].get(metric))
             for r in data["tables"]["commune"]]
    bars = charts.bars(items, title=_("%(figure)s by commune, year to date", figure=label),
                       target_label=_("Target for the year") if any(
                           target is not None for _n, _v, target in items) else None)
    line = charts.line([(m[5:], f[metric]) for m, f in data["months"]],
                       title=_("%(figure)s by month", figure=label))
    follow_ups = []
    if g.user["role"] == "officer":
        follow_ups, _more = worklists.worklist(db, "follow-ups", g.user["office_id"],
                                               officer_id=g.user["id"], days=7)
    return render_template(
        "reports/dashboard.html", data=data, place=_place_name(area),
        form=_fill(PeriodForm(formdata=request.args), area), metric=metric,
        metric_labels=METRIC_LABELS, bars=bars, line=line, follow_ups=follow_ups,
        metrics=counting.METRICS, progress=progress, managing=managing)


def _period_form(area, form_class=PeriodForm):
    """The period and place form from the address; when nothing was asked, the period whose
    targets apply (default_period)."""
    if "start" in request.args or "end" in request.args:
        return form_class(formdata=request.args)
    start, end = default_period(get_db(), area, clock.today())
    return form_class(formdata=None, data={"start": start, "end": end})


def default_period(db, area, today):
    """This month, or this year when the area has a target for the year and none for the month."""
    # A target is shown for its own calendar month or year only: the report opens on the period
    # a supervisor set one for, so its figures stand beside what they aim at.
    month = (today.replace(day=1), scope.month_end(today.year, today.month))
    if _has_target(db, area, today.year, today.month) or \
            not _has_target(db, area, today.year, None):
        return month
    return date(today.year, 1, 1), date(today.year, 12, 31)


def _has_target(db, area, year, month):
    return any(v is not None for v in area_targets(db, area, year, month)[None].values())


def _presets(today=None):
    """Periods offered as one click: (label, start, end)."""
    today = today or clock.today()
    month = today.replace(day=1)
    last_month_end = month - timedelta(days=1)
    quarter = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    return [(_("This month"), month, scope.month_end(today.year, today.month)),
            (_("Last month"), last_month_end.replace(day=1), last_month_end),
            (_("This quarter"), quarter, scope.month_end(today.year, quarter.month + 2)),
            (_("This year"), date(today.year, 1, 1), date(today.year, 12, 31)),
            (_("Last year"), date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))]


def _report(template, status=200):
    """The report page (or its printable forms) for the period and place asked for."""
    db = get_db()
    area = _area(request.args)
    form = _fill(_period_form(area), area)
    export_form = _fill(ExportForm(formdata=None, data={
        k: request.args.get(k) for k in ("province", "office", "commune", "officer")}), area)
    report = None
    if form.validate():
        report = assemble.report(db, area, form.start.data, form.end.data,
                               by_office=_across_offices() and not area.office_id)
        export_form.start.data, export_form.end.data = form.start.data, form.end.data
    return render_template(
        template, form=form, export_form=export_form, report=report, area=area,
        place=_place_name(area), presets=_presets(), managing=g.user["role"] in MANAGERS,
        filters={k: request.args.get(k) for k in ("province", "office", "commune", "officer")
                 if request.args.get(k)}), status


@bp.get("/reports/")
@login_required
def report():
    return _report("reports/report.html")


@bp.get("/reports/report.pdf")
@login_required
def report_pdf():
    """The report as an A4 PDF, through the app's PDF renderer."""
    db = get_db()
    area = _area(request.args)
    form = _period_form(area)
    if not form.validate():
        abort(400)
    report = assemble.report(db, area, form.start.data, form.end.data,
                           by_office=_across_offices() and not area.office_id)
    # Imported here: WeasyPrint takes most of a second to import (see printing._documents).
    from ..printing.render import render_pdf
    pdf = render_pdf(
        "report.html", page_size="A4", report=report, place=_place_name(area),
        office=offices.office(db, area.office_id) if area.office_id else None,
        lang=get_locale(), today=clock.today())
    name = f"fieldapp-report-{form.start.data.isoformat()}-{form.end.data.isoformat()}.pdf"
    return send_file(io.BytesIO(pdf), mimetype="application/pdf", download_name=name,
                     as_attachment=False, max_age=0)


@bp.get("/reports/export")
@login_required
def export():
    db = get_db()
    area = _area(request.args)
    form = _fill(ExportForm(formdata=request.args), area)
    if not form.validate():
        abort(400)
    start, end, dataset = form.start.data, form.end.data, form.dataset.data
    central = bool(current_app.config.get("CENTRAL"))
    if dataset == "report":
        found = exports.report_tables(assemble.report(
            db, area, start, end, by_office=_across_offices() and not area.office_id))
    elif dataset == "visits":
        found = [exports.visits_table(db, area, start, end, central)]
    elif dataset == "sessions":
        found = [exports.sessions_table(db, area, start, end, central)]
    else:
        # Personal numbers: only for roles that may see them, and only when asked for.
        personal = bool(form.personal.data and g.user["role"] in MANAGERS)
        # On the central server a supervisor gets the numbers of their own office only; an
        # administrator there, every office's.
        own = g.user["office_id"] if central and g.user["role"] != "admin" else None
        found = [exports.people_table(db, area, central=central, personal=personal,
                                      personal_office=own)]
        if personal:
            audit.record_request("export_personal", detail=request.args.to_dict())
    kind = form.format.data
    body = (exports.csv_bytes if kind == "csv" else exports.xlsx_bytes)(found)
    name = f"fieldapp-{dataset}-{start.isoformat()}-{end.isoformat()}.{kind}"
    return Response(body, content_type=exports.CONTENT_TYPES[kind],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/reports/targets", methods=("GET", "POST"))
@role_required(*MANAGERS)
@submissions.once
def targets():
    db = get_db()
    today = clock.today()
    year = request.args.get("year", today.year, type=int)
    month = request.args.get("month", type=int) or None
    if year not in year_choices(today) or (month is not None and not 1 <= month <= 12):
        abort(404)
    office_id = (request.args.get("office") if _across_offices() else None) \
        or g.user["office_id"]
    office = offices.office(db, office_id)
    if office is None:
        abort(404)
    communes = places.office_communes(db, office_id)
    current = office_targets(db, office_id, year)
    yearly = {code: values for (code, m), values in current.items() if m is None} \
        if month else {}
    form = targets_form(communes, counting.METRICS, yearly, data={
        f"{'office' if code is None else f'c{code}'}-{m}": current.get((code, month), {}).get(m)
        for code in [None, *(c["code"] for c in communes)] for m in counting.METRICS})
    if form.validate_on_submit():
        with db.atomic():
            for code, values in form.values().items():
                save_target(db, office_id, code, year, month, values, user_id=g.user["id"])
            audit.record_request("targets_saved", table="targets", detail={
                "office_id": office_id, "year": year, "month": month})
        flash(_("Targets saved."), "success")
        return redirect(url_for("reports.targets", year=year, month=month,
                                office=office_id if _across_offices() else None))
    return render_template(
        "reports/targets.html", form=form, office=office, communes=communes, year=year,
        month=month, years=year_choices(today), metric_labels=METRIC_LABELS,
        offices=offices.offices(db) if _across_offices() else [],
        commune_names={c["code"]: c["name"] for c in communes})


@bp.app_context_processor
def report_labels():
    return {"figure_labels": FIGURE_LABELS, "dataset_labels": DATASET_LABELS}
