"""Finding people and households: by name without diacritics, by personal number or phone."""

from .. import personal
from ..households.queries import head_in_office
from ..places import queries as places
from ..text import fold

_PLACE = f"""
          join households h on h.id = p.household_id and h.deleted_at is null
          join villages v on v.id = h.village_id
          join communes c on c.code = v.commune_code
          {places.in_office("v.commune_code", ":office")}
          left join people head on head.id = h.head_person_id and {head_in_office(":office")}"""

_COLUMNS = """p.id, p.full_name, p.birth_year, p.gender, p.household_id,
              head.full_name as head_name, v.id as village_id, v.name as village_name,
              c.name as commune_name"""


# A short or common name matches tens of thousands of people: only this many FTS matches are
# sorted and shown (the page asks for more letters when the list is full).
CANDIDATES = 1000
LIMIT = 50


def search(db, office_id, q, limit=LIMIT):
    """People of the office matching a name, a CCCD, a mã số BHXH or a household phone."""
    q = (q or "").strip()
    if not q:
        return []
    number = personal.digits(q).lstrip("+")
    if number.isdigit() and len(number) >= 8:
        # Each number through its own index; households without a phone hold ''.
        return list(db.query(f"""
            select {_COLUMNS} from people p {_PLACE}
             where p.deleted_at is null and p.id in (
                   select id from people where cccd = :n
                   union select id from people where bhxh_number = :n
                   union select m.id from households hp join people m on m.household_id = hp.id
                    where hp.phone = :phone and hp.phone != '')
             order by p.name_key limit :limit""",
            {"office": office_id, "n": number, "phone": personal.normalise_phone(q) or "",
             "limit": limit}))
    # Every word as a prefix: 'nguyen van' finds 'Nguyễn Văn An'.
    match = db.dialect.search_terms(fold(q))
    if not match:
        return []
    return list(db.query(f"""
        select {_COLUMNS}
          from ({db.dialect.people_named(":match", ":candidates")}) f
          join people p on {db.dialect.row_key("p")} = f.found {_PLACE}
         where p.deleted_at is null
         order by p.name_key limit :limit""",
        {"office": office_id, "match": match, "candidates": CANDIDATES, "limit": limit}))


def villages(db, office_id, q, limit=20):
    """The office's villages whose folded name contains the words typed."""
    key = fold(q)
    if not key:
        return []
    return list(db.query(f"""
        select v.id, v.name, c.name as commune_name
          from villages v
          join communes c on c.code = v.commune_code
          {places.in_office("v.commune_code", "?")}
         where v.deleted_at is null and v.name_key like ? escape '\\'
         order by v.name_key limit ?""",
        [office_id, "%" + key.replace("%", "\\%").replace("_", "\\_") + "%", limit]))
