"""A demo install: Lào Cai, one area office for the former Mù Cang Chải and Trạm Tấu districts."""

import secrets
import uuid
from datetime import timedelta
from pathlib import Path

from . import accounts, clock, offices
from .group_sessions import queries as group_sessions
from .households import queries as households
from .places import queries as places
from .visits import queries as visits

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
# The demo central server's own administrator. The central server also holds the demo office's
# users, with its own password: users are the central server's, so a demo laptop enrolled with
# it takes them over (see sync.enrolment) and from then on logs in with the central password.
CENTRAL_DEMO_USERS = (("trungtam", "Phạm Thị Lan", "admin"),)


def demo_id(key):
    """The same id in every demo install, so a demo laptop and a demo central server match."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp:demo:{key}"))


def seed_demo(db, password=None, users=DEMO_USERS):
    """Create the demo office, villages and the users; return {username: password}."""
    password = password or secrets.token_urlsafe(9)
    names = {r["name"]: r["code"] for r in places.communes_of_province(db, PROVINCE_CODE)}
    with db.atomic():
        office = offices.create_office(
            db, name=OFFICE_NAME, province_code=PROVINCE_CODE, phone="0216 3878 123",
            address="Thị trấn Mù Cang Chải cũ, xã Mù Cang Chải, Lào Cai",
            communes=[names[n] for n in COMMUNES], user_id=None, row_id=demo_id("office"))
        for commune, villages in VILLAGES.items():
            for name, kind in villages:
                places.create_village(db, names[commune], name, kind, user_id=None,
                                      row_id=demo_id(f"village:{names[commune]}:{name}"))
        for username, full_name, role in users:
            accounts.create_user(db, username=username, full_name=full_name,
                                 password=password, role=role, office_id=office["id"],
                                 user_id=None, row_id=demo_id(f"user:{username}"))
    return {username: password for username, _, _ in users}


# A few households of Mí Háng and Tu San (Chế Tạo), as an officer would have registered them.
# (village, address note, language, ethnicity, phone, [(name, sex, birth year, relation, card,
# expiry in days from today or None, BHXH status, VssID)])
HOUSEHOLDS = [
    ("Mí Háng", "Đầu bản, cạnh nhà văn hóa", "hnj", "mong", "0912345678", [
        ("Giàng A Páo", "male", 1979, "head", "state_ethnic", 20, "none", "not_installed"),
        ("Sùng Thị Mỷ", "female", 1983, "spouse", "state_ethnic", 20, "none", "unknown"),
        ("Giàng A Tráng", "male", 2006, "child", None, None, "none", "installed"),
        ("Giàng Thị Sua", "female", 2021, "child", "child_under_6", 400, "none", "unknown")]),
    ("Mí Háng", "Gần suối", "hnj", "mong", "", [
        ("Hờ A Chứ", "male", 1990, "head", None, None, "none", "unknown"),
        ("Lý Thị Dua", "female", 1992, "spouse", "household", -10, "none", "unknown")]),
    ("Tu San", "", "hnj", "mong", "0387654321", [
        ("Thào A Tủa", "male", 1968, "head", "state_ethnic", 200, "voluntary", "installed"),
        ("Mùa Thị Chò", "female", 1970, "spouse", "state_ethnic", 200, "none", "unknown")]),
    ("Tu San", "Nhà gỗ cuối bản", "vi", "thai", "", [
        ("Lò Văn Tâm", "male", 1985, "head", "household", 45, "mandatory", "installed")]),
]


def seed_demo_registry(db, officer_id):
    """Demo households with people, visits with outcomes and one small-group session."""
    today = clock.today()
    village_ids = {r["name"]: r["id"] for r in db.query("select id, name from villages")}
    ids = {}
    with db.atomic():
        for village, note, language, ethnicity, phone, members in HOUSEHOLDS:
            head, *others = members
            household_id = households.register_household(
                db, village_ids[village], {"address_note": note, "language": language,
                                           "ethnicity": ethnicity, "phone": phone},
                _person(head, ethnicity, today), user_id=officer_id)
            ids[head[0]] = (household_id, None)
            for member in others:
                row = households.add_person(db, household_id,
                                            _person(member, ethnicity, today),
                                            user_id=officer_id)
                ids[member[0]] = (household_id, row["id"])
        person_of = {name: pid or db.value(
            "select head_person_id from households where id = ?", [hid])
            for name, (hid, pid) in ids.items()}
        now = clock.now().replace(second=0, microsecond=0)
        visits.record_visit(
            db, ids["Giàng A Páo"][0], officer_id=officer_id, visited_at=now - timedelta(days=9),
            language="hnj", topics=["voluntary_bhxh", "vssid"], materials=["leaflet"],
            companions="Trưởng bản Mùa A Chông",
            outcomes={person_of["Giàng A Tráng"]: (["vssid_installed"], None),
                      person_of["Giàng A Páo"]: (["interested"], None)},
            follow_up_on=today - timedelta(days=1), notes="Hẹn quay lại sau mùa gặt.")
        visits.record_visit(db, ids["Hờ A Chứ"][0], officer_id=officer_id,
                            visited_at=now - timedelta(days=3), language="hnj",
                            nobody_home=True)
        visits.record_visit(
            db, ids["Thào A Tủa"][0], officer_id=officer_id, visited_at=now - timedelta(days=20),
            language="hnj", topics=["household_bhyt"],
            outcomes={person_of["Mùa Thị Chò"]: (["declined"], "cannot_afford")},
            follow_up_on=today + timedelta(days=10))
        mi_hang = village_ids["Mí Háng"]
        commune = db.value("select commune_code from villages where id = ?", [mi_hang])
        group_sessions.record_session(
            db, commune_code=commune, village_id=mi_hang,
            held_at=now - timedelta(days=5), format="small_group", target_group="voluntary",
            place="Nhà văn hóa bản Mí Háng", topics=["voluntary_bhxh", "household_bhyt"],
            languages=["hnj", "vi"], facilitators=[officer_id],
            outside_facilitators="Trưởng bản Mùa A Chông", total=12, female=7, male=5,
            by_ethnicity={"mong": 11, "kinh": 1},
            roster=[person_of["Giàng A Páo"], person_of["Sùng Thị Mỷ"], person_of["Hờ A Chứ"]],
            user_id=officer_id)


def _person(member, ethnicity, today):
    name, gender, born, relation, card, expires_in, bhxh, vssid = member
    return {"full_name": name, "gender": gender, "birth_year": born, "relation": relation,
            "ethnicity": ethnicity, "bhyt_card_type": card,
            "bhyt_expiry": (today + timedelta(days=expires_in)).isoformat() if card else None,
            "bhxh_status": bhxh, "vssid": vssid}


LOGINS_FILE = "demo-logins.txt"


def seed_demo_instance(db, instance_path, central=False):
    """Seed the demo and keep its logins in the instance folder (readable by its owner only).

    A central server gets the office, villages and users only: households come from laptops.
    """
    logins = seed_demo(db, users=DEMO_USERS + CENTRAL_DEMO_USERS if central else DEMO_USERS)
    if not central:
        seed_demo_registry(db, accounts.user_by_username(db, "canbo")["id"])
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
