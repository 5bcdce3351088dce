"""Places an office works in: its communes and their villages."""

from .. import store
from ..text import clean, fold


class DuplicateVillage(ValueError):
    """A live village with the same folded name already exists in the commune."""

    def __init__(self, existing):
        super().__init__(existing["name"])
        self.existing = existing


def in_office(column, office, join="join"):
    """SQL joining office_communes as `oc` so that only rows whose commune code (`column`) lies
    in the office remain; `office` is the office's parameter ('?' or ':office')."""
    return (f"{join} office_communes oc on oc.commune_code = {column}"
            f" and oc.office_id = {office} and oc.deleted_at is null")


def provinces(db):
    return list(db.query("select code, name from provinces order by name"))


def communes_of_province(db, province_code):
    return list(db.query(
        "select code, name from communes where province_code = ? order by name_key",
        [province_code]))


def office_communes(db, office_id):
    """The communes an office covers, with their count of villages."""
    return list(db.query("""
        select c.code, c.name, c.province_code,
               (select count(*) from villages v
                 where v.commune_code = c.code and v.deleted_at is null) as village_count
          from office_communes oc join communes c on c.code = oc.commune_code
         where oc.office_id = ? and oc.deleted_at is null
         order by c.name_key""", [office_id]))


def office_commune(db, office_id, commune_code):
    """One commune if the office covers it, else None."""
    return db.one("""
        select c.code, c.name, c.province_code, p.name as province_name
          from office_communes oc
          join communes c on c.code = oc.commune_code
          join provinces p on p.code = c.province_code
         where oc.office_id = ? and oc.commune_code = ? and oc.deleted_at is null""",
        [office_id, commune_code])


def villages_of_office(db, office_id):
    """Live villages in the office's communes, grouped by commune code."""
    grouped = {}
    for row in db.query(f"""
        select v.id, v.name, v.kind, v.commune_code
          from villages v
          {in_office("v.commune_code", ":office")}
         where v.deleted_at is null
         order by v.name_key""", [office_id]):
        grouped.setdefault(row["commune_code"], []).append(row)
    return grouped


def villages_of_commune(db, commune_code):
    return list(db.query(
        "select id, name, kind from villages"
        " where commune_code = ? and deleted_at is null order by name_key",
        [commune_code]))


def office_village(db, village_id, office_id):
    """A live village if it lies in one of the office's communes, else None."""
    return db.one(f"""
        select v.id, v.name, v.kind, v.commune_code, c.name as commune_name
          from villages v
          join communes c on c.code = v.commune_code
          {in_office("v.commune_code", ":office")}
         where v.id = :village and v.deleted_at is null""",
        {"village": village_id, "office": office_id})


def _duplicate_village(db, commune_code, name, exclude_id=None):
    return db.one(
        "select id, name from villages where commune_code = ? and name_key = ?"
        f" and deleted_at is null and {db.dialect.differs('id', '?')}",
        [commune_code, fold(name), exclude_id])


def create_village(db, commune_code, name, kind, *, user_id, row_id=None):
    """Add a village under a commune; refuse a likely duplicate."""
    name = clean(name)
    with db.atomic():
        existing = _duplicate_village(db, commune_code, name)
        if existing:
            raise DuplicateVillage(existing)
        return store.insert(db, "villages", {
            **({"id": row_id} if row_id else {}),
            "commune_code": commune_code, "name": name, "name_key": fold(name), "kind": kind,
        }, user_id=user_id)


def rename_village(db, village_id, commune_code, name, kind, *, user_id):
    name = clean(name)
    with db.atomic():
        existing = _duplicate_village(db, commune_code, name, exclude_id=village_id)
        if existing:
            raise DuplicateVillage(existing)
        return store.update(db, "villages", village_id,
                            {"name": name, "name_key": fold(name), "kind": kind},
                            user_id=user_id)


class VillageNotEmpty(ValueError):
    """Households still live in the village."""


def delete_village(db, village_id, *, user_id):
    """Remove a village that has no household left."""
    with db.atomic():
        households = db.value("select count(*) from households where village_id = ?"
                              " and deleted_at is null", [village_id])
        if households:
            raise VillageNotEmpty(households)
        store.soft_delete(db, "villages", village_id, user_id=user_id)


def duplicate_villages(db, office_id, commune_code=None):
    """Live villages of the office that share a commune and a folded name with another (two
    laptops offline can both create "Mí Háng"), grouped, each with its households and sessions.
    """
    groups = {}
    for row in db.query(f"""
        select v.id, v.name, v.kind, v.commune_code, v.name_key, c.name as commune_name,
               (select count(*) from households h
                 where h.village_id = v.id and h.deleted_at is null) as households,
               (select count(*) from group_sessions s
                 where s.village_id = v.id and s.deleted_at is null) as sessions
          from villages v
          {in_office("v.commune_code", ":office")}
          join communes c on c.code = v.commune_code
         where v.deleted_at is null
           and (:commune is null or v.commune_code = :commune)
           and exists (select 1 from villages o
                        where o.commune_code = v.commune_code and o.name_key = v.name_key
                          and o.id != v.id and o.deleted_at is null)
         order by c.name_key, v.name_key, households desc, v.created_at""",
            {"office": office_id, "commune": commune_code}):
        groups.setdefault((row["commune_code"], row["name_key"]), []).append(row)
    return list(groups.values())


def duplicates_of(db, office_id, village):
    """The group of same-named villages this village belongs to, or None."""
    return next((group for group in duplicate_villages(db, office_id, village["commune_code"])
                 if any(v["id"] == village["id"] for v in group)), None)


def merge_villages(db, keep_id, others, *, user_id):
    """Move every household and session of the other villages to the kept one, and remove them;
    return how many households moved. Ordinary edits through the store, so the merge syncs."""
    moved = 0
    with db.atomic():
        for village_id in others:
            for table in ("households", "group_sessions"):
                for (row_id,) in db.execute(
                        f"select id from {table} where village_id = ? and deleted_at is null",
                        [village_id]).fetchall():
                    store.update(db, table, row_id, {"village_id": keep_id}, user_id=user_id)
                    moved += table == "households"
            store.soft_delete(db, "villages", village_id, user_id=user_id)
    return moved
