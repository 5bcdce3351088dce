"""Area offices: named sets of communes, the scope of every laptop and user."""

from . import store


class CommuneTaken(ValueError):
    """Communes already covered by another office: (commune name, office name) pairs."""

    def __init__(self, taken):
        super().__init__(", ".join(f"{c} ({o})" for c, o in taken))
        self.taken = taken


def offices(db):
    return list(db.query("""
        select o.*, p.name as province_name,
               (select count(*) from office_communes oc
                 where oc.office_id = o.id and oc.deleted_at is null) as commune_count,
               (select count(*) from users u
                 where u.office_id = o.id and u.deleted_at is null) as user_count
          from offices o join provinces p on p.code = o.province_code
         where o.deleted_at is null
         order by o.name"""))


def office(db, office_id):
    return db.one("""
        select o.*, p.name as province_name
          from offices o join provinces p on p.code = o.province_code
         where o.id = ? and o.deleted_at is null""", [office_id])


def commune_codes(db, office_id):
    return [r["commune_code"] for r in db.query(
        "select commune_code from office_communes where office_id = ? and deleted_at is null",
        [office_id])]


def _taken_elsewhere(db, office_id, codes):
    if not codes:
        return []
    marks = ",".join("?" * len(codes))
    return [(r["commune"], r["office"]) for r in db.query(f"""
        select c.name as commune, o.name as office
          from office_communes oc
          join communes c on c.code = oc.commune_code
          join offices o on o.id = oc.office_id
         where oc.deleted_at is null and {db.dialect.differs("oc.office_id", "?")}
           and oc.commune_code in ({marks})
         order by c.name_key""", [office_id, *codes])]


def _set_communes(db, office_id, codes, user_id):
    wanted = set(codes)
    taken = _taken_elsewhere(db, office_id, sorted(wanted))
    if taken:
        raise CommuneTaken(taken)
    links = {r["commune_code"]: r["id"] for r in db.query(
        "select id, commune_code from office_communes"
        " where office_id = ? and deleted_at is null", [office_id])}
    for code in sorted(wanted - set(links)):
        store.insert(db, "office_communes", {"office_id": office_id, "commune_code": code},
                     user_id=user_id)
    for code in sorted(set(links) - wanted):
        store.soft_delete(db, "office_communes", links[code], user_id=user_id)


def create_office(db, *, name, province_code, phone="", address="", communes=(), user_id,
                  row_id=None):
    """A new office and its communes, in one transaction."""
    with db.atomic():
        row = store.insert(db, "offices", {
            **({"id": row_id} if row_id else {}),
            "name": name.strip(), "province_code": province_code,
            "phone": phone.strip(), "address": address.strip(),
        }, user_id=user_id)
        _set_communes(db, row["id"], communes, user_id)
    return row


def update_office(db, office_id, *, name, province_code, phone, address, communes, user_id):
    with db.atomic():
        store.update(db, "offices", office_id, {
            "name": name.strip(), "province_code": province_code,
            "phone": phone.strip(), "address": address.strip(),
        }, user_id=user_id)
        _set_communes(db, office_id, communes, user_id)


def move_commune(db, commune_code, to_office_id, *, user_id):
    """Hand a commune to another office, in one transaction: its records go with it to the new
    office's laptops, and leave the old office's (docs/sync-protocol.md)."""
    with db.atomic():
        for link in db.query("select id from office_communes where commune_code = ?"
                             f" and deleted_at is null and {db.dialect.differs('office_id', '?')}",
                             [commune_code, to_office_id]):
            store.soft_delete(db, "office_communes", link["id"], user_id=user_id)
        if commune_code not in commune_codes(db, to_office_id):
            store.insert(db, "office_communes", {"office_id": to_office_id,
                                                 "commune_code": commune_code}, user_id=user_id)
