"""The official province and commune list, from the vietnam-provinces package."""

from vietnam_provinces import Province, Ward

from ..text import fold


def load_official_places(db):
    """Upsert all 34 provinces and 3,321 communes with their official codes."""
    provinces = [
        {"code": int(p.code), "name": p.name, "division_type": p.division_type.value,
         "codename": p.codename}
        for p in Province.iter_all()
    ]
    communes = [
        {"code": int(w.code), "province_code": int(w.province_code), "name": w.name,
         "division_type": w.division_type.value, "codename": w.codename,
         "name_key": fold(w.name)}
        for w in Ward.iter_all()
    ]
    with db.atomic():
        for table, rows in (("provinces", provinces), ("communes", communes)):
            names = list(rows[0])
            db.execute_many(
                f"insert into {table} ({', '.join(names)})"
                f" values ({', '.join('?' * len(names))})"
                f" on conflict (code) do update set "
                + ", ".join(f"{n} = excluded.{n}" for n in names if n != "code"),
                [[row[n] for n in names] for row in rows])
    return len(provinces), len(communes)
