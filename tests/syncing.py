"""A real central server process on 127.0.0.1 and laptops in temporary folders, for sync tests."""

import atexit
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from fieldapp import create_app, demo
from fieldapp.db import connect, upgrade
from sync import client, server
from sync.synced_tables import NAMED_PEOPLE, SYNCED_TABLES

from helpers import csrf_token, form_values, parse

ROOT = Path(__file__).resolve().parent.parent
# A real office, installed by the README's commands on a laptop and on the central server.
PROVINCE = 15  # Lào Cai
OFFICE = "BHXH cơ sở Chế Tạo – Lao Chải"
COMMUNES = ("Xã Chế Tạo", "Xã Lao Chải")
LOCAL_ADMIN = ("hung", "Nguyễn Văn Hùng", "mat-khau-laptop-1")
CENTRAL_ADMIN = ("lan", "Phạm Thị Lan", "mat-khau-trung-tam-1")


# The laptops made here start from a copy of one database migrated once per process, not each
# from nothing (most of a laptop's making). tests/test_migrations migrates from nothing.
_MIGRATED = []


def migrated(db):
    """Bring a laptop's database to the newest step; a new plain one is copied from the once
    migrated one first (only the steps' timestamps differ from migrating it)."""
    if type(db.conn) is sqlite3.Connection and \
            not db.execute("select count(*) from sqlite_master").fetchone()[0]:
        if not _MIGRATED:
            folder = tempfile.mkdtemp(prefix="fieldapp-migrated-laptop-")
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            made = connect(Path(folder) / "fieldapp.sqlite3")
            upgrade(made)
            made.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            made.close()
            _MIGRATED.append(Path(folder) / "fieldapp.sqlite3")
        source = sqlite3.connect(_MIGRATED[0])
        source.backup(db.conn)
        source.close()
    upgrade(db)


def second_office(db, name="BHXH cơ sở Ba Đình"):
    """(id, commune) of a second office made on a central server's database, in the first
    commune of province 1 (Hà Nội), in the caller's transaction."""
    from fieldapp import offices
    commune = db.execute("select code from communes where province_code = 1 order by code"
                         " limit 1").fetchone()[0]
    office = offices.create_office(db, name=name, province_code=1, communes=[commune],
                                   user_id=None)["id"]
    return office, commune


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def skewed(days):
    """The command prefix that runs a process `days` ahead (or behind) under libfaketime."""
    if shutil.which("faketime") is None:
        raise RuntimeError("the clock-skew tests need Debian's 'faketime' (make system-deps)")
    # Relative: the clock runs on from real time plus the offset. Monotonic clocks stay real,
    # so timeouts and sleeps behave.
    return ["env", "FAKETIME_DONT_FAKE_MONOTONIC=1", "faketime", "-f", f"{days:+d}d"]


def flask(instance, *args, wrapper=(), input=None, timeout=300):
    """`flask --app fieldapp ARGS` run as a subprocess on an instance folder, as the README's
    Command line section does it; the CompletedProcess, output and errors together."""
    return subprocess.run(
        [*wrapper, sys.executable, "-m", "flask", "--app", "fieldapp", *args], cwd=ROOT,
        env={**os.environ, "FIELDAPP_INSTANCE": str(instance), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, input=input,
        timeout=timeout)


class Server:
    """`python run.py` serving an instance folder on a free port of 127.0.0.1; `stop()` ends it.

    `port` serves on a given port (a restart after a kill); `wrapper` prefixes the command
    (e.g. `skewed(1825)`).
    """

    def __init__(self, instance, *options, port=None, wrapper=(), env=None):
        self.instance = Path(instance)
        self.options, self.wrapper = options, list(wrapper)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*self.wrapper, sys.executable, str(ROOT / "run.py"), *options,
             "--port", str(self.port), "--instance", str(self.instance)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            # Its own process group: a wrapper such as faketime forks the server and does not
            # pass a signal on, so stopping signals the whole group.
            start_new_session=True)
        deadline = time.monotonic() + 60
        self.output = []  # what the server printed: start-up, then any errors
        for line in self.process.stdout:
            self.output.append(line)
            if "is running at" in line:
                break
            if time.monotonic() > deadline:
                break
        if self.process.poll() is not None:
            raise RuntimeError(f"run.py {' '.join(options)} stopped:\n{''.join(self.output)}")
        # Keep reading, so a server that logs much never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()
        self._wait_listening(deadline)

    def _drain(self):
        for line in self.process.stdout:
            self.output.append(line)

    def _wait_listening(self, deadline):
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server on port {self.port} did not start")

    def stop(self):
        self._signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.process.wait()
        self._signal(signal.SIGKILL)  # whatever of the group outlived its leader

    def kill(self):
        """SIGKILL, as a power cut or the OOM killer would: no clean shutdown."""
        self._signal(signal.SIGKILL)
        self.process.wait()

    def _signal(self, number):
        try:
            os.killpg(self.process.pid, number)
        except ProcessLookupError:
            pass  # the group is gone already

    def errors(self):
        """Lines of the server's output that tell of a failure."""
        return [line for line in self.output
                if re.search(r"Traceback|database is locked|OperationalError|Internal Server Error", line)]


class Central(Server):
    """`python run.py --central` in its own instance folder, stopped by `stop()`; on the
    PostgreSQL database at `database_url` (FIELDAPP_DATABASE_URL) when given."""

    def __init__(self, instance, port=None, database_url=None):
        super().__init__(instance, "--central", port=port,
                         env={"FIELDAPP_DATABASE_URL": database_url} if database_url else None)
        self.database_url = database_url
        if database_url:
            from postgres import tested
            self.db = tested(connect(database_url))
        else:
            self.db = connect(self.instance / "fieldapp.sqlite3")
        # The demo central server holds the demo office's users, with its own password.
        self.logins = demo.read_logins(self.instance)

    def office_id(self, name=None):
        sql = "select id from offices" + (" where name = ?" if name else " order by created_at")
        return self.db.execute(sql, [name] if name else []).fetchone()[0]

    def code(self, office_id=None):
        return server.create_enrolment_code(self.db.sync, office_id or self.office_id(),
                                            user_id=None)

    def stop(self):
        self.db.close()
        super().stop()


class Laptop:
    """A fresh laptop database (no demo), enrolled with the central server; `before(db)`, if
    given, writes what the laptop holds before it is enrolled."""

    def __init__(self, instance, central, office_id=None, url=None, before=None):
        self.instance = Path(instance)
        self.app = create_app({"TESTING": True}, instance_path=str(self.instance))
        self.db = connect(self.app.config["DATABASE"])
        migrated(self.db)
        if before:
            before(self.db)
        self.device = client.enrol(self.db.sync, str(self.instance), url or central.url,
                                   central.code(office_id), self.instance.name)

    def sync(self, url=None, timeout=10):
        device = {**self.device, "central_url": url} if url else self.device
        progress = client.sync(self.db.sync, device, timeout=timeout,
                               instance_path=str(self.instance))
        # A laptop split from a copied identity syncs as its new device from now on.
        self.device = {**progress.device, "central_url": self.device["central_url"]}
        return progress

    def user(self, username="canbo"):
        return self.db.execute("select id from users where username = ?",
                               [username]).fetchone()[0]

    def close(self):
        self.db.close()


def office_rows(db, office_id):
    """Every synced row an office's laptop may hold: values and field clocks."""
    from sync import capture
    communes = {r[0] for r in db.execute(
        "select commune_code from office_communes where office_id = ? and deleted_at is null",
        [office_id])}
    tables = {}
    for table in SYNCED_TABLES:
        rows = [dict(r) for r in db.query(f'select * from "{table}" order by id')]
        visible = []
        named = db.sync.communes_of("people", [r[NAMED_PEOPLE[table]] for r in rows]) \
            if table in NAMED_PEOPLE else {}
        for row in rows:
            commune, office = capture.scope(db.sync, table, row)
            if office is not None and office != office_id:
                continue
            if commune is not None and commune not in communes:
                continue
            person = row[NAMED_PEOPLE[table]] if table in NAMED_PEOPLE else None
            if person in named and named[person] not in communes:
                continue  # names a person of another office: held only with them
            if table == "users" and row["role"] == "admin":
                # Administrators' password hashes never leave the central server.
                row["password_hash"] = "!"
            visible.append(row)
        tables[table] = visible
    return tables


def real_install(instance, *options, admin=LOCAL_ADMIN):
    """`run.py --no-demo` serving a new instance, then `create-office` and
    `create-user --role admin` run as commands on it; the running Server."""
    started = Server(instance, "--no-demo", *options)
    db = connect(started.instance / "fieldapp.sqlite3")
    codes = dict(db.execute("select name, code from communes where province_code = ?",
                            [PROVINCE]).fetchall())
    db.close()
    made = flask(instance, "create-office", "--name", OFFICE, "--province", str(PROVINCE),
                 *[a for name in COMMUNES for a in ("--commune", str(codes[name]))])
    assert made.returncode == 0, made.stdout
    username, full_name, password = admin
    made = flask(instance, "create-user", "--username", username, "--full-name", full_name,
                 "--role", "admin", "--office", OFFICE, "--password", password)
    assert made.returncode == 0, made.stdout
    started.admin, started.communes = admin, [codes[name] for name in COMMUNES]
    return started


def enrolment_code(central, username, password, office_name):
    """A code made by the central administrator on the Laptops page, over HTTP."""
    web = Web(central.url)
    web.log_in(username, password)
    page = web.get("/central/devices")[2]
    office_id = re.search(r'<option[^>]*value="([^"]+)"[^>]*>\s*' + re.escape(office_name),
                          page).group(1)
    status, _, page = web.post("/central/devices", {"office_id": office_id})
    assert status == 200, page
    return re.search(r'<strong class="code"[^>]*>([A-Z0-9-]+)</strong>', page).group(1)


def doubled_communes(db):
    """Communes with more than one live office_communes row."""
    return db.execute("select commune_code, count(*) from office_communes"
                      " where deleted_at is null group by commune_code having count(*) > 1"
                      ).fetchall()


class Web:
    """A browser's requests to a server over HTTP: cookies kept, the CSRF token sent with forms,
    redirects followed. Each call returns (status, final URL, page text)."""

    def __init__(self, url):
        self.url = url.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()))
        self.token = None

    def _open(self, request, timeout=60):
        try:
            with self.opener.open(request, timeout=timeout) as response:
                answer = response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as e:
            answer = e.code, e.url, e.read().decode(errors="replace")
        # Every page carries the token of the session as it now stands (a login or a logout
        # starts a new one): the next form sends it, as a browser's would.
        if "csrf-token" in answer[2]:
            self.token = csrf_token(answer[2])
        return answer

    def get(self, path):
        return self._open(self.url + path)

    def json(self, path):
        import json
        return json.loads(self.get(path)[2])

    def post(self, path, data):
        """A form post with the CSRF token of the session, as the last page's forms carry it."""
        if self.token is None:
            self.get("/login")
        fields = {"csrf_token": self.token, **data}
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        return self._open(urllib.request.Request(self.url + path, data=body, method="POST"))

    def log_in(self, username, password):
        status, url, page = self.post("/login", {"username": username, "password": password})
        if "/login" in url:
            raise AssertionError(f"{username} could not log in to {self.url}")
        return page

    def fill(self, path, values, action=None):
        """Open the page at `path`, take its form's values as the browser would send them, put
        `values` over them and send it to the form's action; (status, final URL, page)."""
        page = self.get(path)[2]
        form = _form(page, action or path)
        form.update(values)
        return self.post(form.pop("__action__"), form)


def _form(page, action):
    """What a browser sends of the page's form posting to `action` (a form without an action
    posts to its own page), with "__action__" where it goes."""
    wanted = action.split("?")[0]
    for form in parse(page).find_all("form"):
        if (form.get("action") or action).split("?")[0] == wanted:
            return {**form_values(form), "__action__": form.get("action") or action}
    raise AssertionError(f"no form posting to {action}")


def header_unsynced(page):
    """The unsynced count in a page's header."""
    return int(re.search(r'id="header-unsynced"[^>]*>\s*(\d+)', page).group(1))


class CuttingProxy:
    """A TCP relay on 127.0.0.1 that cuts the next connections after a number of bytes."""

    def __init__(self, target_port):
        self.target = target_port
        self.cuts = []  # byte counts, one per connection to cut; empty: relay untouched
        self.lose_answers = 0  # the next connections whose request goes through, answer lost
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                incoming, _ = self.listener.accept()
            except OSError:
                return
            if self.lose_answers:
                self.lose_answers -= 1
                threading.Thread(target=self._lose_answer, args=(incoming,), daemon=True).start()
                continue
            limit = self.cuts.pop(0) if self.cuts else None
            threading.Thread(target=self._relay, args=(incoming, limit), daemon=True).start()

    def _lose_answer(self, incoming):
        """Relay the request whole; cut the connection when the answer starts, which the server
        sends once it has done the work."""
        outgoing = socket.create_connection(("127.0.0.1", self.target))

        def forward():
            try:
                while data := incoming.recv(4096):
                    outgoing.sendall(data)
            except OSError:
                pass
        threading.Thread(target=forward, daemon=True).start()
        try:
            outgoing.recv(1)
        except OSError:
            pass
        for s in (incoming, outgoing):
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass

    def _relay(self, incoming, limit):
        outgoing = socket.create_connection(("127.0.0.1", self.target))
        budget = [limit]

        def pipe(source, sink):
            try:
                while True:
                    data = source.recv(4096)
                    if not data:
                        break
                    if budget[0] is not None:
                        if budget[0] <= 0:
                            break
                        data = data[:budget[0]]
                        budget[0] -= len(data)
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                for s in (incoming, outgoing):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
        threading.Thread(target=pipe, args=(outgoing, incoming), daemon=True).start()
        pipe(incoming, outgoing)

    def close(self):
        self.listener.close()


def backup(database, to):
    """A copy of a live SQLite database through its online backup API, as a backup tool takes
    it while the app runs."""
    import sqlite3
    source, target = sqlite3.connect(database), sqlite3.connect(to)
    with target:
        source.backup(target)
    source.close()
    target.close()


def copy_instance(instance, to):
    """The instance folder as a copy of it holds it: the database (through the backup API, so
    the copy is whole) and device.json."""
    to = Path(to)
    to.mkdir(parents=True, exist_ok=True)
    backup(Path(instance) / "fieldapp.sqlite3", to / "fieldapp.sqlite3")
    for path in Path(instance).iterdir():
        if path.is_file() and not path.name.startswith("fieldapp.sqlite3"):
            shutil.copy2(path, to / path.name)
    return to


def reopened(instance):
    """A laptop on an instance folder that already holds an enrolled database (a copy put
    back, or a machine imaged from another): no enrolment, the device it holds."""
    laptop = Laptop.__new__(Laptop)
    laptop.instance = Path(instance)
    laptop.app = create_app({"TESTING": True}, instance_path=str(laptop.instance))
    laptop.db = connect(laptop.app.config["DATABASE"])
    migrated(laptop.db)
    laptop.device = client.load_device(str(laptop.instance))
    return laptop


def put_back(laptop, copy):
    """The laptop's disk replaced by a copy of its instance folder taken earlier: the laptop
    closed, the copy put in its place and opened as it holds it."""
    laptop.close()
    shutil.rmtree(laptop.instance)
    shutil.copytree(copy, laptop.instance)
    return reopened(laptop.instance)


def restart_from(central, database_copy):
    """The central server's disk replaced by a backup: stopped, database put back, started on
    the same address."""
    port = central.port
    central.stop()
    for path in central.instance.glob("fieldapp.sqlite3*"):
        # Its shared pull pages too (fieldapp.sqlite3-pages, a folder), as the disk's were.
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copyfile(database_copy, central.instance / "fieldapp.sqlite3")
    return Central(central.instance, port=port)
