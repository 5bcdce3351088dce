"""The sync API answers malformed or hostile requests with a 4xx and a reason, and changes
nothing; enrolment codes are one-time and expire; versions are checked."""

import gzip
import json

import pytest

from fieldapp.db import connect
from sync import capture, hlc, server
from sync.protocol import PROTOCOL

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")


def enrolled(db):
    office = db.execute("select id from offices").fetchone()[0]
    answer = server.enrol(db.sync, {"protocol": PROTOCOL, "code": server.create_enrolment_code(
        db.sync, office, user_id=None), "device_name": "test laptop"})
    # The id the changes below are stamped with: an edit is stamped by the device sending it.
    db.execute("update devices set id = 'laptop-1' where id = ?", [answer["device_id"]])
    answer["device_id"] = "laptop-1"
    return {"Authorization": f"Device {answer['device_id']}:{answer['secret']}"}, answer


def state(db):
    """What a refused request must leave untouched."""
    return {"log": db.execute("select count(*), coalesce(max(seq), 0) from sync_log").fetchone(),
            "villages": db.execute("select count(*) from villages").fetchone()[0],
            "devices": [tuple(r) for r in db.execute(
                "select id, last_seq, revoked_at from devices order by id")]}


def change(seq, **fields):
    stamp = hlc.make(hlc.now_ms(), seq, "laptop-1")
    return {"seq": seq, "table": "villages", "id": f"v-{seq}",
            "fields": {k: [v, stamp, ""] for k, v in fields.items()}}


def message(*changes, **overrides):
    seqs = [c["seq"] for c in changes if isinstance(c, dict) and type(c.get("seq")) is int]
    return {"protocol": PROTOCOL, "now": hlc.now_ms(),
            "push": {"after": seqs[0] - 1 if seqs else 0, "last": seqs[-1] if seqs else 0,
                     "changes": list(changes)},
            "pull": {"cursor": 0}, **overrides}


def post(client, body, headers=None, raw=False):
    data = body if raw else json.dumps(body)
    return client.post("/api/v1/sync", data=data, headers=headers or {},
                       content_type="application/json")


def test_laptops_do_not_serve_the_api(app):
    response = app.test_client().post("/api/v1/sync", data="{}")
    assert response.status_code == 404


HOSTILE = {
    "not json": (b"{nope", 400, "not JSON"),
    "not an object": ([1, 2], 400, "not a JSON object"),
    "no protocol": ({"now": 1}, 400, "protocol"),
    "old protocol": ({"protocol": 0, "now": 1}, 426, "update fieldapp"),
    "future protocol": ({"protocol": 99, "now": 1}, 400, "newer"),
    "no clock": ({"protocol": PROTOCOL}, 400, "clock"),
    "unknown table": (message({**change(1, name="x"), "table": "devices"}), 400,
                      "unknown table"),
    "bad id": (message({**change(1, name="x"), "id": "'; drop table villages; --"}), 400,
               "record id"),
    "bad field name": (message({**change(1), "fields": {"sync_clock": ["{}", hlc.make(
        1, 0, "x"), ""]}}), 400, "invalid field name"),
    "bad stamp": (message({**change(1), "fields": {"name": ["x", "yesterday", ""]}}), 400,
                  "stamp"),
    "base after stamp": (message({**change(1), "fields": {"name": [
        "x", hlc.make(1, 0, "a"), hlc.make(2, 0, "a")]}}), 400, "stamp"),
    "huge value": (message(change(1, name="x" * 30_000)), 400, "at most 20000 characters"),
    "object value": (message({**change(1), "fields": {"name": [{"a": 1}, hlc.make(
        1, 0, "a"), ""]}}), 400, "a value must be"),
    "no base": (message({**change(1), "fields": {"name": ["x", hlc.make(1, 0, "a"), None]}}),
                400, "expected [value, stamp, base stamp]"),
    "two of three": (message({**change(1), "fields": {"name": ["x", hlc.make(1, 0, "a")]}}),
                     400, "expected [value, stamp, base stamp]"),
    "no sequence": (message({k: v for k, v in change(1, name="x").items() if k != "seq"}), 400,
                    "sequence"),
    "too many": (message(*[change(n, name="x") for n in range(1, 1002)]), 413, "at most"),
    "bad cursor": (message(pull={"cursor": -5}), 400, "cursor"),
    "no log position": (message(change(1, name="x"), push={"changes": [change(1, name="x")]}),
                        400, "'after'"),
    "after past last": (message(push={"after": 5, "last": 4, "changes": []}), 400, "'after'"),
    "after as text": (message(push={"after": "0", "last": 1, "changes": []}), 400, "'after'"),
    "changes before after": (message(push={"after": 3, "last": 9, "changes": [
        change(2, name="x")]}), 400, "outside 'after' and 'last'"),
    "changes past last": (message(push={"after": 0, "last": 1, "changes": [
        change(1, name="x"), change(2, name="y")]}), 400, "outside 'after' and 'last'"),
}


# Refused by sync.protocol's checks or the body reader before the store is read (beyond the
# device's credentials, checked on both stores below): the same path on every store, so run on
# SQLite alone; refused_before_the_store fails the test should one reach it.
@pytest.mark.central_stores("sqlite")
@pytest.mark.parametrize("case", HOSTILE)
def test_malformed_requests_are_refused_with_a_reason_and_change_nothing(
        central_app, case, refused_before_the_store):
    app, db = central_app
    headers, _ = enrolled(db)
    body, status, reason = HOSTILE[case]
    before = state(db)
    response = post(app.test_client(), body if not isinstance(body, bytes) else body, headers,
                    raw=isinstance(body, bytes))
    assert response.status_code == status
    assert reason in response.get_json()["reason"]
    assert state(db) == before


@pytest.mark.parametrize("header", [None, "Bearer x", "Device nobody:secret", "Device :"])
def test_requests_without_valid_device_credentials_are_refused(central_app, header):
    app, db = central_app
    headers, answer = enrolled(db)
    before = state(db)
    response = post(app.test_client(), message(change(1, name="x")),
                    {"Authorization": header} if header else {})
    assert response.status_code == 401
    assert "reason" in response.get_json()
    wrong = {"Authorization": f"Device {answer['device_id']}:not-the-secret"}
    assert post(app.test_client(), message(), wrong).status_code == 401
    assert state(db) == before


@pytest.mark.central_stores("sqlite")  # refused before the store, as HOSTILE's cases
def test_gzip_bodies_are_checked_too(central_app, refused_before_the_store):
    app, db = central_app
    headers, _ = enrolled(db)
    before = state(db)
    client = app.test_client()
    bad = client.post("/api/v1/sync", data=b"not gzip at all", content_type="application/json",
                      headers={**headers, "Content-Encoding": "gzip"})
    assert bad.status_code == 400 and "gzip" in bad.get_json()["reason"]
    # 40 MB of zeros packs into a few kB: refused once unpacked, not read into memory whole.
    bomb = gzip.compress(b"0" * (40 * 1024 * 1024))
    response = client.post("/api/v1/sync", data=bomb, content_type="application/json",
                           headers={**headers, "Content-Encoding": "gzip"})
    assert response.status_code == 413
    assert state(db) == before


def test_a_retried_batch_changes_nothing(central_app):
    app, db = central_app
    headers, _ = enrolled(db)
    commune = db.execute("select commune_code from office_communes limit 1").fetchone()[0]
    batch = message(change(1, name="Bản Mới", name_key="ban moi", kind="ban",
                           commune_code=commune, created_at="2026-11-23T00:00:00Z",
                           updated_at="2026-11-23T00:00:00Z"))
    client = app.test_client()
    first = post(client, batch, headers)
    assert first.status_code == 200 and first.get_json()["ack_seq"] == 1
    after_first = state(db)
    again = post(client, batch, headers)
    assert again.status_code == 200 and again.get_json()["ack_seq"] == 1
    assert state(db)["log"] == after_first["log"]
    assert db.execute("select count(*) from villages where id = 'v-1'").fetchone()[0] == 1


def test_enrolment_codes_are_one_time_and_expire(central_app):
    app, db = central_app
    office = db.execute("select id from offices").fetchone()[0]
    client = app.test_client()
    code = server.create_enrolment_code(db.sync, office, user_id=None)
    body = {"protocol": PROTOCOL, "code": code, "device_name": "laptop"}
    first = client.post("/api/v1/enroll", json=body)
    assert first.status_code == 200 and first.get_json()["office_id"] == office
    # The server keeps only a hash of the device secret.
    secret = first.get_json()["secret"]
    assert secret not in json.dumps([list(r) for r in db.execute("select * from devices")])
    reused = client.post("/api/v1/enroll", json=body)
    assert reused.status_code == 403 and "already used" in reused.get_json()["reason"]
    expired = server.create_enrolment_code(db.sync, office, user_id=None)
    db.execute("update enrolment_codes set expires_at = '2000-01-01T00:00:00+00:00'"
               " where used_at is null")
    response = client.post("/api/v1/enroll", json={**body, "code": expired})
    assert response.status_code == 403 and "expired" in response.get_json()["reason"]
    unknown = client.post("/api/v1/enroll", json={**body, "code": "AAAA-BBBB-CCCC"})
    assert unknown.status_code == 403
    assert db.execute("select count(*) from devices").fetchone()[0] == 1


def test_an_old_app_is_told_plainly_to_update(central_app):
    app, db = central_app
    headers, _ = enrolled(db)
    response = post(app.test_client(), {"protocol": 0, "now": hlc.now_ms()}, headers)
    assert response.status_code == 426
    assert response.get_json()["supported"] == [1, 2, 3, 4]
    assert "update fieldapp" in response.get_json()["reason"]
    # The previous protocol version is still served.
    assert post(app.test_client(), message(protocol=1), headers).status_code == 200


@pytest.mark.central_stores("sqlite")  # reads no store
def test_version_endpoint_needs_no_credentials(central_app):
    app, _ = central_app
    answer = app.test_client().get("/api/v1/version").get_json()
    assert answer["protocol"] == PROTOCOL and PROTOCOL - 1 in answer["supported"]


def test_every_form_write_is_captured_for_sync(app, db):
    """Each synced row's field stamps point at a sync_log entry: no write skipped capture."""
    from helpers import new_client
    officer = new_client(app, username="canbo")
    village = db.execute("select id from villages where name = 'Mí Háng'").fetchone()[0]
    officer.post_form(f"/villages/{village}/households/new", {
        "full_name": "Giàng A Páo", "gender": "male", "birth_year": "1980", "language": "hnj",
        "bhxh_status": "none", "vssid": "unknown"})
    household = db.execute("select id from households").fetchone()[0]
    officer.post_form(f"/households/{household}/visits/nobody-home")
    admin = new_client(app, username="quantri")
    admin.post_form("/admin/lists/topic", {"code": "maternity", "label": "Maternity"})
    admin.post_form("/translations/hnj/string", {"msgid": "Save", "msgstr": "Khaws",
                                                 "reviewed": "y"})
    logged = {}
    for table, row_id, fields in db.execute("select table_name, row_id, fields from sync_log"):
        for name, (_value, stamp, _base) in json.loads(fields).items():
            logged.setdefault((table, row_id, name), set()).add(stamp)
    from sync.synced_tables import SYNCED_TABLES
    checked = 0
    for table in SYNCED_TABLES:
        for row in db.query(f"select id, sync_clock from [{table}]"):
            for name, stamp in capture.row_clock(row).items():
                assert stamp in logged.get((table, row["id"], name), ()), (table, name)
                checked += 1
    assert checked > 100
    assert {"households", "people", "visits", "list_items", "translation_reviews"} <= {
        t for t, _, _ in logged}


def test_a_laptop_marks_nothing_sent_when_acknowledged_beyond_what_it_sent(app):
    """An acknowledgement past the changes a request carried is an error the laptop acts on:
    its newer work is never counted as sent."""
    from sync import client
    db = connect(app.config["DATABASE"])
    try:
        db.sync.set_state("pushed_seq", 3)
        answer = {"ack_seq": 9, "rejected": [], "clock_offset_ms": 0,
                  "pull": {"cursor": 0, "more": False, "changes": []}}
        with pytest.raises(client.SyncError) as raised:
            client._apply(db.sync, answer, client.Progress(), 0, (3, 5))
        assert raised.value.kind == "mismatch"
        assert db.sync.state("pushed_seq") == "3"
        with pytest.raises(client.SyncError):
            client._apply(db.sync, {**answer, "ack_seq": 2}, client.Progress(), 0, (3, 5))
        client._apply(db.sync, {**answer, "ack_seq": 5}, client.Progress(), 0, (3, 5))
        assert db.sync.state("pushed_seq") == "5"
    finally:
        db.close()
