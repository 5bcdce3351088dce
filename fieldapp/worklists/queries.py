"""Worklists ("rà từng người"): who still needs a visit, a card, or a follow-up."""

from dataclasses import dataclass
from datetime import date, timedelta

PAGE_SIZE = 100

_HOUSEHOLD_PLACE = """
      join villages v on v.id = h.village_id and v.deleted_at is null
      join office_communes oc on oc.commune_code = v.commune_code
                             and oc.office_id = :office and oc.deleted_at is null
      left join people head on head.id = h.head_person_id"""


@dataclass(frozen=True)
class Worklist:
    kind: str
    rows: str          # the list's query up to its WHERE conditions
    where: str         # conditions that define the list
    sorts: dict        # sort key -> ORDER BY expression
    default_sort: str
    officer_filter: str  # condition when one officer's list is asked for


_PEOPLE = f"""
    select p.id as person_id, p.full_name, p.birth_year, p.gender, p.bhyt_card_type,
           p.bhyt_expiry, p.bhxh_status, h.id as household_id, head.full_name as head_name,
           v.id as village_id, v.name as village_name
      from people p
      join households h on h.id = p.household_id and h.deleted_at is null
      {_HOUSEHOLD_PLACE}
     where p.deleted_at is null"""

_PEOPLE_SORTS = {"name": "p.name_key", "village": "v.name_key, p.name_key",
                 "birth_year": "p.birth_year, p.name_key"}
# People's lists for one officer: people in households that officer registered.
_REGISTERED_BY = "h.created_by = :officer"

WORKLISTS = {
    "never-visited": Worklist(
        "never-visited",
        f"""select h.id as household_id, head.full_name as head_name, h.phone,
                   v.id as village_id, v.name as village_name
              from households h {_HOUSEHOLD_PLACE}
             where h.deleted_at is null""",
        """not exists (select 1 from visits vi
                        where vi.household_id = h.id and vi.deleted_at is null)""",
        {"name": "head.name_key", "village": "v.name_key, head.name_key"},
        "village", _REGISTERED_BY),
    "no-bhyt": Worklist(
        "no-bhyt", _PEOPLE, "(p.bhyt_card_type is null or p.bhyt_expiry < :today)",
        _PEOPLE_SORTS, "village", _REGISTERED_BY),
    "bhyt-expiring": Worklist(
        "bhyt-expiring", _PEOPLE, "p.bhyt_expiry between :today and :until",
        {**_PEOPLE_SORTS, "expiry": "p.bhyt_expiry, p.name_key"}, "expiry", _REGISTERED_BY),
    "no-bhxh": Worklist(
        "no-bhxh", _PEOPLE, "p.bhxh_status = 'none' and p.birth_year <= :adult_born_by",
        _PEOPLE_SORTS, "village", _REGISTERED_BY),
    "follow-ups": Worklist(
        "follow-ups",
        f"""select h.id as household_id, head.full_name as head_name, h.phone,
                   v.id as village_id, v.name as village_name, f.follow_up_on,
                   f.visited_at, u.full_name as officer_name
              from visits f
              join households h on h.id = f.household_id and h.deleted_at is null
              {_HOUSEHOLD_PLACE}
              join users u on u.id = f.officer_id
             where f.deleted_at is null""",
        """f.follow_up_on <= :until
           and not exists (select 1 from visits later
                            where later.household_id = f.household_id
                              and later.deleted_at is null
                              and later.visited_at > f.visited_at)""",
        {"due": "f.follow_up_on, head.name_key", "village": "v.name_key, f.follow_up_on",
         "name": "head.name_key"},
        "due", "f.officer_id = :officer"),
}

# People of this age or older are asked about social insurance.
BHXH_AGE = 15


def worklist(db, kind, office_id, *, village_id=None, officer_id=None, days=30, sort=None,
             descending=False, page=1, today=None):
    """One page of a worklist; returns (rows, has_next_page)."""
    spec = WORKLISTS[kind]
    today = today or date.today()
    params = {
        "office": office_id, "village": village_id, "officer": officer_id,
        "today": today.isoformat(), "until": (today + timedelta(days=days)).isoformat(),
        "adult_born_by": today.year - BHXH_AGE,
        "limit": PAGE_SIZE + 1, "offset": (max(page, 1) - 1) * PAGE_SIZE,
    }
    conditions = [spec.where]
    if village_id:
        conditions.append("v.id = :village")
    if officer_id:
        conditions.append(spec.officer_filter)
    order = spec.sorts.get(sort) or spec.sorts[spec.default_sort]
    if descending:
        order = ", ".join(f"{part.strip()} desc" for part in order.split(","))
    rows = list(db.query(
        f"{spec.rows} and {' and '.join(conditions)} order by {order}"
        " limit :limit offset :offset", params))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
