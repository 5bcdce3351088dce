"""A real central server process on 127.0.0.1 and laptops in temporary folders, for sync tests."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from fieldapp import create_app, demo
from fieldapp.db import connect, upgrade
from sync import client, server
from sync.tables import SYNCED_TABLES

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python run.py` serving an instance folder on a free port of 127.0.0.1; `stop()` ends it."""

    def __init__(self, instance, *options):
        self.instance = Path(instance)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "run.py"), *options, "--port", str(self.port),
             "--instance", str(self.instance)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
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
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Central(Server):
    """`python run.py --central` in its own instance folder, stopped by `stop()`."""

    def __init__(self, instance):
        super().__init__(instance, "--central")
        self.db = connect(self.instance / "fieldapp.sqlite3")
        # The demo central server holds the demo office's users, with its own password.
        self.logins = demo.read_logins(self.instance)

    def office_id(self, name=None):
        sql = "select id from offices" + (" where name = ?" if name else " order by created_at")
        return self.db.execute(sql, [name] if name else []).fetchone()[0]

    def code(self, office_id=None):
        return server.create_enrolment_code(self.db, office_id or self.office_id(), user_id=None)

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
        upgrade(self.db)
        if before:
            before(self.db)
        self.device = client.enrol(self.db, str(self.instance), url or central.url,
                                   central.code(office_id), self.instance.name)

    def sync(self, url=None, timeout=10):
        device = {**self.device, "central_url": url} if url else self.device
        return client.sync(self.db, device, timeout=timeout)

    def user(self, username="canbo"):
        return self.db.execute("select id from users where username = ?",
                               [username]).fetchone()[0]

    def close(self):
        self.db.close()


def snapshot(db, office_id):
    """Every synced row an office's laptop may hold: values and field clocks."""
    from sync import capture
    communes = {r[0] for r in db.execute(
        "select commune_code from office_communes where office_id = ? and deleted_at is null",
        [office_id])}
    tables = {}
    for table in SYNCED_TABLES:
        rows = [dict(r) for r in db.query(f"select * from [{table}] order by id")]
        visible = []
        for row in rows:
            commune, office = capture.scope(db, table, row)
            if office is not None and office != office_id:
                continue
            if commune is not None and commune not in communes:
                continue
            visible.append(row)
        tables[table] = visible
    return tables
