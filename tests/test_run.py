"""run.py as an officer starts it: a real process serving on a real port."""

import contextlib
import http.cookiejar
import os
import queue
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from fieldapp import demo
from helpers import ROOT, csrf_token, parse

READY = "press Ctrl+C to stop"
_LOGIN = re.compile(r"^\s+(\w+)\s+username (\S+)\s+password (\S+)$")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(instance, *options, timeout=30):
    """Start run.py, wait until it serves, yield (base address, printed lines); always stop it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "run.py", "--port", str(port), "--instance", str(instance), *options],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        # Encrypted, as the README's `make run` makes it (the suite's other installs are not).
        env={**{k: v for k, v in os.environ.items() if k != "FIELDAPP_ENCRYPTED"},
             "PYTHONUNBUFFERED": "1"})
    try:
        lines = queue.Queue()

        def read():
            for line in process.stdout:
                lines.put(line)

        # A reader thread: readline() alone could block past the deadline.
        threading.Thread(target=read, daemon=True).start()
        printed, deadline = [], time.monotonic() + timeout
        while not printed or printed[-1].strip() != READY:
            assert process.poll() is None, "run.py exited:\n" + "".join(printed)
            try:
                printed.append(lines.get(timeout=max(0.1, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError("run.py did not start:\n" + "".join(printed)) from None
        base = f"http://127.0.0.1:{port}"
        assert f"fieldapp is running at http://127.0.0.1:{port}/" in "".join(printed)
        # It prints just before it starts listening.
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert time.monotonic() < deadline, "run.py never listened"
            time.sleep(0.05)
        yield base, [line.rstrip("\n") for line in printed]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser(follow=True):
    """An opener with its own cookies and no proxy, like a browser on the laptop."""
    handlers = [urllib.request.ProxyHandler({}),
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
    if not follow:
        handlers.append(_NoRedirect())
    return urllib.request.build_opener(*handlers)


def logins(printed):
    """{username: (role, password)} from the printed demo logins."""
    return {m[2]: (m[1], m[3]) for m in map(_LOGIN.match, printed) if m}


def log_in(base, username, password):
    """Log in through the real form; return the status, page and address landed on."""
    opener = browser()
    page = opener.open(f"{base}/login", timeout=10).read().decode()
    form = urllib.parse.urlencode({"csrf_token": csrf_token(page),
                                   "username": username, "password": password}).encode()
    try:
        response = opener.open(f"{base}/login", data=form, timeout=10)
    except urllib.error.HTTPError as refused:
        response = refused
    with response:
        return response.status, response.read().decode(), response.geturl()


def recovery_code(printed):
    """The recovery code run.py printed when it encrypted the new database."""
    return next(printed[n + 1].strip() for n, line in enumerate(printed)
                if line.startswith("recovery code"))


def offices_in(instance, code):
    """The offices in the encrypted database, opened with the printed recovery code."""
    from fieldapp.db import connect
    from fieldapp.keys import slots_in
    with pytest.raises(sqlite3.DatabaseError):  # not readable without the key
        sqlite3.connect(instance / "fieldapp.sqlite3").execute("select 1 from offices")
    conn = connect(instance / "fieldapp.sqlite3",
                   key=slots_in(instance).open_with_recovery_code(code))
    try:
        return [r[0] for r in conn.execute("select name from offices")]
    finally:
        conn.close()


def test_run_py_migrates_seeds_and_serves(tmp_path):
    instance = tmp_path / "instance"
    with running(instance) as (base, printed):
        assert any(line == "migration applied: 0001_places_and_accounts" for line in printed)
        demo_logins = logins(printed)
        assert {u: r for u, (r, _) in demo_logins.items()} == {
            "canbo": "officer", "giamsat": "supervisor", "quantri": "admin"}

        with pytest.raises(urllib.error.HTTPError) as redirect:
            browser(follow=False).open(f"{base}/", timeout=10)
        assert redirect.value.code == 302
        assert urllib.parse.urlsplit(redirect.value.headers["Location"]).path == "/login"

        login_page = parse(browser().open(f"{base}/login", timeout=10).read().decode())
        assert login_page.find("html").get("lang") == "vi"
        form = login_page.find("form", novalidate="")
        assert form.find("input", name="username") is not None
        assert form.find("input", name="password", type="password") is not None

        status, home, address = log_in(base, "canbo", demo_logins["canbo"][1])
        assert (status, address) == (200, f"{base}/")
        assert "Xã Mù Cang Chải" in home
        assert "Mí Háng" in home
        status, _, address = log_in(base, "canbo", "not-the-password")
        assert (status, address) == (401, f"{base}/login")

    assert offices_in(instance, recovery_code(printed)) == [demo.OFFICE_NAME]

    with running(instance) as (base, again):
        assert not [line for line in again if line.startswith("migration applied")]
        assert logins(again) == demo_logins
        status, home, _ = log_in(base, "quantri", demo_logins["quantri"][1])
        assert status == 200
        assert "Xã Trạm Tấu" in home
    assert offices_in(instance, recovery_code(printed)) == [demo.OFFICE_NAME]


def test_run_py_without_the_demo(tmp_path):
    instance = tmp_path / "empty"
    with running(instance, "--no-demo") as (base, printed):
        assert logins(printed) == {}
        assert not (instance / "demo-logins.txt").exists()
        assert browser().open(f"{base}/login", timeout=10).status == 200
    assert offices_in(instance, recovery_code(printed)) == []


def test_run_py_help_lists_its_options():
    result = subprocess.run([sys.executable, "run.py", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for option in ("--port", "--instance", "--host", "--no-demo"):
        assert option in result.stdout


def test_run_py_central_serves_with_several_worker_processes(tmp_path, monkeypatch):
    """The central server is gunicorn's workers; laptops syncing at once through different
    workers each get every household, merged once."""
    monkeypatch.delenv("WORKERS")  # the default counts, as production starts it
    monkeypatch.delenv("THREADS")
    import run
    from fieldapp.households import queries as households
    from fieldapp.places import queries as places
    from registry import person
    from syncing import Central, Laptop

    central = Central(tmp_path / "central")
    laptops = []
    try:
        assert "workers: %d processes of 1 thread\n" % run.default_workers() in central.output
        deadline = time.monotonic() + 30
        while len(_children(central.process.pid)) < run.default_workers() and \
                time.monotonic() < deadline:
            time.sleep(0.1)  # gunicorn starts its workers one after another
        assert len(_children(central.process.pid)) == run.default_workers() > 1
        laptops = [Laptop(tmp_path / f"laptop{n}", central) for n in range(4)]
        first = laptops[0]
        commune = first.db.execute("select commune_code from office_communes").fetchone()[0]
        village = places.create_village(first.db, commune, "Bản Song Song", "ban",
                                        user_id=first.user())["id"]
        first.sync()
        made = set()
        for n, laptop in enumerate(laptops):
            laptop.sync()
            made.add(households.register_household(
                laptop.db, village, {}, person(f"Chủ Hộ Song Song {n}", 1970, "male"),
                user_id=laptop.user()))
        threads = [threading.Thread(target=laptop.sync) for laptop in laptops]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for laptop in laptops:
            laptop.sync()
            assert made <= {r[0] for r in laptop.db.execute("select id from households")}
        assert central.db.execute(
            f"select count(*) from households where id in ({','.join('?' * len(made))})",
            sorted(made)).fetchone()[0] == len(made)
        assert central.errors() == []
    finally:
        for laptop in laptops:
            laptop.close()
        central.stop()


def test_a_worker_held_by_a_merge_leaves_other_requests_to_the_free_workers(tmp_path,
                                                                           monkeypatch):
    """A worker takes a connection only when a thread of its is free: requests arriving while
    one worker's only thread waits for the merge lock go to the other (gunicorn's gthread
    workers take up to 1,000 connections each by default, queued behind the busy one)."""
    import fcntl

    from fieldapp.households import queries as households
    from fieldapp.places import queries as places
    from registry import person
    from syncing import Central, Laptop

    monkeypatch.setenv("WORKERS", "2")  # production's one thread each
    monkeypatch.setenv("THREADS", "1")
    central = Central(tmp_path / "central")
    laptop = None
    try:
        laptop = Laptop(tmp_path / "laptop", central)
        commune = laptop.db.execute("select commune_code from office_communes").fetchone()[0]
        village = places.create_village(laptop.db, commune, "Bản Chờ", "ban",
                                        user_id=laptop.user())["id"]
        made = households.register_household(laptop.db, village, {},
                                              person("Chủ Hộ Chờ", 1970, "male"),
                                              user_id=laptop.user())
        merges = open(central.instance / "fieldapp.sqlite3-merge.lock", "a")
        fcntl.flock(merges, fcntl.LOCK_EX)
        pushing = threading.Thread(target=laptop.sync)
        try:
            pushing.start()
            time.sleep(1)  # the push is in a worker, waiting for the lock held here
            assert pushing.is_alive()
            for _ in range(8):
                with urllib.request.urlopen(central.url + "/api/v1/version", timeout=10) as r:
                    assert r.status == 200
        finally:
            fcntl.flock(merges, fcntl.LOCK_UN)
            merges.close()
            pushing.join(60)
        assert central.db.execute("select count(*) from households where id = ?",
                                  [made]).fetchone()[0] == 1
        assert central.errors() == []
    finally:
        if laptop:
            laptop.close()
        central.stop()


def _children(pid):
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError), open(f"/proc/{entry}/stat") as f:
            if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(entry)
    return found


def test_a_pid_file_left_naming_another_program_does_not_stop_the_central_server(tmp_path):
    """After a crash or a restart the pid file gunicorn left may name a live process that is
    not the server (its number given to another program): the server still starts."""
    from syncing import Central
    instance = tmp_path / "central"
    instance.mkdir(mode=0o700)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        (instance / "central.pid").write_text(f"{other.pid}\n")
        central = Central(instance)
        try:
            with urllib.request.urlopen(central.url + "/api/v1/version", timeout=10) as answer:
                assert answer.status == 200
            assert int((instance / "central.pid").read_text()) != other.pid
        finally:
            central.stop()
    finally:
        other.kill(), other.wait()
