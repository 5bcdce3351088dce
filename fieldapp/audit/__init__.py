"""The central server's audit trail: who (user or device) did what, when, from which address.

`audit_log` is a local table, never synced, only ever added to. Laptops record nothing: the
trail is the central server's, where every device's changes and every office's accounts meet.
The actions are short codes ('login', 'user_created', 'merged', …; their labels are in
fieldapp/vocabulary.py); the page is in `views.py`, what each entry records in words in
`words.py`, its template in `templates/audit/`.
"""

import json
from datetime import datetime, time, timedelta, timezone

from flask import current_app, g, request

from .. import clock, history, store
from ..db import get_db

PAGE_SIZE = 100
# Beyond this the offset no longer fits SQLite's integers: such a page is simply empty.
MAX_PAGE = 2 ** 62 // PAGE_SIZE

_COLUMNS = ("at", "user_id", "device_id", "address", "action", "table_name", "row_id", "detail")
_INSERT = (f"insert into audit_log ({', '.join(_COLUMNS)})"
           f" values ({', '.join('?' * len(_COLUMNS))})")


def _json(detail):
    return None if detail is None else json.dumps(detail, ensure_ascii=False, sort_keys=True,
                                                  default=str)


def record(db, action, *, user_id=None, device_id=None, address=None, table=None, row_id=None,
           detail=None):
    """Add one row to the trail, in the caller's transaction when there is one."""
    db.execute(_INSERT, [store.now(), user_id, device_id, address, action, table,
                         None if row_id is None else str(row_id), _json(detail)])


def record_request(action, *, user_id=None, **fields):
    """Record what the request's user did from the request's address; central server only."""
    if not current_app.config.get("CENTRAL"):
        return
    if user_id is None and g.get("user"):
        user_id = g.user["id"]
    record(get_db(), action, user_id=user_id, address=request.remote_addr, **fields)


def record_merged(db, device_id, address, changes):
    """One 'merged' row per change a device pushed, in one go: the officer who made it, and
    what it changed from what to what (personal numbers masked), as the history entry the
    merge left for it says: changes are (table, row id, field names, that entry or None)."""
    at = store.now()
    rows = []
    for table, row_id, fields, entry in changes:
        detail = {"fields": sorted(fields)}
        if entry is not None:
            detail.update(action=entry["action"],
                          changes=history.masked(json.loads(entry["changes"])))
        rows.append((at, entry["user_id"] if entry else None, device_id, address, "merged",
                     table, str(row_id), json.dumps(detail, ensure_ascii=False)))
    # Through the merge's store, as its other writes: on PostgreSQL a push's rows go in a
    # statement or a few, not one each.
    with db.atomic():
        db.sync.insert("audit_log", rows, names=_COLUMNS)


# ---- The page: filters, one page of rows, and the CSV export.

def _utc_bound(day, days_after=0):
    """The UTC text of the local midnight starting `day` plus `days_after` days, comparable
    with `at`; None beyond the calendar's ends (no bound there)."""
    try:
        moment = datetime.combine(day + timedelta(days=days_after), time(), tzinfo=clock.zone())
        return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    except OverflowError:
        return None


def _where(db, filters):
    """SQL conditions and their named parameters for the filters given (dates as dates)."""
    f = {k: v for k, v in filters.items() if v}
    sql = []
    if "action" in f:
        sql.append("a.action = :action")
    if "user" in f:
        f["user"] = f["user"].strip().lower()
        # A refused login has no user, only the username that was tried.
        sql.append("(a.user_id in (select id from users where username = :user or id = :user)"
                   " or (a.action = 'login_failed'"
                   f" and {db.dialect.json_field('a.detail', 'username')} = :user))")
    if "device" in f:
        sql.append("a.device_id in (select id from devices where name = :device or id = :device)")
    if "table" in f:
        sql.append("a.table_name = :table")
    if "row" in f:
        sql.append("a.row_id = :row")
    if "address" in f:
        # A prefix finds a network ("10.0.3.") as well as one address.
        sql.append("substr(a.address, 1, length(:address)) = :address")
    # Local days: from the start's midnight in Vietnam to the midnight after the end.
    for key, days_after, compare in (("start", 0, ">="), ("end", 1, "<")):
        f[key] = _utc_bound(f[key], days_after) if key in f else None
        if f[key]:
            sql.append(f"a.at {compare} :{key}")
    return sql, f


def _query(db, filters, tail):
    where, params = _where(db, filters)
    sql = f"""
        select a.*, u.username, u.full_name as user_name, d.name as device_name
          from audit_log a
          left join users u on u.id = a.user_id
          left join devices d on d.id = a.device_id
         {'where ' + ' and '.join(where) if where else ''}
         order by a.id desc {tail}"""
    return sql, params


def entries(db, filters, page=1):
    """One page of the trail, newest first, with the filters; returns (rows, has_next_page)."""
    page = min(max(page, 1), MAX_PAGE)
    sql, params = _query(db, filters, "limit :limit offset :offset")
    rows = list(db.query(sql, {**params, "limit": PAGE_SIZE + 1,
                               "offset": (page - 1) * PAGE_SIZE}))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def all_entries(db, filters):
    """Every row the filters select, newest first (for the export)."""
    sql, params = _query(db, filters, "")
    return db.query(sql, params)


# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet shows as text: a leading formula character gets a quote before it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
