"""A large, realistic benchmark database: the demo office grown to all of Lào Cai."""

import json
import random
import sqlite3
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

from fieldapp import demo
from fieldapp.db import Database, migration_sets, upgrade
from fieldapp.reach import REACH_COUNTING_TRIGGERS, rebuild_reach_counts
from fieldapp.text import fold

PASSWORD = "bench-password-1"
# Bump when the generated data changes, so that cached databases are built again.
VERSION = 5
# Worklists and expiry dates are relative to today: an older database drifts out of shape.
MAX_AGE_DAYS = 30
VISITS_PER_HOUSEHOLD = 3
FLUSH_EVERY = 5000  # households held in memory before their rows are written

VN = timezone(timedelta(hours=7))

# Ethnic group -> share of households, as in the highlands of Lào Cai.
ETHNICITIES = {"mong": 42, "kinh": 16, "thai": 14, "dao": 12, "tay": 7, "giay": 4, "nung": 2,
               "kho_mu": 2, "other": 1}
# Family names, male and female middle names, male and female given names.
NAMES = {
    "mong": (["Giàng", "Sùng", "Vàng", "Thào", "Mùa", "Lý", "Hờ", "Lầu", "Hảng", "Cứ", "Tráng",
              "Sình"],
             ["A"], ["Thị"],
             ["Páo", "Dế", "Sử", "Chứ", "Lử", "Tủa", "Pó", "Dình", "Của", "Chính", "Sình", "Lềnh",
              "Giống", "Nủ", "Sống", "Khua", "Trừ", "Vảng", "Chô", "Mua"],
             ["Mỷ", "Dợ", "Pàng", "Sua", "Mai", "Chử", "Dua", "Lan", "Mỉ", "Sy", "Súa", "Xía",
              "Vừ", "Chua", "Ly", "Dở"]),
    "thai": (["Lò", "Lường", "Cầm", "Quàng", "Tòng", "Hà", "Điêu", "Lù", "Vì", "Hoàng"],
             ["Văn"], ["Thị"],
             ["Tâm", "Khoa", "Xuân", "Ơn", "Pọm", "Đôi", "Biên", "Inh", "Thoan", "Chăm", "Hặc",
              "Panh", "Ngọc", "Piếng"],
             ["Ún", "Thoa", "Ơn", "Mai", "Phương", "Xuân", "Pọm", "Liên", "Ngoan", "Hiên", "Ính",
              "Lả", "Bun"]),
    "dao": (["Triệu", "Bàn", "Lý", "Đặng", "Phùn", "Chảo", "Tẩn"],
            ["Văn", "Văn", "Láo", "Sành"], ["Thị", "Thị", "Mùi"],
            ["Sử", "Phấy", "Chòi", "Tả", "Kiều", "Nải", "Quẩy", "Phù", "Dần", "Chiêu", "Ông"],
            ["Mẩy", "Nái", "Chiêm", "Kiều", "Slì", "Dùn", "Phăm", "Mây", "Ín", "Sành"]),
    "kinh": (["Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng",
              "Ngô", "Đinh", "Dương"],
             ["Văn", "Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu"],
             ["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh"],
             ["Hùng", "Minh", "Tuấn", "Dũng", "Nam", "Hải", "An", "Cường", "Thắng", "Long", "Sơn",
              "Tâm", "Bình", "Đức"],
             ["Hoa", "Lan", "Hương", "Thảo", "Hà", "Linh", "Trang", "Mai", "Hạnh", "Nga", "Yến",
              "Huyền", "Thủy", "Anh"]),
    "tay": (["Hoàng", "Nông", "Lương", "Vi", "Sầm", "Hà", "Ma", "Lục", "Lồ", "Vương"],
            ["Văn"], ["Thị"],
            ["Thành", "Kiên", "Quý", "Sinh", "Mạnh", "Tiến", "Chiến", "Lợi", "Páo", "Sinh"],
            ["Nhung", "Duyên", "Thơm", "Vân", "Hằng", "Liên", "Lụa", "Hiền", "Pham", "Mùi"]),
}
NAME_POOL = {"mong": "mong", "thai": "thai", "kho_mu": "thai", "dao": "dao", "kinh": "kinh",
             "other": "kinh", "tay": "tay", "nung": "tay", "giay": "tay"}
# The household's home language when not Vietnamese, and how often it is.
HOME_LANGUAGE = {"mong": ("hnj", 0.75), "thai": ("blt", 0.4), "dao": ("ium", 0.4)}

PLACE_NAMES = [
    "Nậm Khắt", "Mí Háng", "Làng Sang", "Háng Tày", "Tà Xùa", "Sáng Pao", "Cang Kệ",
    "Dế Xu Phình", "Kim Nọi", "Hua Khắt", "Trống Tông", "Lìm Mông", "Chống Uá", "Xà Hồ",
    "Tà Ghênh", "Háng Chú", "Phình Ngài", "Pú Nhu", "Cồ Dề", "Tù Lu", "Tà Dê", "Nả Háng",
    "Pá Hu", "Mảm", "Cồ Khạ", "Nậm Nghẹp", "Sà Rèn", "Khấu Ly", "Giàng La Pán", "Tà Chử",
    "Hát Lừu", "Suối Giàng", "Nậm Búng", "Khe Cam", "Làng Đồng", "Đồng Lơi", "Pá Lau",
    "Chí Lư", "Séo Dề Chu", "Háng Gàng", "Thào Chua Chải", "Nậm Mười", "Khe Bàn", "Ma Lù Thàng",
]
ADDRESS_NOTES = ["Gần nhà văn hoá bản", "Đầu bản, cạnh đường liên xã", "Cuối bản, gần suối",
                 "Cạnh trường tiểu học", "Sau UBND xã", "Trên đồi, đi bộ 20 phút"]
VISIT_NOTES = ["Hẹn quay lại khi chồng đi làm về", "Gia đình quan tâm BHXH tự nguyện",
               "Đã hướng dẫn cài VssID", "Cần phiên dịch tiếng Mông", "Chủ hộ đi làm xa"]

SIZE_WEIGHTS = {1: 8, 2: 14, 3: 20, 4: 22, 5: 15, 6: 10, 7: 6, 8: 3, 9: 2}
TOPICS = ["voluntary_bhxh", "household_bhyt", "pupil_bhyt", "vssid", "pensions",
          "unemployment"]
MATERIALS = ["leaflet", "booklet", "vssid_guide", "form"]
OUTCOMES = {"interested": 35, "declined": 25, "vssid_installed": 15, "household_bhyt": 15,
            "voluntary_bhxh": 10}
DECLINE_REASONS = ["cannot_afford", "no_trust", "not_understood", "away_working",
                   "already_covered", "other"]
PHONE_PREFIXES = ["091", "094", "098", "097", "096", "086", "088", "032", "033", "034", "035",
                  "036", "037", "038", "039", "081", "082", "083", "084", "085", "070", "076"]
# Which demo users did the work: mostly the officer.
WORKERS = {"canbo": 70, "giamsat": 25, "quantri": 5}
# Small-group sessions: one mountain province reported 577 in a quarter, about 2 per village a
# year; attendance from a handful to a few dozen, a few of them named on the roster.
SESSIONS_PER_VILLAGE_YEAR = 2
SESSION_FORMATS = {"small_group": 70, "village_meeting": 20, "dialogue": 5, "consultation": 5}
SESSION_OUTCOMES = {"interested": 40, "vssid_installed": 25, "household_bhyt": 20,
                    "voluntary_bhxh": 15}


def generate(path, households=100_000, seed=1):
    """Build the benchmark database at path, or reuse it if built with the same parameters."""
    path = Path(path)
    params = {"version": VERSION, "households": households, "seed": seed}
    meta = cached_meta(path, params)
    if meta:
        print(json.dumps({"bench": "generate", "path": str(path), "reused": True, **meta}),
              flush=True)
        return path
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Built under another name and renamed at the end: an interrupted run leaves no fixture.
    partial = path.with_name(path.name + ".partial")
    remove_database(partial)
    # fieldapp's Database: the demo's rows go through the store, which logs them for sync.
    db = Database(sqlite3.connect(str(partial)))
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -1000000")
    upgrade(db)
    demo.seed_demo(db, password=PASSWORD)
    with db.atomic():
        fill(db, random.Random(seed), households)
    db.execute("ANALYZE")
    counts = table_counts(db)
    meta = {**counts, "generated_on": date.today().isoformat(),
            "seconds": round(time.perf_counter() - started, 1)}
    db["bench_meta"].insert({"key": "params", "value": json.dumps(params, sort_keys=True),
                             "meta": json.dumps(meta)}, pk="key")
    db.execute("PRAGMA journal_mode = WAL")  # what fieldapp.db.connect expects
    db.close()
    remove_database(path)
    partial.rename(path)
    print(json.dumps({"bench": "generate", "path": str(path), "reused": False, **meta}),
          flush=True)
    return path


def cached_meta(path, params):
    """The stored metadata if path holds a fresh database built with params, else None."""
    if not path.exists():
        return None
    db = sqlite_utils.Database(sqlite3.connect(str(path)))
    try:
        if "bench_meta" not in db.table_names() or any(
                steps.pending(db) for steps in migration_sets()):
            return None
        rows = list(db.query("select value, meta from bench_meta where key = 'params'"))
        if not rows or json.loads(rows[0]["value"]) != params:
            return None
        meta = json.loads(rows[0]["meta"])
        age = date.today() - date.fromisoformat(meta["generated_on"])
        return meta if age.days <= MAX_AGE_DAYS else None
    finally:
        db.close()


def remove_database(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def table_counts(db):
    return {table: db.execute(f"select count(*) from [{table}]").fetchone()[0]
            for table in ("villages", "households", "people", "visits", "visit_outcomes",
                          "group_sessions", "session_attendees")}


def fill(db, rng, household_count):
    """Every commune of the province, its villages, households, people and visits."""
    now = datetime.now(timezone.utc)
    users = {r["username"]: r["id"] for r in db.query("select id, username from users")}
    admin = users["quantri"]
    office_id = db.execute("select id from offices").fetchone()[0]
    cover_province(db, rng, office_id, admin, now)
    add_villages(db, rng, admin, now)
    villages = [r["id"] for r in db.query("select id from villages where deleted_at is null")]
    # Villages differ a lot in size: a few have several hundred households.
    village_of = rng.choices(villages, weights=[rng.lognormvariate(0, 0.5) for _ in villages],
                             k=household_count)
    # A fifth of households were never visited; the rest once, and some of them often.
    visited = [i for i in range(household_count) if rng.random() < 0.8]
    visits_of = Counter(visited)
    more = max(household_count * VISITS_PER_HOUSEHOLD - len(visited), 0)
    visits_of.update(rng.choices(visited, weights=[rng.expovariate(1) for _ in visited], k=more))
    workers = [users[name] for name in WORKERS]
    worker_weights = list(WORKERS.values())
    draw = Draw(rng, now, now.astimezone(VN).date())
    # The search index and the counts the reports read (migration 0010) are built once at the
    # end: faster than their triggers' work for every row.
    set_aside = without_triggers(db, ["people_fts_ai", *REACH_COUNTING_TRIGGERS])
    rows = {"households": [], "people": [], "visits": [], "visit_outcomes": []}
    for i in range(household_count):
        add_household(draw, rows, village_of[i], visits_of[i],
                      rng.choices(workers, worker_weights)[0], workers, worker_weights)
        if len(rows["households"]) >= FLUSH_EVERY:
            flush(db, rows)
    flush(db, rows)
    add_sessions(db, draw, workers, worker_weights)
    db.execute("INSERT INTO people_fts(people_fts) VALUES ('rebuild')")
    rebuild_reach_counts(db)
    for sql in set_aside:
        db.execute(sql)


def without_triggers(db, names):
    """Drop the named triggers; return the statements that create them again."""
    found = [db.execute("select sql from sqlite_master where type = 'trigger' and name = ?",
                        [name]).fetchone()[0] for name in names]
    for name in names:
        db.execute(f"DROP TRIGGER {name}")
    return found


def flush(db, rows):
    for table, batch in rows.items():
        if batch:
            db[table].insert_all(batch, batch_size=1000)
            batch.clear()


def synced(row_id, at, user_id):
    """The columns every synced row carries."""
    stamp = at.isoformat(timespec="milliseconds")
    return {"id": row_id, "created_at": stamp, "updated_at": stamp, "created_by": user_id,
            "updated_by": user_id, "deleted_at": None}


def cover_province(db, rng, office_id, user_id, now):
    """Extend the demo office to every commune of its province."""
    covered = {r["commune_code"] for r in db.query("select commune_code from office_communes")}
    codes = [r["code"] for r in db.query(
        "select code from communes where province_code = ? order by code",
        [demo.PROVINCE_CODE])]
    db["office_communes"].insert_all(
        {**synced(new_id(rng), now, user_id), "office_id": office_id, "commune_code": code}
        for code in codes if code not in covered)


def add_villages(db, rng, user_id, now):
    """Eight to twelve villages per commune: bản and thôn, tổ dân phố in the wards."""
    existing = {}
    for r in db.query("select commune_code, name_key from villages"):
        existing.setdefault(r["commune_code"], set()).add(r["name_key"])
    rows = []
    for commune in db.query("""
            select c.code, c.division_type from communes c
              join office_communes oc on oc.commune_code = c.code order by c.code"""):
        keys = existing.setdefault(commune["code"], set())
        wanted = rng.randint(8, 12)
        number = 0
        while len(keys) < wanted:
            if commune["division_type"] == "phường":
                number += 1
                name, kind = f"Tổ dân phố {number}", "to_dan_pho"
            else:
                kind = rng.choices(["ban", "thon"], [65, 35])[0]
                name = f"{'Bản' if kind == 'ban' else 'Thôn'} {rng.choice(PLACE_NAMES)}"
                if rng.random() < 0.3:
                    name += f" {rng.randint(1, 5)}"
            key = fold(name)
            if key in keys:
                continue
            keys.add(key)
            rows.append({**synced(new_id(rng), now, user_id), "commune_code": commune["code"],
                         "name": name, "name_key": key, "kind": kind})
    db["villages"].insert_all(rows)


def new_id(rng):
    """A uuid4 from the seeded generator: one seed, the same households, people and visits."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@dataclass
class Draw:
    """What every row is drawn from: the generator, the clock and the numbers already used."""
    rng: random.Random
    now: datetime
    today: date
    used_numbers: set = field(default_factory=set)
    folded: dict = field(default_factory=dict)


def add_household(d, rows, village_id, visit_count, registrar, workers, worker_weights):
    """One household's rows: the household, its people, its visits and their outcomes."""
    rng = d.rng
    ethnicity = rng.choices(list(ETHNICITIES), list(ETHNICITIES.values()))[0]
    language, share = HOME_LANGUAGE.get(ethnicity, ("vi", 0))
    language = language if rng.random() < share else "vi"
    visit_times = sorted(visit_time(d) for _ in range(visit_count))
    # Registered before the first visit; never-visited households at any time.
    first = visit_times[0] if visit_times else d.now - timedelta(days=rng.uniform(0, 730))
    created = first - timedelta(days=rng.uniform(0, 20), minutes=rng.uniform(0, 600))
    household_id = new_id(rng)
    people = members(d, household_id, ethnicity, created, registrar)
    rows["people"].extend(people)
    rows["households"].append({
        **synced(household_id, created, registrar), "village_id": village_id,
        "head_person_id": people[0]["id"],
        "address_note": rng.choice(ADDRESS_NOTES) if rng.random() < 0.1 else "",
        "ethnicity": ethnicity, "language": language,
        "phone": phone(d) if rng.random() < 0.35 else ""})
    for at in visit_times:
        officer = rng.choices(workers, worker_weights)[0]
        add_visit(d, rows, household_id, people, at, officer,
                  "hnj" if language == "hnj" else "vi")


def members(d, household_id, ethnicity, created, registrar):
    """A plausible family: head, spouse, children, sometimes a parent or grandchildren."""
    rng = d.rng
    size = rng.choices(list(SIZE_WEIGHTS), list(SIZE_WEIGHTS.values()))[0]
    pool = NAMES[NAME_POOL[ethnicity]]
    head_gender = "male" if rng.random() < 0.82 else "female"
    head_year = rng.randint(1950, 2002)
    family = rng.choice(pool[0])
    people = [("head", head_gender, head_year, family)]
    if size >= 2 and rng.random() < 0.88:
        spouse_gender = "female" if head_gender == "male" else "male"
        spouse_year = head_year + (rng.randint(-1, 6) if spouse_gender == "female"
                                   else -rng.randint(-1, 6))
        people.append(("spouse", spouse_gender, spouse_year, rng.choice(pool[0])))
    # Children take the father's family name.
    father = next((p[3] for p in people if p[1] == "male"), family)
    if len(people) < size and rng.random() < 0.2:
        people.append(("parent", rng.choice(["male", "female"]),
                       max(1935, head_year - rng.randint(20, 32)), family))
    if head_year <= 1972 and size - len(people) >= 3:
        child_year = born_after(d, head_year, 18, 26)
        child_gender = rng.choice(["male", "female"])
        in_law = "female" if child_gender == "male" else "male"
        people.append(("child", child_gender, child_year, father))
        people.append(("child_in_law", in_law, child_year + rng.randint(-3, 3),
                       rng.choice(pool[0])))
        grand_family = father if child_gender == "male" else people[-1][3]
        while len(people) < size:
            people.append(("grandchild", rng.choice(["male", "female"]),
                           born_after(d, child_year, 18, 32), grand_family))
    while len(people) < size:
        relation = "child" if rng.random() < 0.95 else rng.choice(["sibling", "other"])
        people.append((relation, rng.choice(["male", "female"]),
                       born_after(d, head_year, 18, 42), father))
    return [person(d, household_id, relation, gender, min(max(year, 1935), d.today.year - 1),
                   family, pool, ethnicity, created, registrar)
            for relation, gender, year, family in people]


def born_after(d, parent_year, youngest, oldest):
    """A child's birth year, parents aged youngest to oldest, but not this year or later."""
    last = d.today.year - 1
    return d.rng.randint(min(parent_year + youngest, last), min(parent_year + oldest, last))


def person(d, household_id, relation, gender, birth_year, family, pool, ethnicity, created,
           registrar):
    """One person's row: name, numbers and insurance as officers find them."""
    rng = d.rng
    middle, given = (pool[1], pool[3]) if gender == "male" else (pool[2], pool[4])
    full_name = f"{family} {rng.choice(middle)} {rng.choice(given)}"
    name_key = d.folded.get(full_name)
    if name_key is None:
        name_key = d.folded[full_name] = fold(full_name)
    age = d.today.year - birth_year
    card = card_type(rng, age, ethnicity) if rng.random() < (0.85 if age < 6 else 0.57) \
        else None
    return {
        **synced(new_id(rng), created, registrar), "household_id": household_id,
        "full_name": full_name, "name_key": name_key, "gender": gender,
        "birth_year": birth_year,
        "birth_date": (date(birth_year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
                       if rng.random() < 0.35 else None),
        "relation": relation, "ethnicity": ethnicity,
        "cccd": cccd(d, birth_year, gender) if rng.random() < (0.38 if age >= 14 else 0.08)
        else None,
        "bhxh_number": bhxh_number(d) if rng.random() < 0.2 else None,
        "bhyt_card_type": card,
        "bhyt_expiry": ((d.today + timedelta(days=rng.randint(-365, 730))).isoformat()
                        if card else None),
        "bhxh_status": bhxh_status(rng, age),
        "vssid": rng.choices(["installed", "not_installed", "unknown"], [20, 35, 45])[0]}


def card_type(rng, age, ethnicity):
    if age < 6:
        return "child_under_6"
    if age <= 18 and rng.random() < 0.7:
        return "pupil"
    if ethnicity == "kinh":
        return rng.choices(["household", "employer", "state_poor", "state_ethnic"],
                           [45, 25, 15, 15])[0]
    return rng.choices(["state_ethnic", "state_poor", "household", "employer"],
                       [50, 25, 20, 5])[0]


def bhxh_status(rng, age):
    if age < 15:
        return "none"
    if age >= 60 and rng.random() < 0.12:
        return "pension"
    return rng.choices(["none", "voluntary", "mandatory"], [86, 7, 7])[0]


def unique(d, make):
    """A number no one else in the database has."""
    while True:
        number = make()
        if number not in d.used_numbers:
            d.used_numbers.add(number)
            return number


def cccd(d, birth_year, gender):
    """Province of registration, century and sex, year of birth, then six digits."""
    century = (0 if birth_year < 2000 else 2) + (1 if gender == "female" else 0)
    return unique(d, lambda: f"{d.rng.choice(['010', '015'])}{century}"
                             f"{birth_year % 100:02d}{d.rng.randrange(10**6):06d}")


def bhxh_number(d):
    return unique(d, lambda: f"{d.rng.choice(['10', '15'])}{d.rng.randrange(10**8):08d}")


def phone(d):
    return unique(d, lambda: f"{d.rng.choice(PHONE_PREFIXES)}{d.rng.randrange(10**7):07d}")


def visit_time(d):
    """A daytime moment in the last two years (none later than half an hour ago), in UTC."""
    day = d.today - timedelta(days=d.rng.randint(0, 730))
    local = datetime(day.year, day.month, day.day, d.rng.randint(7, 17),
                     d.rng.randrange(0, 60, 5), tzinfo=VN)
    return min(local, d.now - timedelta(minutes=30)).astimezone(timezone.utc)


def add_visit(d, rows, household_id, people, at, officer, language):
    """A visit as recorded on the officer's laptop, and its outcome if it had one."""
    rng = d.rng
    visit_id = new_id(rng)
    nobody_home = rng.random() < 0.05
    present = [] if nobody_home else [p["id"] for p in rng.sample(
        people, rng.randint(1, min(3, len(people))))]
    visit_day = at.astimezone(VN).date()
    follow_up = None
    if rng.random() < 0.15:
        # Around today, but never before the visit itself.
        follow_up = max(visit_day + timedelta(days=1),
                        d.today + timedelta(days=rng.randint(-60, 60))).isoformat()
    recorded = at + timedelta(minutes=rng.randint(5, 240))
    rows["visits"].append({
        **synced(visit_id, recorded, officer), "household_id": household_id,
        "visited_at": at.astimezone(VN).strftime("%Y-%m-%dT%H:%M"), "officer_id": officer,
        "companions": "Trưởng bản" if rng.random() < 0.2 else "", "language": language,
        "nobody_home": int(nobody_home), "present": json.dumps(present),
        "topics": json.dumps([] if nobody_home else rng.sample(TOPICS, rng.randint(1, 3))),
        "materials": json.dumps([] if nobody_home else rng.sample(MATERIALS, rng.randint(0, 2))),
        "follow_up_on": follow_up,
        "notes": rng.choice(VISIT_NOTES) if rng.random() < 0.1 else ""})
    # One outcome for about one visit in three, for someone who was there.
    if present and rng.random() < 0.35:
        outcome = rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
        rows["visit_outcomes"].append({
            **synced(new_id(rng), recorded, officer), "visit_id": visit_id,
            "person_id": rng.choice(present), "outcome": outcome,
            "decline_reason": rng.choice(DECLINE_REASONS) if outcome == "declined" else None})


def add_sessions(db, d, workers, worker_weights):
    """Small-group sessions in every village over the last two years, with short rosters."""
    rng = d.rng
    people_of = {}
    for person_id, village_id, ethnicity in db.execute("""
            select p.id, h.village_id, p.ethnicity from people p
              join households h on h.id = p.household_id"""):
        people_of.setdefault(village_id, []).append((person_id, ethnicity))
    sessions, attendees = [], []
    for village_id, commune in db.execute("select id, commune_code from villages order by id"):
        village_people = people_of.get(village_id, [])
        for _ in range(rng.randint(0, 2 * SESSIONS_PER_VILLAGE_YEAR * 2)):
            at = visit_time(d)
            total = rng.randint(5, 40)
            female = rng.randint(0, total)
            male = rng.randint(0, total - female)
            roster = rng.sample(village_people, min(len(village_people), rng.randint(0, 5)))
            majority = roster[0][1] if roster else "kinh"
            by_ethnicity = {majority: total - total // 5, "unknown": total // 5}
            officer = rng.choices(workers, worker_weights)[0]
            session_id = new_id(rng)
            sessions.append({
                **synced(session_id, at, officer),
                "held_at": at.astimezone(VN).strftime("%Y-%m-%dT%H:%M"),
                "commune_code": commune, "village_id": village_id, "place": "",
                "format": rng.choices(list(SESSION_FORMATS), list(SESSION_FORMATS.values()))[0],
                "target_group": "voluntary", "topics": json.dumps(rng.sample(TOPICS, 2)),
                "languages": json.dumps(["vi"]), "facilitators": json.dumps([officer]),
                "outside_facilitators": "", "attendees_total": total,
                "attendees_female": female, "attendees_male": male,
                "attendees_gender_unknown": total - female - male,
                "attendees_by_ethnicity": json.dumps(by_ethnicity), "materials": "[]",
                "notes": ""})
            for person_id, _ethnicity in roster:
                outcomes = [] if rng.random() < 0.6 else [rng.choices(
                    list(SESSION_OUTCOMES), list(SESSION_OUTCOMES.values()))[0]]
                attendees.append({**synced(new_id(rng), at, officer), "session_id": session_id,
                                  "person_id": person_id, "outcomes": json.dumps(outcomes)})
    db["group_sessions"].insert_all(sessions, batch_size=1000)
    db["session_attendees"].insert_all(attendees, batch_size=1000)
