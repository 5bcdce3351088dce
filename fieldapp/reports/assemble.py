"""What the dashboard and the periodic report show, assembled: totals, tables, targets."""

from datetime import date

from .. import lists
from ..i18n import gettext as _
from ..places import queries as places
from ..vocabulary import FIGURE_LABELS
from . import counting, scope
from .targets import group_targets

# The figures a report's tables show, in order.
REPORT_COLUMNS = ("visits", "households", "sessions", "attendees", "people", "voluntary_bhxh",
                  "household_bhyt", "vssid_installed")


def group_rows(db, area, found, by, empty, targets, no_target):
    """[{key, name, figures, target}] in the order a reader looks for them.

    Every commune (or office, village) of the area is listed, with nothing done (`empty`) or
    not; officers are listed when they have figures. A group without a target has `no_target`.
    """
    if by == "commune":
        named = [(c["code"], c["name"]) for c in area.communes(db)]
    elif by == "office":
        offices = scope.names(db, "offices", {c["office_id"] for c in area.communes(db)})
        named = sorted(offices.items(), key=lambda kv: kv[1])
    elif by == "village":
        named = [(v["id"], v["name"]) for v in places.villages_of_commune(db, area.commune_code)]
        if None in found:
            named.append((None, _("No village named")))
    elif by == "officer":
        people = scope.names(db, "users", list(found), label="full_name")
        named = sorted(people.items(), key=lambda kv: kv[1])
        if None in found:
            named.append((None, _("No staff facilitator")))
    else:
        raise ValueError(by)
    return [{"key": key, "name": name, "figures": found.get(key, empty),
             "target": targets.get(key, no_target)} for key, name in named]


def _zero():
    return dict.fromkeys(counting.FIGURES, 0)


def report(db, area, start, end, *, by_office=False):
    """Everything the periodic report shows, for the page, its PDF and its export."""
    groups = (["office"] if by_office else []) + ["commune", "officer"]
    # A target is set for a calendar month or year: other periods are shown without one.
    unit = _calendar_unit(start, end)
    targets = group_targets(db, area, {"period": unit} if unit else {},
                            [by for by in groups if by != "officer"])
    # No target column of dashes where none is set.
    target = {m: v for m, v in targets[None].get(None, {}).get("period", {}).items()
              if v is not None}
    titles = {"office": (_("By office"), _("Office")), "commune": (_("By commune"), _("Commune")),
              "officer": (_("By officer"), _("Officer"))}
    tables = []
    for by in groups:
        found = counting.figures(db, area, start, end, by=by)
        rows = group_rows(db, area, found, by, _zero(), targets.get(by, {}), {"period": {}})
        tables.append((*titles[by], [{**r, "target": r["target"]["period"]} for r in rows]))
    total = counting.total(counting.figures(db, area, start, end))
    ethnicity = lists.labels(db, "ethnicity")
    return {
        "start": start, "end": end, "columns": REPORT_COLUMNS, "labels": FIGURE_LABELS,
        "total": total, "target": target, "tables": tables,
        "ethnicity": [(_("Not recorded") if code == "unknown" else ethnicity.get(code, code), n)
                      for code, n in counting.attendees_by_ethnicity(db, area, start,
                                                                     end).items()],
    }


def _calendar_unit(start, end):
    """(year, None) when the period is a calendar year, (year, month) for a month, else None."""
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return start.year, None
    if start.day == 1 and end == scope.month_end(start.year, start.month):
        return start.year, start.month
    return None


def dashboard(db, area, today, *, by_office=False, by_officer=True, chart="households"):
    """This month and the year to date against targets, by group, and the year by month of
    the figure charted."""
    periods = {"month": (today.replace(day=1), today), "year": (date(today.year, 1, 1), today)}
    groups = (["office"] if by_office else []) + ["commune"] + (
        ["village"] if area.commune_code else []) + (["officer"] if by_officer else [])
    # Each period is measured against the target of its calendar month or year.
    targets = group_targets(db, area, {"month": (today.year, today.month),
                                       "year": (today.year, None)},
                            [by for by in groups if by in ("office", "commune")])
    tables = {}
    for by in groups:
        found = counting.figures_of_periods(db, area, periods, by)
        tables[by] = group_rows(db, area, found, by, {p: _zero() for p in periods},
                                targets.get(by, {}), {p: {} for p in periods})
    total = counting.figures_of_periods(db, area, periods).get(None) or {
        p: _zero() for p in periods}
    by_month = counting.figures(db, area, *periods["year"], by="month",
                                families=counting.family(chart))
    return {
        "periods": periods, "total": total, "target": targets[None][None], "tables": tables,
        "months": [(m, by_month.get(m, _zero()))
                   for m in scope.months(*periods["year"])],
    }
