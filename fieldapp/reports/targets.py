"""The targets (chỉ tiêu) an office's figures are measured against: read, set, compared."""

from sync.synced_tables import target_id

from .. import store
from .counting import METRICS


def office_targets(db, office_id, year):
    """{(commune code or None, month or None): {metric: value}} of an office's year."""
    return {(r["commune_code"], r["month"]): {m: r[m] for m in METRICS} for r in db.query(
        "select * from targets where office_id = ? and year = ? and deleted_at is null",
        [office_id, year])}


def save_target(db, office_id, commune_code, year, month, values, *, user_id):
    """Set one target's figures (None: no target), creating the row the first time."""
    values = {m: values.get(m) for m in METRICS}
    row_id = target_id(office_id, commune_code, year, month)
    with db.atomic():
        try:
            store.get(db, "targets", row_id)
        except store.NotFound:
            if any(v is not None for v in values.values()):
                store.insert(db, "targets", {
                    "id": row_id, "office_id": office_id, "commune_code": commune_code,
                    "year": year, "month": month, **values}, user_id=user_id)
            return values
        return store.update(db, "targets", row_id, values, user_id=user_id)


def area_targets(db, area, year, month=None, by=None):
    """{group key: {metric: target or None}} for a year (or one month of it).

    An office's target is its own, or else the sum of its communes' targets; the targets of
    several offices add up. `by` is None (key None), "commune" or "office".
    """
    return _by_group(area, _rows(db, area, year, month), by)


def group_targets(db, area, units, groups=()):
    """{group: {key: {unit: targets}}} of units {unit: (year, month or None)}; the area's: None."""
    rows = {name: _rows(db, area, *unit) for name, unit in units.items()}
    found = {}
    for by in (None, *groups):
        chosen = {name: _by_group(area, rows[name], by) for name in units}
        found[by] = {key: {name: chosen[name].get(key, {}) for name in units}
                     for key in dict.fromkeys(k for targets in chosen.values() for k in targets)}
    return found


def _rows(db, area, year, month):
    """The live targets of the area's offices for the year, or one month of it."""
    # The same rows give every grouping: read once per request (the report's default period
    # reads them too).
    return area.once(("targets", area.office_id, area.province_code, year, month),
                     lambda: _read(db, area, year, month))


def _read(db, area, year, month):
    params = {"office": area.office_id, "province": area.province_code, "year": year,
              "month": month}
    conditions = ["t.deleted_at is null", "t.year = :year", db.dialect.same("t.month", ":month")]
    if area.office_id:
        conditions.append("t.office_id = :office")
    if area.province_code:
        conditions.append("o.province_code = :province")
    return list(db.query(f"""
        select t.* from targets t join offices o on o.id = t.office_id
         where {" and ".join(conditions)}""", params))


def _by_group(area, rows, by):
    communes = [r for r in rows if r["commune_code"] is not None]
    if by == "commune" or area.commune_code:
        chosen = {r["commune_code"]: {m: r[m] for m in METRICS} for r in communes
                  if not area.commune_code or r["commune_code"] == area.commune_code}
        return chosen if by == "commune" else {None: chosen.get(area.commune_code, {})}
    per_office = {}
    for office in {r["office_id"] for r in rows}:
        own = next((r for r in rows if r["office_id"] == office and r["commune_code"] is None),
                   {})
        parts = [r for r in communes if r["office_id"] == office]
        per_office[office] = {m: own.get(m) if own.get(m) is not None
                              else _sum([r[m] for r in parts]) for m in METRICS}
    if by == "office":
        return per_office
    return {None: {m: _sum([t[m] for t in per_office.values()]) for m in METRICS}}


def _sum(values):
    """The sum of the values that are set; None when none is."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def progress(actual, target):
    """Percent of the target reached (whole number), or None without a target."""
    if not target:
        return None
    return round(100 * actual / target)
