"""The household registry: households, the people in them, and likely duplicates."""

from datetime import date

from .. import clock, store
from ..places import queries as places
from ..text import clean, fold

PERSON_FIELDS = ("full_name", "gender", "birth_year", "birth_date", "relation", "ethnicity",
                 "cccd", "bhxh_number", "bhyt_card_type", "bhyt_expiry", "bhxh_status", "vssid")
HOUSEHOLD_FIELDS = ("address_note", "ethnicity", "language", "phone")


def age(person, today=None):
    """Age in whole years from the birth date when known, else from the birth year."""
    today = today or clock.today()
    if person.get("birth_date"):
        born = date.fromisoformat(person["birth_date"])
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return today.year - person["birth_year"]


def _person_values(values):
    row = {k: values[k] for k in PERSON_FIELDS if k in values}
    if "full_name" in row:
        row["full_name"] = clean(row["full_name"])
        row["name_key"] = fold(row["full_name"])
    for key in ("cccd", "bhxh_number", "birth_date", "bhyt_card_type", "bhyt_expiry",
                "ethnicity"):
        if key in row and not row[key]:
            row[key] = None
    if row.get("bhyt_card_type") is None and "bhyt_card_type" in row:
        row["bhyt_expiry"] = None
    return row


# Links from one record to another (a household's head, a roster row, a visit's outcomes, a
# session's village) are judged again wherever a page, a PDF or an export follows them: a link
# to another office's record, which an older or corrupted database may hold, reads as empty.

def office_of(commune):
    """SQL: the office whose live communes include `commune` (a column), for places.in_office
    when the office to keep a link in is that of the linking record itself."""
    return (f"(select own.office_id from office_communes own"
            f" where own.commune_code = {commune} and own.deleted_at is null)")


def person_in_office(person, office):
    """SQL condition: the person whose id is in `person` (a column) lives in a household of one
    of the office's communes. `office` as for places.in_office: a parameter, a column of the
    outer query (not of its `oc`) or office_of(...)."""
    return f"""exists (select 1 from people lp
                 join households lh on lh.id = lp.household_id
                 join villages lv on lv.id = lh.village_id
                 {places.in_office("lv.commune_code", office)}
                where lp.id = {person})"""


def village_in_office(village, office):
    """SQL condition: the village whose id is in `village` lies in one of the office's
    communes (`office` as for person_in_office)."""
    return f"""exists (select 1 from villages lv
                 {places.in_office("lv.commune_code", office)}
                where lv.id = {village})"""


def head_in_office(office, head="head", household="h"):
    """SQL condition for a household's head, joined as `head` on `household`.head_person_id: the
    head lives in the household itself (which the query keeps in the office) or elsewhere in the
    office; a head of another office is not joined."""
    return f"({head}.household_id = {household}.id or {person_in_office(f'{head}.id', office)})"


def household(db, household_id, office_id):
    """A live household in one of the office's communes, with its place names, else None."""
    rows = list(db.query(f"""
        select h.*, v.name as village_name, v.commune_code, c.name as commune_name,
               p.full_name as head_name
          from households h
          join villages v on v.id = h.village_id
          join communes c on c.code = v.commune_code
          {places.in_office("v.commune_code", ":office")}
          left join people p on p.id = h.head_person_id and {head_in_office(":office", "p")}
         where h.id = :household and h.deleted_at is null""",
        {"office": office_id, "household": household_id}))
    return rows[0] if rows else None


def members(db, household_id):
    """Live people of a household, the head first, then by birth year."""
    return list(db.query("""
        select * from people where household_id = ? and deleted_at is null
         order by relation != 'head', birth_year, full_name""", [household_id]))


def person(db, person_id, office_id):
    """A live person whose household lies in the office's communes, else None."""
    rows = list(db.query(f"""
        select p.*, h.village_id, v.commune_code
          from people p
          join households h on h.id = p.household_id
          join villages v on v.id = h.village_id
          {places.in_office("v.commune_code", "?")}
         where p.id = ? and p.deleted_at is null""", [office_id, person_id]))
    return rows[0] if rows else None


def village_households(db, village_id, limit=500, offset=0):
    """Households of a village with head, size and last visit, by head's name; a head outside
    the village's office is not shown."""
    return list(db.query(f"""
        select h.id, h.phone, h.language, p.full_name as head_name,
               (select count(*) from people m
                 where m.household_id = h.id and m.deleted_at is null) as size,
               (select max(visited_at) from visits vi
                 where vi.household_id = h.id and vi.deleted_at is null) as last_visit
          from households h
          join villages v on v.id = h.village_id
          left join people p on p.id = h.head_person_id
               and {head_in_office(office_of("v.commune_code"), "p")}
         where h.village_id = ? and h.deleted_at is null
         order by p.name_key limit ? offset ?""", [village_id, limit, offset]))


def count_village_households(db, village_id):
    return db.value("select count(*) from households where village_id = ?"
                    " and deleted_at is null", [village_id])


def likely_duplicates(db, office_id, commune_code, full_name=None, birth_year=None, cccd=None,
                      bhxh_number=None, exclude_id=None):
    """Live people of the office who may be the same person: same folded name and birth year
    in the commune, or the same CCCD or mã số BHXH in any of its communes."""
    clauses, params = [], []
    if full_name and birth_year:
        clauses.append("(p.name_key = ? and p.birth_year = ? and v.commune_code = ?)")
        params += [fold(full_name), int(birth_year), commune_code]
    if cccd:
        clauses.append("p.cccd = ?")
        params.append(cccd)
    if bhxh_number:
        clauses.append("p.bhxh_number = ?")
        params.append(bhxh_number)
    if not clauses:
        return []
    return list(db.query(f"""
        select p.id, p.full_name, p.birth_year, p.household_id, v.name as village_name,
               p.cccd = ? as same_cccd, p.bhxh_number = ? as same_bhxh_number
          from people p
          join households h on h.id = p.household_id
          join villages v on v.id = h.village_id
          -- The central server holds every office: another office's people are not shown.
          {places.in_office("v.commune_code", "?")}
         where p.deleted_at is null and {db.dialect.differs("p.id", "?")}
           and ({" or ".join(clauses)})
         limit 10""", [cccd, bhxh_number, office_id, exclude_id, *params]))


def register_household(db, village_id, household_values, head_values, *, user_id):
    """A household with its head, in one transaction."""
    with db.atomic():
        row = store.insert(db, "households", {
            "village_id": village_id,
            **{k: household_values.get(k) or "" for k in ("address_note", "phone")},
            "ethnicity": household_values.get("ethnicity") or None,
            "language": household_values.get("language") or "vi",
        }, user_id=user_id)
        head = store.insert(db, "people", {
            **_person_values({**head_values, "relation": "head"}), "household_id": row["id"],
        }, user_id=user_id)
        store.update(db, "households", row["id"], {"head_person_id": head["id"]},
                     user_id=user_id)
    return row["id"]


def update_household(db, household_id, values, *, user_id):
    changes = {k: values.get(k) or "" for k in ("address_note", "phone")}
    changes["ethnicity"] = values.get("ethnicity") or None
    changes["language"] = values.get("language") or "vi"
    return store.update(db, "households", household_id, changes, user_id=user_id)


def add_person(db, household_id, values, *, user_id):
    return store.insert(db, "people", {**_person_values(values), "household_id": household_id},
                        user_id=user_id)


def update_person(db, person_id, values, *, user_id):
    """Save a person's fields; naming them head makes them the household's head."""
    with db.atomic():
        changed = store.update(db, "people", person_id, _person_values(values), user_id=user_id)
        if values.get("relation") == "head":
            household_id = store.get(db, "people", person_id)["household_id"]
            _make_head(db, household_id, person_id, user_id)
    return changed


def _make_head(db, household_id, person_id, user_id):
    old_head = store.get(db, "households", household_id)["head_person_id"]
    # Only a head who is a member of this household steps down: a head_person_id naming someone
    # elsewhere (another office's person, in an older or corrupted database) is left alone.
    if old_head and old_head != person_id and db.value(
            "select 1 from people where id = ? and household_id = ? and deleted_at is null",
            [old_head, household_id]):
        store.update(db, "people", old_head, {"relation": "other"}, user_id=user_id)
    store.update(db, "households", household_id, {"head_person_id": person_id},
                 user_id=user_id)


def move_person(db, person_id, to_household_id, relation, *, user_id):
    """Move a person to another household; their history and past visits stay with them."""
    with db.atomic():
        current = store.get(db, "people", person_id)
        from_household = store.get(db, "households", current["household_id"])
        store.update(db, "people", person_id,
                     {"household_id": to_household_id, "relation": relation}, user_id=user_id)
        if from_household["head_person_id"] == person_id:
            store.update(db, "households", from_household["id"], {"head_person_id": None},
                         user_id=user_id)
        if relation == "head":
            _make_head(db, to_household_id, person_id, user_id)


def remove_person(db, person_id, reason=None, *, user_id, at=None):
    """Remove a person (entered twice, say): nobody counts them any more; a head steps down."""
    with db.atomic():
        current = store.get(db, "people", person_id)
        store.soft_delete(db, "people", person_id, user_id=user_id, reason=reason, at=at)
        if store.get(db, "households", current["household_id"])["head_person_id"] == person_id:
            store.update(db, "households", current["household_id"], {"head_person_id": None},
                         user_id=user_id)


def restore_person(db, person_id, *, user_id):
    """Undo a person's removal; a head whose household has no other head is head again."""
    with db.atomic():
        store.restore(db, "people", person_id, user_id=user_id)
        person = store.get(db, "people", person_id)
        household = store.get(db, "households", person["household_id"])
        if person["relation"] == "head" and not household["head_person_id"]:
            store.update(db, "households", household["id"], {"head_person_id": person_id},
                         user_id=user_id)


def remove_household(db, household_id, reason, *, user_id):
    """Remove a household (registered twice, say) with its people and its visits."""
    store.remove_with(db, "households", household_id, user_id=user_id, reason=reason)


def restore_household(db, household_id, *, user_id):
    """Undo a household's removal, with the people and visits removed along with it."""
    store.restore_with(db, "households", household_id, user_id=user_id)


def removed_members(db, household_id):
    """The household's removed people and visits, newest first, to bring back."""
    return _removed(db, """
        select 'people' as kind, r.id, r.full_name as name, r.deleted_at, r.removed_reason,
               r.updated_by, r.created_by, r.created_at
          from people r where r.household_id = ? and r.deleted_at is not null
        union all
        select 'visits', r.id, substr(r.visited_at, 1, 16), r.deleted_at, r.removed_reason,
               r.updated_by, r.created_by, r.created_at
          from visits r where r.household_id = ? and r.deleted_at is not null""",
                                 [household_id, household_id])


def removed_households(db, village_id):
    """The village's removed households, newest first, to bring back."""
    return _removed(db, """
        select 'households' as kind, r.id, p.full_name as name, r.deleted_at, r.removed_reason,
               r.updated_by, r.created_by, r.created_at
          from households r left join people p on p.id = r.head_person_id
         where r.village_id = ? and r.deleted_at is not null""", [village_id])


def _removed(db, sql, params):
    """Removed records, newest first, with who removed them and why: `sql` selects `kind`,
    `id`, `name`, the removal's columns and who made the record."""
    return list(db.query(f"""
        select x.*, u.full_name as removed_by from ({sql}) x
          left join users u on u.id = x.updated_by
         order by x.deleted_at desc limit 50""", params))
