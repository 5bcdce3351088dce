"""A demo install: Lào Cai, one area office for the former Mù Cang Chải and Trạm Tấu districts."""

import secrets
from pathlib import Path

from . import accounts, offices
from .places import queries as places

PROVINCE_CODE = 15  # Lào Cai, which since 2025 includes the former Yên Bái
OFFICE_NAME = "BHXH cơ sở Mù Cang Chải – Trạm Tấu"
# Communes (since 1 July 2025) on the land of the former Mù Cang Chải and Trạm Tấu districts.
COMMUNES = ("Xã Mù Cang Chải", "Xã Khao Mang", "Xã Lao Chải", "Xã Chế Tạo", "Xã Nậm Có",
            "Xã Púng Luông", "Xã Trạm Tấu", "Xã Hạnh Phúc", "Xã Phình Hồ", "Xã Tà Xi Láng")
VILLAGES = {
    "Xã Chế Tạo": [("Mí Háng", "ban"), ("Tu San", "ban"), ("Làng Sang", "ban")],
    "Xã Lao Chải": [("Lao Chải", "ban"), ("Tà Chí Lừ", "ban")],
    "Xã Mù Cang Chải": [("Tổ dân phố 1", "to_dan_pho"), ("Thái Lão", "ban")],
    "Xã Trạm Tấu": [("Bản Mù", "ban"), ("Tà Tanh", "ban")],
}
DEMO_USERS = (
    ("canbo", "Giàng A Dế", "officer"),
    ("giamsat", "Lò Thị Mai", "supervisor"),
    ("quantri", "Nguyễn Văn Hùng", "admin"),
)


def seed_demo(db, password=None):
    """Create the demo office, villages and one user per role; return {username: password}."""
    password = password or secrets.token_urlsafe(9)
    names = {r["name"]: r["code"] for r in places.communes_of_province(db, PROVINCE_CODE)}
    with db.atomic():
        office = offices.create_office(
            db, name=OFFICE_NAME, province_code=PROVINCE_CODE, phone="0216 3878 123",
            address="Thị trấn Mù Cang Chải cũ, xã Mù Cang Chải, Lào Cai",
            communes=[names[n] for n in COMMUNES], user_id=None)
        for commune, villages in VILLAGES.items():
            for name, kind in villages:
                places.create_village(db, names[commune], name, kind, user_id=None)
        for username, full_name, role in DEMO_USERS:
            accounts.create_user(db, username=username, full_name=full_name,
                                 password=password, role=role, office_id=office["id"],
                                 user_id=None)
    return {username: password for username, _, _ in DEMO_USERS}


LOGINS_FILE = "demo-logins.txt"


def seed_demo_instance(db, instance_path):
    """Seed the demo and keep its logins in the instance folder (readable by its owner only)."""
    logins = seed_demo(db)
    path = Path(instance_path) / LOGINS_FILE
    path.write_text("".join(f"{u} {p}\n" for u, p in logins.items()))
    path.chmod(0o600)
    return path


def read_logins(instance_path):
    """{username: password} of the demo accounts of this instance, if it has them."""
    path = Path(instance_path) / LOGINS_FILE
    if not path.exists():
        return {}
    return dict(line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)
