"""Load: a province's evening, N enrolled laptops in offices of 20 or 200 syncing a day's work.

What is real: the central server is `run.py --central` on 127.0.0.1, started as production
starts it, with its own database; every laptop is a device enrolled over HTTP with its own
code and credentials, synced once the evening before; every request is the sync protocol's
own, sent by the laptop's client code (sync.client's encoding and gzipped POST), a push of the
day followed by pulls until the office's changes are all fetched. The day's work (households
registered with their members, papers corrected, visits with outcomes, a group session: about
185 changed rows) is made once per office through the app's own functions on a real laptop
database of that office.

What is simulated: the laptops themselves. Each one replays its office's day as that laptop
would push it, with every record made that day given ids of its own and its own device id in
every stamp, so that the server merges new, distinct rows from every laptop; its office-mates'
changes it pulls are unpacked (every gzip member read, its checksum checked) and counted, not
applied; one laptop in ten also parses every page and checks it holds the changes counted
(parsing 38,000 changes for each of 2,000 laptops would cost this machine more CPU than the
server spends). The laptops are threads of a few processes forked from this one (in one, their
client work would queue for one core under its GIL), each starting at a random moment of the
window, with the client's 60 s timeout; they share the machine's cores with the server (their
CPU share is printed as `laptops_cpu_share`). The central CPU is read from
/proc/<pid>/stat of the server's processes.
After the evening one more laptop syncs its day alone, for comparison in the same run.
"""

import contextlib
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from fieldapp import accounts, create_app, offices
from fieldapp.db import connect, get_db, upgrade
from fieldapp.group_sessions import queries as sessions
from fieldapp.households import queries as households
from fieldapp.places import queries as places
from fieldapp.visits import queries as visits
from sync import client, hlc, pages, server
from sync.protocol import PROTOCOL

from .pages import emit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from syncing import Server  # noqa: E402

LAPTOPS = 2000
OFFICE_SIZE = 20
WINDOW = 60  # seconds over which the laptops start their sync
TIMEOUT = 60  # the laptop's own timeout for one request (sync.client's default)
HISTORY = 10  # households each office registered before this evening
PASSWORD = "bench-password-1"
SETUP_THREADS = 8
PARSED = 10  # one laptop in PARSED parses its answers' pages whole, the others count them
LAPTOP_PROCESSES = 4  # processes the simulated laptops' threads are shared among
# Apps are made one at a time by the set-up's threads: werkzeug compiles each URL rule with
# Python's ast, which CPython 3.11 may fail in two threads at once ("AST constructor recursion
# depth mismatch", python/cpython#106905).
_MAKING_APPS = threading.Lock()
# The instance folders whose central server keeps its data in PostgreSQL: their URLs.
_DATABASES = {}


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class _Replayed(client.Changes):
    """A day's changes as one laptop sends them: the log's JSON text, ready made."""

    def __init__(self, text, count):
        super().__init__([None] * count)
        self.text = text

    def json(self):
        return self.text


def _prepare_central(instance, office_count, office_size, database_url=None):
    """The central database (SQLite in the instance, or the PostgreSQL database at
    `database_url`, named in the instance's config.py as production does): offices of one
    commune each, an officer each, and enrolment codes; [(office id, commune code, [codes])]."""
    import run
    if database_url:
        instance.mkdir(mode=0o700)
        config = instance / "config.py"
        config.touch(mode=0o600)
        config.write_text(f"DATABASE_URL = {database_url!r}\n")
        _DATABASES[str(instance)] = database_url
    with contextlib.redirect_stdout(io.StringIO()):  # the migrations' names
        app = run.prepare(str(instance), seed_demo=False, central=True)
    made = []
    with app.app_context():
        db = get_db()
        communes = db.execute("select code, province_code from communes order by province_code,"
                              " code limit ?", [office_count]).fetchall()
        if len(communes) < office_count:
            raise SystemExit(f"only {len(communes)} communes: at most that many offices")
        for n, (commune, province) in enumerate(communes):
            office = offices.create_office(db, name=f"BHXH thử tải {n:04d}",
                                           province_code=province, communes=[commune],
                                           user_id=None)
            accounts.create_user(db, username=f"canbo{n:04d}", full_name=f"Cán Bộ {n:04d}",
                                 password=PASSWORD, role="officer", office_id=office["id"],
                                 user_id=None)
            with db.atomic():
                # The office's laptops, its template laptop and, for the first, one alone.
                codes = [server.create_enrolment_code(db.sync, office["id"], user_id=None)
                         for _ in range(office_size + 1 + (n == 0))]
            made.append((office["id"], commune, codes))
    return made


def _migrated_laptop(folder):
    """A migrated, empty laptop database, copied for every template laptop."""
    app = create_app({"TESTING": True}, instance_path=str(folder / "laptop-template"))
    db = connect(app.config["DATABASE"])
    upgrade(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return Path(app.config["DATABASE"])


def _person(rng, n, relation="child", year=None):
    return {"full_name": f"Người Thử {n}", "birth_year": year or rng.randint(1950, 2010),
            "gender": rng.choice(("male", "female")), "bhxh_status": "none",
            "vssid": "unknown", "relation": relation}


def _register(db, rng, village, officer, n, members):
    """A household and its members, through the app's functions; [person ids], head first."""
    household = households.register_household(
        db, village, {"language": "hnj", "phone": f"09{rng.randint(0, 10**8 - 1):08d}"},
        _person(rng, f"{n} chủ hộ", "head", rng.randint(1955, 1990)), user_id=officer)
    for m in range(members):
        households.add_person(db, household, _person(rng, f"{n}.{m}"), user_id=officer)
    return household, [r[0] for r in db.execute(
        "select id from people where household_id = ? order by relation = 'head' desc, rowid",
        [household])]


def _office_day(folder, template, url, office, n):
    """An enrolled template laptop of the office: yesterday's households synced, then today's
    work made but not synced; (the template's device id, today's changes, ids made today)."""
    office_id, commune, codes = office
    instance = folder / f"office{n:04d}"
    instance.mkdir()
    shutil.copyfile(template, instance / "fieldapp.sqlite3")
    with _MAKING_APPS:
        app = create_app({"TESTING": True}, instance_path=str(instance))
    db = connect(app.config["DATABASE"])
    try:
        device = client.enrol(db.sync, str(instance), url, codes[-1], f"mẫu {n}")
        officer = db.execute("select id from users where office_id = ?", [office_id]
                             ).fetchone()[0]
        rng = random.Random(n)
        villages = [places.create_village(db, commune, f"Bản Thử {n} {v}", "ban",
                                          user_id=officer)["id"] for v in range(2)]
        for h in range(HISTORY):
            _register(db, rng, villages[h % 2], officer, f"{n}-{h}", 3)
        yesterday = client.sync(db.sync, device, timeout=TIMEOUT, instance_path=str(instance))
        if yesterday.refused:
            # Every laptop of the office would be refused today's work hanging from these.
            raise SystemExit(f"the office's history was refused at set-up: {yesterday.refused[:3]}")
        before = int(db.sync.state("pushed_seq", 0))
        known = {r[0] for table in ("households", "people", "visits", "visit_outcomes",
                                    "group_sessions", "session_attendees", "villages")
                 for r in db.execute(f"select id from {table}")}
        _day(db, rng, villages, officer, n)
        day = [(table, row_id, fields, again) for _seq, table, row_id, fields, again
               in client._outgoing(db.sync, before)]
        made = {row_id for _table, row_id, _fields, _again in day} - known
        return device["device_id"], day, made
    finally:
        db.close()


def _day(db, rng, villages, officer, n):
    """One officer's day: new households, visits with outcomes, papers corrected, a session."""
    today = datetime.now().replace(hour=8, minute=0, second=0, microsecond=0)
    registered = [_register(db, rng, villages[h % 2], officer, f"{n}-hôm-nay-{h}", 3)
                  for h in range(10)]
    for v in range(30):
        household, people = registered[v % len(registered)]
        met = people[:2]
        outcomes = {met[0]: (["interested"], None),
                    met[1]: (["household_bhyt"] if v % 3 else ["declined"],
                             None if v % 3 else "cannot_afford")}
        visits.record_visit(db, household, officer_id=officer,
                            visited_at=today + timedelta(minutes=15 * v), outcomes=outcomes,
                            present=met, topics=["household_bhyt"], materials=["leaflet"], language="hnj",
                            notes=f"Lần {v}")
    for household, people in registered:
        # Papers corrected once the family showed their cards.
        fixed = _person(rng, f"{household[:4]} sửa")
        century = (0 if fixed["birth_year"] < 2000 else 2) + (fixed["gender"] == "female")
        fixed["cccd"] = f"015{century}{fixed['birth_year'] % 100:02d}{rng.randrange(10**6):06d}"
        households.update_person(db, people[-1], fixed, user_id=officer)
    sessions.record_session(db, commune_code=db.execute(
        "select commune_code from villages where id = ?", [villages[0]]).fetchone()[0],
        village_id=villages[0], held_at=today + timedelta(hours=9), format="village_meeting",
        target_group="voluntary", total=12, female=6, male=6, by_ethnicity={"mong": 12},
        roster=[people[0] for _household, people in registered], user_id=officer)


def _envelope(body):
    """A pull answer without its pages, which come last (sync.pages.render): the body unpacked
    only as far as they begin."""
    head, mark = b"", b'"pages":['
    while mark not in head:
        part = body.read(1 << 16)
        if not part:
            return json.loads(head)
        head += part
    return json.loads(head.partition(mark)[0] + b'"pages":[]}}')


class _Laptop:
    """A simulated laptop: an enrolled device replaying its office's day."""

    def __init__(self, url, office, code, name, parses=True):
        self.office, self.parses = office, parses
        answer, _, _ = client._post(url + client.API + "/enroll", {
            "protocol": PROTOCOL, "app_version": "bench", "code": code, "device_name": name,
            "accounts": []})
        self.device = {"device_id": answer["device_id"], "secret": answer["secret"]}
        self.url, self.cursor = url + client.API + "/sync", 0

    def sync(self, day=None):
        """Push the day (if any), then pull until nothing is left: (requests, changes pulled)."""
        changes, count, after, requests, pulled = [], 0, 0, 0, 0
        if day is not None:
            template_device, rows, made, pattern = day
            mine = {old: str(uuid.uuid4()) for old in made}
            mine[template_device] = self.device["device_id"]
            text = client.Changes((seq, table, row_id, fields, again) for seq, (
                table, row_id, fields, again) in enumerate(rows, 1)).json()
            count = len(rows)
            changes = _Replayed(pattern.sub(lambda m: mine[m.group(0)], text), count)
        while True:
            answer, _, _ = client._post(self.url, {
                "protocol": PROTOCOL, "app_version": "bench", "now": hlc.now_ms(),
                "push": {"after": after, "last": count, "changes": changes},
                "pull": {"cursor": self.cursor, **({"continuing": True} if requests else {})}},
                self.device, timeout=TIMEOUT, read=json.load if self.parses else _envelope)
            requests += 1
            if answer.get("recover"):
                raise client.SyncError("asked to repair", kind="recover")
            if answer.get("rejected"):
                raise client.SyncError(f"refused {answer['rejected'][0]}",
                                       kind="refused:" + answer["rejected"][0]["code"])
            after, changes = answer["ack_seq"], []
            self.cursor = answer["pull"]["cursor"]
            # Unpacked, counted, not applied: parsing 38,000 changes 2,000 times in this one
            # process would cost this machine more than the server does (a real laptop does
            # it on its own cores). One laptop in PARSED decodes every page as a laptop does,
            # which checks each holds the changes counted (pages.Garbled otherwise).
            if self.parses:
                pages.decode(answer["pull"], self.device["device_id"])
            pulled += sum(answer["pull"]["counts"])
            if not answer["pull"]["more"]:
                return requests, pulled


def _evening(machines, days, starts, began, processes):
    """(latencies, errors by kind, failures by office) of the laptops syncing their day, each
    at its start after `began`, as threads of `processes` processes forked from this one: in
    one process their client work would queue for one core under its GIL, where each real
    laptop has its own."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    parts = [context.Process(target=_evening_part,
                             args=(machines, days, starts, began, part, processes, results))
             for part in range(processes)]
    for part in parts:
        part.start()
    latencies, errors, failed_offices = [], Counter(), Counter()
    for _part in parts:
        more, kinds, offices_failed = results.get()
        latencies += more
        errors.update(kinds), failed_offices.update(offices_failed)
    for part in parts:
        part.join()
    return latencies, errors, failed_offices


def _evening_part(machines, days, starts, began, part, processes, results):
    """The laptops numbered `part` modulo `processes`, each a thread (in a forked process)."""
    latencies, errors, lock = [], Counter(), threading.Lock()
    # Failures gathered in a few offices point at an office's data, not at the load.
    failed_offices = Counter()

    def evening(n, at):
        time.sleep(max(0, at - (time.perf_counter() - began)))
        began_one = time.perf_counter()
        try:
            machines[n].sync(days[machines[n].office])
        except Exception as e:  # noqa: BLE001 - every failure is counted by kind
            with lock:
                errors[_kind(e)] += 1
                failed_offices[machines[n].office] += 1
            return
        with lock:
            latencies.append(time.perf_counter() - began_one)

    threading.stack_size(512 * 1024)
    threads = [threading.Thread(target=evening, args=(n, at))
               for n, at in enumerate(starts) if n % processes == part]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put((latencies, errors, failed_offices))


def _processes(pid):
    """The server's process and its children (gunicorn's workers)."""
    found = [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _cpu_seconds(pid):
    """User and system CPU of the server's processes, and of children they waited for."""
    total = 0
    for p in _processes(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid):
    total = 0
    for p in _processes(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])
    return round(total / 1024, 1)


def _size(instance, pattern="fieldapp.sqlite3*"):
    """The central database's size: its SQLite files', or the PostgreSQL database's."""
    if str(instance) in _DATABASES:
        db = connect(_DATABASES[str(instance)])
        try:
            return db.value("select pg_database_size(current_database())")
        finally:
            db.close()
    return sum(p.stat().st_size for p in instance.glob(pattern))


def _kind(error):
    if isinstance(error, client.SyncError):
        if error.kind == "offline" and "timed out" in error.reason:
            return "timeout"
        return f"http_{error.status}" if error.status else error.kind
    return type(error).__name__


def run_on_postgresql(database_url=None, **options):
    """run() with the central server on PostgreSQL: the database at `database_url` (empty),
    or a new one of a server started for the run and stopped after it."""
    server = None
    if database_url is None:
        from . import postgresql
        server, database_url = postgresql.new_database(postgresql.BIG)
    try:
        return run(database_url=database_url, **options)
    finally:
        if server:
            server.stop()


def run(laptops=LAPTOPS, office_size=OFFICE_SIZE, window=WINDOW, workers=None,
        worker_threads=None, database_url=None, laptop_processes=LAPTOP_PROCESSES):
    office_count = -(-laptops // office_size)
    started_setup = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-load-") as folder:
        folder = Path(folder)
        instance = folder / "central"
        office_list = _prepare_central(instance, office_count, office_size, database_url)
        central = Server(instance, "--central", "--no-demo",
                         *(["--workers", str(workers)] if workers else []),
                         *(["--threads", str(worker_threads)] if worker_threads else []))
        try:
            template = _migrated_laptop(folder)
            with ThreadPoolExecutor(SETUP_THREADS) as pool:
                days = list(pool.map(lambda a: _office_day(folder, template, central.url, *a),
                                     [(office, n) for n, office in enumerate(office_list)]))
            days = [(device, rows, made, re.compile("|".join(map(re.escape, [*made, device]))))
                    for device, rows, made in days]
            wanted = [(n, code) for n, (_o, _c, codes) in enumerate(office_list)
                      for code in codes[:office_size]][:laptops]
            with ThreadPoolExecutor(SETUP_THREADS) as pool:
                machines = list(pool.map(lambda a: _Laptop(
                    central.url, a[1][0], a[1][1], f"máy {a[1][0]}-{a[1][1][:4]}",
                    parses=a[0] % PARSED == 0), enumerate(wanted)))
                alone = _Laptop(central.url, 0, office_list[0][2][office_size], "một mình")
                # Yesterday's sync: each laptop holds its office's history, and a pull position.
                list(pool.map(lambda m: m.sync(), [*machines, alone]))
            setup_seconds = time.perf_counter() - started_setup
            households_before = central_households(instance)

            rng = random.Random(1)
            starts = sorted(rng.uniform(0, window) for _ in machines)
            size_before, cpu_before = _size(instance), _cpu_seconds(central.process.pid)
            # This process's and its reaped children's: the laptops' processes.
            own_before = sum(os.times()[:4])
            file_before = _size(instance, "fieldapp.sqlite3")
            began = time.perf_counter()
            latencies, errors, failed_offices = _evening(machines, days, starts, began,
                                                         laptop_processes)
            wall = time.perf_counter() - began
            cpu_evening = _cpu_seconds(central.process.pid) - cpu_before
            own_evening = sum(os.times()[:4]) - own_before
            growth = _size(instance) - size_before
            # The database file alone: the write-ahead log is emptied and reused.
            file_growth = _size(instance, "fieldapp.sqlite3") - file_before
            rss = _rss_mb(central.process.pid)
            # Pushes the server merged, whether or not their laptop waited for the answer.
            merged_evening = central_households(instance) - households_before

            cpu_before, began = _cpu_seconds(central.process.pid), time.perf_counter()
            try:
                alone_requests, alone_pulled = alone.sync(days[0])
                alone_error = None
            except client.SyncError as e:
                # Still busy with the evening's pushes whose laptops gave up: said, not fatal.
                alone_requests, alone_pulled, alone_error = None, None, _kind(e)
            alone_seconds = time.perf_counter() - began
            alone_cpu = _cpu_seconds(central.process.pid) - cpu_before
            day_households = len({row_id for table, row_id, _f, _a in days[0][1]
                                  if table == "households" and row_id in days[0][2]})
            merged = central_households(instance) - households_before
            for line in central.errors():
                errors["server_" + ("locked" if "locked" in line else "traceback")] += 1
        finally:
            central.stop()
            if os.environ.get("BENCH_SERVER_LOG"):
                Path(os.environ["BENCH_SERVER_LOG"]).write_text("".join(central.output))
    done = len(latencies)
    line = {
        "bench": "load", "store": "postgresql" if database_url else "sqlite",
        "laptops": laptops, "office_size": office_size, "window": window,
        "server": "run.py --central" + (f" --workers {workers}" if workers else "")
                  + (f" --threads {worker_threads}" if worker_threads else ""),
        "laptop_processes": laptop_processes,
        "changes_per_day": len(days[0][1]), "errors": dict(errors),
        "failed_by_office": dict(failed_offices.most_common(5)), "completed": done,
        "merged_syncs": round(merged_evening / day_households),
        "wall_seconds": round(wall, 1),
        "syncs_per_minute": round(done * 60 / wall, 1),
        "p50": round(statistics.median(latencies), 2) if latencies else None,
        "p95": round(_percentile(latencies, 0.95), 2) if latencies else None,
        "max": round(max(latencies), 2) if latencies else None,
        "central_cpu_seconds_per_sync": round(cpu_evening / max(done, 1), 3),
        # A push whose laptop stopped waiting is merged all the same, and cost the server too.
        "central_cpu_seconds_per_merged_push": round(
            cpu_evening / max(merged_evening / day_households, 1), 3),
        "central_cpu_share": round(cpu_evening / wall / (os.cpu_count() or 1), 2),
        "laptops_cpu_share": round(own_evening / wall / (os.cpu_count() or 1), 2),
        "central_rss_mb": rss,
        "db_growth_bytes_per_sync": round(growth / max(merged_evening / day_households, 1)),
        "db_file_growth_bytes_per_sync": round(
            file_growth / max(merged_evening / day_households, 1)),
        "households_merged": merged,
        "households_expected": (done + (alone_error is None)) * day_households,
        "alone": {"seconds": round(alone_seconds, 2), "cpu": round(alone_cpu, 3),
                  "requests": alone_requests, "pulled": alone_pulled,
                  **({"error": alone_error} if alone_error else {})},
        "setup_seconds": round(setup_seconds, 1),
    }
    emit(line)
    return line


def central_households(instance):
    db = connect(_DATABASES.get(str(instance), instance / "fieldapp.sqlite3"))
    try:
        return db.execute("select count(*) from households").fetchone()[0]
    finally:
        db.close()
