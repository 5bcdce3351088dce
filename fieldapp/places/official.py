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
        db["provinces"].upsert_all(provinces, pk="code")
        db["communes"].upsert_all(communes, pk="code")
    return len(provinces), len(communes)
