"""Worklists ("rà từng người"): who still needs a visit, a card, or a follow-up.

An office holds up to hundreds of thousands of people, and a worklist shows a page of them.
Each sort order therefore names the table the query walks first, along an index in that order
(the dialect's `ordered_join`, SQLite's CROSS JOIN, fixes SQLite's join order; PostgreSQL's
planner picks its own), so the first page is found without sorting everyone.
"""

from dataclasses import dataclass
from datetime import timedelta

from .. import clock
from ..households.queries import head_in_office
from ..places import queries as places

PAGE_SIZE = 100

# People of this age or older are asked about social insurance.
BHXH_AGE = 15

_IN_OFFICE = places.in_office("v.commune_code", ":office", join="{join}")

# Ways into the rows, by the table walked first.
_BY_VILLAGE = f"""
      from villages v
      {_IN_OFFICE}
      {{join}} households h on h.village_id = v.id and h.deleted_at is null"""
_PEOPLE_BY_VILLAGE = _BY_VILLAGE + """
      {join} people p on p.household_id = h.id"""
_PEOPLE_BY_PERSON = f"""
      from people p
      {{join}} households h on h.id = p.household_id and h.deleted_at is null
      {{join}} villages v on v.id = h.village_id
      {_IN_OFFICE}"""
_PEOPLE_BY_EXPIRY = f"""
      from people p {{by_expiry}}
      {{join}} households h on h.id = p.household_id and h.deleted_at is null
      {{join}} villages v on v.id = h.village_id
      {_IN_OFFICE}"""
_BY_FOLLOW_UP = f"""
      from visits f
      {{join}} households h on h.id = f.household_id and h.deleted_at is null
      {{join}} villages v on v.id = h.village_id
      {_IN_OFFICE}
      join users u on u.id = f.officer_id"""
_FOLLOW_UPS_BY_VILLAGE = _BY_VILLAGE + """
      {join} visits f on f.household_id = h.id
      join users u on u.id = f.officer_id"""
_HEAD = f"""
      left join people head on head.id = h.head_person_id and {head_in_office(":office")}"""

_PERSON_COLUMNS = """p.id as person_id, p.full_name, p.birth_year, p.gender, p.bhyt_card_type,
       p.bhyt_expiry, p.bhxh_status, h.id as household_id, head.full_name as head_name,
       v.id as village_id, v.name as village_name"""
_HOUSEHOLD_COLUMNS = """h.id as household_id, head.full_name as head_name, h.phone,
       v.id as village_id, v.name as village_name"""


@dataclass(frozen=True)
class Worklist:
    columns: str
    where: str           # conditions that define the list
    sorts: dict          # sort key -> (tables in walking order, ORDER BY)
    default_sort: str
    officer_filter: str  # condition when one officer's list is asked for
    in_village: str      # tables in walking order when one village is asked for


_PEOPLE_SORTS = {
    "village": (_PEOPLE_BY_VILLAGE, "v.name_key, p.name_key"),
    "name": (_PEOPLE_BY_PERSON, "p.name_key"),
    "birth_year": (_PEOPLE_BY_PERSON, "p.birth_year, p.name_key"),
}
# People's lists for one officer: people in households that officer registered.
_REGISTERED_BY = "h.created_by = :officer"

WORKLISTS = {
    "never-visited": Worklist(
        _HOUSEHOLD_COLUMNS,
        """not exists (select 1 from visits vi
                        where vi.household_id = h.id and vi.deleted_at is null)""",
        {"village": (_BY_VILLAGE, "v.name_key, head.name_key")},
        "village", _REGISTERED_BY, _BY_VILLAGE),
    "no-bhyt": Worklist(
        _PERSON_COLUMNS, "p.deleted_at is null and (p.bhyt_card_type is null"
                         " or p.bhyt_expiry < :today)",
        _PEOPLE_SORTS, "village", _REGISTERED_BY, _PEOPLE_BY_VILLAGE),
    "bhyt-expiring": Worklist(
        _PERSON_COLUMNS, "p.deleted_at is null and p.bhyt_expiry between :today and :until",
        {**_PEOPLE_SORTS, "expiry": (_PEOPLE_BY_EXPIRY, "p.bhyt_expiry, p.name_key")},
        "expiry", _REGISTERED_BY, _PEOPLE_BY_VILLAGE),
    "no-bhxh": Worklist(
        _PERSON_COLUMNS, "p.deleted_at is null and p.bhxh_status = 'none'"
                         " and p.birth_year <= :adult_born_by",
        _PEOPLE_SORTS, "village", _REGISTERED_BY, _PEOPLE_BY_VILLAGE),
    "follow-ups": Worklist(
        _HOUSEHOLD_COLUMNS + """, f.follow_up_on, f.visited_at,
       u.full_name as officer_name""",
        """f.deleted_at is null and f.follow_up_on <= :until
           and not exists (select 1 from visits later
                            where later.household_id = f.household_id
                              and later.deleted_at is null
                              and later.visited_at > f.visited_at)""",
        {"due": (_BY_FOLLOW_UP, "f.follow_up_on, head.name_key"),
         "village": (_BY_FOLLOW_UP, "v.name_key, f.follow_up_on"),
         "name": (_BY_FOLLOW_UP, "head.name_key")},
        "due", "f.officer_id = :officer", _FOLLOW_UPS_BY_VILLAGE),
}


def worklist(db, kind, office_id, *, village_id=None, commune=None, officer_id=None, days=30,
             sort=None, descending=False, page=1, today=None):
    """One page of a worklist; returns (rows, has_next_page)."""
    spec = WORKLISTS[kind]
    today = today or clock.today()
    params = {
        "office": office_id, "village": village_id, "commune": commune,
        "officer": officer_id,
        "today": today.isoformat(), "until": (today + timedelta(days=days)).isoformat(),
        "adult_born_by": today.year - BHXH_AGE,
        "limit": PAGE_SIZE + 1, "offset": (max(page, 1) - 1) * PAGE_SIZE,
    }
    tables, order = spec.sorts.get(sort) or spec.sorts[spec.default_sort]
    conditions = [spec.where, "v.deleted_at is null"]
    if village_id or commune:
        # One village's or commune's rows are few: start from its households, whatever the order.
        tables = spec.in_village
        conditions.append("v.id = :village" if village_id else "v.commune_code = :commune")
    if officer_id:
        conditions.append(spec.officer_filter)
    if descending:
        order = ", ".join(f"{part.strip()} desc" for part in order.split(","))
    tables = tables.format(join=db.dialect.ordered_join(),
                           by_expiry=db.dialect.indexed_by("idx_people_bhyt_expiry"))
    rows = list(db.query(
        f"select {spec.columns} {tables} {_HEAD} where {' and '.join(conditions)}"
        f" order by {order} limit :limit offset :offset", params))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
