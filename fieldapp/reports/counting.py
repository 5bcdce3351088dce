"""Outreach figures for a period and an area.

Figures are counted over `reach` (one row per visit, person met at a visit, session attendee on
the roster and outcome, kept up to date by triggers: see fieldapp/reach) and over group_sessions.
Each figure counts a person or household once per group, however often they were reached. People
at a session who are not on its roster cannot be recognised elsewhere: they are added as the
session's attendance figures say.
"""

import json
from datetime import timedelta

from ..reach import keys as reach_keys, paths as reach_paths
from ..reach.keys import quoted as _quoted
from ..vocabulary import METRIC_LABELS
from . import scope

# Figures that can have a target, in the order they are shown.
METRICS = tuple(METRIC_LABELS)
OUTCOMES = ("voluntary_bhxh", "household_bhyt", "vssid_installed")
# Everything figures() counts: the metrics and what reports show beside them.
FIGURES = ("visits", "households", "people", "sessions", "attendees", "attendees_female",
           "attendees_male", "attendees_gender_unknown", *OUTCOMES)
GROUPS = ("office", "commune", "village", "officer", "month")
# Figures counted together, by the rows they read (sessions add their unnamed attendees to
# the people).
FAMILIES = {"visits": ("visits", "households"), "people": ("people",), "outcomes": OUTCOMES,
            "sessions": ("sessions", "attendees", "attendees_female", "attendees_male",
                         "attendees_gender_unknown", "people")}
# reach rows naming everyone met: outcomes are only recorded for people present at the visit
# or on the session's roster, so their rows would name nobody new.
_PERSON_KINDS = ("present", "attendee")


# The group key of a reach row (r) and of a session (s, with f its facilitators).
_REACH_KEY = {None: "null", "commune": "r.commune_code", "village": "r.village_id",
              "officer": "r.officer_id", "month": "substr(r.day, 1, 7)", "office": "oc.office_id"}
_SESSION_KEY = {None: "null", "commune": "s.commune_code", "village": "s.village_id",
                "officer": "f.value", "month": "substr(s.held_at, 1, 7)", "office": "oc.office_id"}
_BY_OFFICE = """join office_communes oc on oc.commune_code = {column}
                                        and oc.deleted_at is null"""


def figures(db, area, start, end, by=None, families=tuple(FAMILIES)):
    """{group key: {figure: count}} for the days from start to end, both included.

    `by` is one of GROUPS, or None for the area's totals (under the key None).
    """
    found = figures_of_periods(db, area, {"p": (start, end)}, by, families)
    return {key: periods["p"] for key, periods in found.items()}


def family(figure):
    """The families of rows that must be read to count a figure."""
    return {name for name, figures in FAMILIES.items() if figure in figures}


def figures_of_periods(db, area, periods, by=None, families=tuple(FAMILIES)):
    """{group key: {period name: {figure: count}}} for periods {name: (start, end)}.

    Periods of whole months within one year are read from the counts kept ready where they add
    up to the area's figures (fieldapp.reach.paths chooses); otherwise the periods are counted
    in one pass over the reach rows of the days they span. Sessions count for each of their staff
    facilitators when grouped by officer. Only the `families` of figures asked for are counted
    (the others stay 0).
    """
    found = {}

    def add(rows):
        for row in rows:
            counts = found.setdefault(row.pop("key"), {
                name: dict.fromkeys(FIGURES, 0) for name in periods})
            for column, value in row.items():
                name, figure = column.split("__")
                counts[name][figure] += value or 0

    kinds = [k for family in families for k in _COUNTED_FAMILY.get(family, ())]
    # Sessions alone read no reach row (and no kind to probe the counts of: on PostgreSQL an
    # empty `kind in ()` failed the dashboard charting sessions across offices).
    if kinds:
        path = reach_paths.counting_path(db, area, periods, by, kinds)
        if path:
            add(_counted_figures(db, area, by, kinds, *path))
        else:
            add(_scanned_figures(db, area, periods, by, families))
    if "sessions" in families:
        add(_sessions_of_groups(db, area, periods, by))
    return found


def _sessions_of_groups(db, area, periods, by):
    """Rows of session figures grouped `by`. By commune, office, officer and for the whole
    area they are sums of one count by commune and staff, made once per request (a query over
    the period's sessions and their rosters for each grouping before)."""
    if by not in (None, "office", "commune", "officer"):
        return _session_figures(db, area, _periods_params(area, periods), periods, by)
    staffed = area.once(("sessions by commune and staff", tuple(periods.items())), lambda: list(
        _session_figures(db, area, _periods_params(area, periods), periods, "staff")))
    # Every live office of a commune counts its sessions, as a join on office_communes does.
    offices = {}
    for commune in area.communes(db):
        offices.setdefault(commune["code"], []).append(commune["office_id"])

    def keys(row):
        if by is None:
            return [None]
        if by == "commune":
            return [row["key"]]
        if by == "office":
            return offices.get(row["key"], [])
        # Once for each staff facilitator (the area's officer only, when it names one); a
        # session without one under None, as a left join on its facilitators gives.
        return [officer for officer in json.loads(row["staff"]) or [None]
                if not area.officer_id or officer == area.officer_id]

    summed = {}
    for row in staffed:
        for key in keys(row):
            into = summed.setdefault(key, {})
            for column, value in row.items():
                if column not in ("key", "staff") and value is not None:
                    into[column] = into.get(column, 0) + value
    return [{"key": key, **columns} for key, columns in summed.items()]


def _periods_params(area, periods):
    params = scope.params(area, min(s for s, _ in periods.values()),
                     max(e for _, e in periods.values()))
    for name, (start, end) in periods.items():
        params.update({f"{name}_start": start.isoformat(), f"{name}_end": end.isoformat(),
                       f"{name}_before": (end + timedelta(days=1)).isoformat()})
    return params


# ---- Figures from the counts kept ready (migration 0010) -----------------------------------

# What reach_counts counts, as figures.
_COUNTED = {"visits": "visits", "household": "households", "person": "people",
            **{outcome: outcome for outcome in OUTCOMES}}
_COUNTED_FAMILY = {"visits": ("visits", "household"), "people": ("person",),
                   "outcomes": OUTCOMES}


def _counted_figures(db, area, by, kinds, dim, year, masks):
    """Rows of figures (as the scan gives them) from reach_counts."""
    if not kinds:
        return []
    conditions = ["c.dim = :dim", "c.year = :year", f"c.kind in ({_quoted(kinds)})"]
    if area.office_id:
        conditions.append("c.office_id = :office")
    # A commune key is its code: SQLite keeps the number, PostgreSQL the text of it.
    commune = {"commune": "cast(c.key as integer)",
               "officer_commune": reach_keys.key_commune(db.dialect, "c.key")}.get(dim)
    if area.province_code:
        conditions.append(
            f"{commune} in (select code from communes where province_code = :province)"
            if commune else f"c.office_id in ({reach_paths.PROVINCE_OFFICES})")
    if commune and area.commune_code:
        conditions.append(f"{commune} = :commune")
    if dim == "officer" and area.officer_id:
        conditions.append("c.key = :officer")
    if dim == "officer_commune" and area.officer_id:
        conditions.append(reach_keys.of_officer("c.key", ":officer"))
    params = {"dim": dim, "year": year, "office": area.office_id,
              "province": area.province_code, "commune": area.commune_code,
              "officer": area.officer_id, **{f"mask_{n}": m for n, m in masks.items()}}
    if by == "month":
        return _counted_by_month(db, conditions, params, year, masks)
    officer = reach_keys.key_officer(db.dialect, "c.key") if dim == "officer_commune" else "c.key"
    key = {None: "null", "office": "c.office_id", "commune": commune,
           "officer": f"nullif({officer}, '')"}[by]
    rows = db.query(f"""
        select {key} as key, c.kind, {", ".join(
            f"sum(case when {db.dialect.bits_meet('c.months', f':mask_{n}')} then c.n end)"
            f' as "{n}"' for n in masks)}
          from reach_counts c
         where {" and ".join(conditions)}
         group by 1, 2""", params)
    # Groups with nothing in the periods are left out, as the scan leaves them.
    return [{"key": row["key"], **{f"{n}__{_COUNTED[row['kind']]}": row[n] for n in masks}}
            for row in rows if any(row[n] for n in masks)]


def _counted_by_month(db, conditions, params, year, masks):
    """Figures by month ('YYYY-MM'): a set of months counts in each of its months."""
    months = [m for m in range(1, 13) if any(mask >> (m - 1) & 1 for mask in masks.values())]
    rows = db.query(f"""
        select c.kind, {", ".join(
            f"sum(case when {db.dialect.bits_meet('c.months', str(1 << (m - 1)))} then c.n end)"
            f" as m{m}" for m in months)}
          from reach_counts c
         where {" and ".join(conditions)}
         group by 1""", params)
    return [{"key": f"{year}-{m:02d}", **{
        f"{n}__{_COUNTED[row['kind']]}": row[f"m{m}"]
        for n, mask in masks.items() if mask >> (m - 1) & 1}}
        for row in rows for m in months if row[f"m{m}"]]


# ---- Figures counted over the reach rows themselves ---------------------------------------

def _scanned_figures(db, area, periods, by, families):
    """Rows of figures counted over the reach rows of the periods (any days, any area)."""
    params = _periods_params(area, periods)
    within = {name: f"r.day between :{name}_start and :{name}_end" for name in periods}
    reach = " and ".join(["r.day between :start and :end",
                          *scope.in_area_communes(db, area, "r.commune_code"),
                          *(["r.village_id = :village"] if area.village_id else []),
                          *(["r.officer_id = :officer"] if area.officer_id else [])])
    key = _REACH_KEY[by]
    joined = _BY_OFFICE.format(column="r.commune_code") if by == "office" else ""
    flag = db.dialect.flag
    rows = []
    if "visits" in families:
        rows += db.query(f"""
            select {key} as key, {", ".join(
                f"sum({flag(w)}) as {n}__visits, count(distinct case when r.kind = 'visit' and {w}"
                f" then r.household_id end) as {n}__households" for n, w in within.items())}
              from reach r {joined}
             where r.kind in ('visit', 'closed') and {reach}
             group by 1""", params)
    if "people" in families:
        # People met, each once per group: grouped by person and group, then counted.
        rows += db.query(f"""
            select key, {", ".join(f"sum({n}) as {n}__people" for n in periods)} from (
                select {key} as key, {", ".join(f"max({flag(w)}) as {n}"
                                                for n, w in within.items())}
                  from reach r {joined}
                 where r.kind in ({_quoted(_PERSON_KINDS)}) and {reach}
                 group by r.person_id, 1) met
             group by key""", params)
    if "outcomes" in families:
        rows += [{"key": row["key"], **{f"{n}__{row['kind']}": row[n] for n in periods}}
                 for row in db.query(f"""
                select {key} as key, r.kind, {", ".join(
                    f"count(distinct case when {w} then r.person_id end) as {n}"
                    for n, w in within.items())}
                  from reach r {joined}
                 where r.kind in ({_quoted(OUTCOMES)}) and {reach}
                 group by 1, 2""", params)]
    return rows


def _session_figures(db, area, params, periods, by):
    # Grouped by officer, a session counts once per facilitator: the join itself filters.
    conditions = scope.session_conditions(db, area, officer=by != "officer")
    facilitators = ""
    if by == "officer":
        facilitators = f"left join {db.dialect.json_values('s.facilitators', 'f')} on 1 = 1"
        if area.officer_id:
            conditions.append("f.value = :officer")
    joined = _BY_OFFICE.format(column="s.commune_code") if by == "office" else ""
    # Attendees not on the roster: each one a person reached, whom nobody can recognise.
    unnamed = db.dialect.larger("s.attendees_total - coalesce(roster.n, 0)", "0")
    # The rosters of the period's sessions counted once, not once per period summed (a count
    # for each session and period: 2 s on PostgreSQL at 200,000 sessions).
    # Of the area's communes only: one office's page counted every office's rosters.
    rosters = f"""left join (select a.session_id, count(*) as n from session_attendees a
                              join group_sessions rs on rs.id = a.session_id
                             where a.deleted_at is null and rs.held_at >= :start
                               and rs.held_at < :before and {
                                   scope.in_area_communes(db, area, "rs.commune_code")[0]}
                             group by a.session_id) roster on roster.session_id = s.id"""
    sums = {"sessions": "1", "attendees": "s.attendees_total",
            "attendees_female": "s.attendees_female", "attendees_male": "s.attendees_male",
            "attendees_gender_unknown": "s.attendees_gender_unknown", "people": unnamed}
    columns = ", ".join(
        f"sum(case when s.held_at >= :{n}_start and s.held_at < :{n}_before then {value}"
        f" end) as {n}__{figure}" for n in periods for figure, value in sums.items())
    # "staff": by commune and the list of staff facilitators, to be summed as each grouping
    # needs (_sessions_of_groups).
    key = "s.commune_code as key, s.facilitators as staff" if by == "staff" else \
        f"{_SESSION_KEY[by]} as key"
    return db.query(f"""
        select {key}, {columns}
          from group_sessions s {rosters} {facilitators} {joined}
         where {" and ".join(conditions)}
         group by {"1, 2" if by == "staff" else "1"}""", params)


def attendees_by_ethnicity(db, area, start, end):
    """{ethnicity code: attendees} at the area's sessions in the period ('unknown' included)."""
    params = scope.params(area, start, end)
    conditions = scope.session_conditions(db, area)
    return {r["code"]: r["n"] for r in db.query(f"""
        select e.key as code, sum(cast(e.value as integer)) as n
          from group_sessions s, {db.dialect.json_entries("s.attendees_by_ethnicity", "e")}
         where {" and ".join(conditions)}
         group by e.key order by n desc, e.key""", params)}


def total(figures_by_key):
    """The figures under the key None, zero when nothing was found."""
    return figures_by_key.get(None) or dict.fromkeys(FIGURES, 0)
