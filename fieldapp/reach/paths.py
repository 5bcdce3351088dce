"""Which counting path a report's periods take: the counts kept ready, or a scan over reach.

Periods of whole months within one year are read from reach_counts where those counts add up to
the area's figures; anything else is counted over the reach rows themselves.
"""

import calendar
from datetime import date

from .keys import ROW_KINDS_COUNTED, quoted

# Groups that lie within one commune, so within one office.
WITHIN_COMMUNES = ("commune", "officer_commune")
# The offices with a live commune in the province named :province.
PROVINCE_OFFICES = """select oc.office_id from office_communes oc
                        join communes pc on pc.code = oc.commune_code
                       where oc.deleted_at is null and pc.province_code = :province"""


def counting_path(db, area, periods, by, kinds):
    """(group, year, {period name: months as bits}) to read the `kinds` of reach_counts for
    the area's periods grouped `by`, or None when they must be counted over reach; each probe
    of the database made once for an area that keeps its decisions (reports.scope.Area)."""
    months = area.once(("whole months", tuple(periods.items())),
                       lambda: whole_months(db, periods))
    dim = counted_dim(area, by)
    if months and dim and db.dialect.SETTLE_COUNTS:
        # What merges left pending is counted before any count is read (revision 0009).
        area.once(("counts settled",), lambda: db.value(db.dialect.SETTLE_COUNTS))
    # counts_add_up reads only the office, the province and whether the groups are offices.
    if months and dim and area.once(
            ("counts add up", area.office_id, area.province_code, by == "office", dim,
             months[0], tuple(kinds)),
            lambda: counts_add_up(db, area, by, dim, months[0], kinds)):
        return dim, *months
    return None


def whole_months(db, periods):
    """(year, {period name: months as bits}) when every period is whole months of one year,
    or ends on a day after which nothing was recorded that month; else None."""
    years = {start.year for start, _ in periods.values()} | {
        end.year for _, end in periods.values()}
    if len(years) != 1:
        return None
    masks = {}
    for name, (start, end) in periods.items():
        if start.day != 1 or end < start:
            return None
        last = date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
        if end != last and db.value(
                f"select 1 from reach where kind in ({quoted(ROW_KINDS_COUNTED)})"
                " and day > ? and day <= ? limit 1",
                [end.isoformat(), last.isoformat()]):
            return None
        masks[name] = sum(1 << (m - 1) for m in range(start.month, end.month + 1))
    return years.pop(), masks


def counted_dim(area, by):
    """The group (office, commune, officer, or officer within a commune) whose counts give the
    area's figures grouped `by`, or None when only the reach rows can tell."""
    if area.village_id or by == "village":
        return None
    if by == "office":
        return None if area.officer_id or area.commune_code else "office"
    if by == "commune":
        return "officer_commune" if area.officer_id else "commune"
    if by == "officer":
        return "officer_commune" if area.commune_code else "officer"
    if area.officer_id and area.commune_code:
        return "officer_commune"
    return "officer" if area.officer_id else "commune" if area.commune_code else "office"


def counts_add_up(db, area, by, dim, year, kinds):
    """Whether the counts, kept within each office, add up to the area's figures.

    Within one office, and for communes, they always do. Across offices they do while nobody
    was counted in two offices that year (reach_shared) and, for a province, while its offices
    lie wholly in it.
    """
    if (area.office_id and not area.province_code) or dim in WITHIN_COMMUNES:
        return True
    if by != "office" and db.value(
            f"select 1 from reach_shared where year = ? and kind in ({quoted(kinds)})",
            [year]):
        return False
    return not area.province_code or not db.value(f"""
        select 1 from office_communes oc join communes c on c.code = oc.commune_code
         where oc.deleted_at is null and c.province_code != :province
           and oc.office_id in ({PROVINCE_OFFICES}) limit 1""",
        {"province": area.province_code})
