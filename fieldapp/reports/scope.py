"""The area and period a report covers, in SQL, and the names its pages give them."""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .. import clock


@dataclass(frozen=True)
class Area:
    """Where figures are counted: the communes of one office (every office when None), narrowed
    by province, commune or village, and the work of one officer if given."""
    office_id: str | None = None
    province_code: int | None = None
    commune_code: int | None = None
    village_id: str | None = None
    officer_id: str | None = None
    # {what was decided, with all it depends on: the decision}. Only an area built for one
    # request keeps any: records may change between two uses of an area built otherwise.
    decided: dict | None = field(default=None, compare=False, repr=False)

    @classmethod
    def asked(cls, *args, **kwargs):
        """The area of one request: its communes and counting paths are each decided once."""
        return cls(*args, **kwargs, decided={})

    def once(self, key, decide):
        """What decide() gives, asked of the database only the first time for this key."""
        if self.decided is None:
            return decide()
        if key not in self.decided:
            self.decided[key] = decide()
        return self.decided[key]

    def place(self):
        """The office's or province's area, whichever commune, village or officer is chosen."""
        return replace(self, commune_code=None, village_id=None, officer_id=None)

    def place_communes(self, db):
        """The communes of the office or province, by name, with their office."""
        return self.once(("communes", self.office_id, self.province_code),
                         lambda: _communes(db, self.place()))

    def communes(self, db):
        """The communes of the area, by name, with their office."""
        return [c for c in self.place_communes(db)
                if not self.commune_code or c["code"] == self.commune_code]


def params(area, start, end):
    """The SQL parameters of an area and a period."""
    return {"office": area.office_id, "province": area.province_code,
            "commune": area.commune_code, "village": area.village_id,
            "officer": area.officer_id, "start": start.isoformat(), "end": end.isoformat(),
            # held_at is a local 'YYYY-MM-DDTHH:MM': before the next day, index-friendly.
            "before": (end + timedelta(days=1)).isoformat()}


def in_area(area, column):
    """SQL conditions keeping rows whose commune (in `column`) lies in the area."""
    inner = ["oc.deleted_at is null"]
    if area.office_id:
        inner.append("oc.office_id = :office")
    if area.province_code:
        inner.append("c.province_code = :province")
    conditions = [f"""{column} in (select oc.commune_code from office_communes oc
                                     join communes c on c.code = oc.commune_code
                                    where {' and '.join(inner)})"""]
    if area.commune_code:
        conditions.append(f"{column} = :commune")
    return conditions


def in_area_communes(db, area, column):
    """SQL conditions keeping rows whose commune (in `column`) lies in the area, the area's
    communes written out: the planner then knows how few rows one office keeps (behind a
    subquery it joined a year of every office's visits first, then kept one office's)."""
    codes = sorted({int(c["code"]) for c in area.communes(db)})
    return [f"{column} in ({', '.join(map(str, codes))})" if codes else "1 = 0"]


def session_conditions(db, area, officer=True):
    """SQL conditions keeping the area's live sessions (s) of the period; with `officer`, only
    those the area's officer facilitated."""
    conditions = ["s.deleted_at is null", "s.held_at >= :start", "s.held_at < :before",
                  *in_area_communes(db, area, "s.commune_code")]
    if area.village_id:
        conditions.append("s.village_id = :village")
    if officer and area.officer_id:
        conditions.append(f"exists (select 1 from {db.dialect.json_values('s.facilitators', 'f')}"
                          " where f.value = :officer)")
    return conditions


def _communes(db, area):
    return list(db.query(f"""
        select c.code, c.name, c.province_code, oc.office_id
          from communes c
          join office_communes oc on oc.commune_code = c.code and oc.deleted_at is null
         where {" and ".join(in_area(area, "c.code"))}
         order by c.name_key""", params(area, clock.today(), clock.today())))


def names(db, table, keys, column="id", label="name"):
    """{key: name} for the keys found in one table."""
    keys = [k for k in keys if k is not None]
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    return {r[0]: r[1] for r in db.execute(
        f"select {column}, {label} from {table} where {column} in ({marks})", keys)}


def months(start, end):
    """'YYYY-MM' of every month the period touches, in order."""
    found, day = [], date(start.year, start.month, 1)
    while day <= end:
        found.append(day.strftime("%Y-%m"))
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return found


def month_end(year, month):
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
