"""Every malformed sync or enrolment request is answered with a 4xx and a reason, and changes
nothing on the central server: each bad request below carries a change (or a code) the server
would otherwise take."""

import gzip
import http.client
import json
import re
import urllib.parse

import pytest

from sync import hlc, server
from sync.protocol import MAX_BODY, MAX_FIELDS, PROTOCOL
from syncing import Central

BIG = 2**63


def everything(db):
    """What a refused request must leave untouched: the rows of every table, the devices
    (last_seq among them) and the enrolment codes."""
    from fieldapp.schema import metadata
    return {"rows": {t: db.execute(f'select count(*) from "{t}"').fetchone()[0]
                     for t in metadata.tables},
            "devices": [tuple(r) for r in db.execute("select * from devices order by id")],
            "codes": [tuple(r) for r in db.execute(
                "select * from enrolment_codes order by code_hash")]}


def enrol(db):
    office = db.execute("select id from offices order by created_at").fetchone()[0]
    answer = server.enrol(db.sync, {"protocol": PROTOCOL, "code": server.create_enrolment_code(
        db.sync, office, user_id=None), "device_name": "test laptop"})
    # The id the changes are stamped with: an edit is stamped by the device sending it.
    db.execute("update devices set id = 'laptop-1' where id = ?", [answer["device_id"]])
    return {"Authorization": f"Device laptop-1:{answer['secret']}"}


def good_sync(db, **fields):
    """A push of one new village of the device's office, which the server takes."""
    commune = db.execute("select commune_code from office_communes limit 1").fetchone()[0]
    stamp = hlc.make(hlc.now_ms(), 0, "laptop-1")
    fields = {"name": "Bản Mới", "name_key": "ban moi", "kind": "ban", "commune_code": commune,
              "created_at": "2026-11-23T00:00:00Z", "updated_at": "2026-11-23T00:00:00Z",
              **fields}
    return {"protocol": PROTOCOL, "app_version": "0.1.0", "now": hlc.now_ms(),
            "push": {"after": 0, "last": 1, "changes": [{"seq": 1, "table": "villages", "id": "v-1",
                                  "fields": {k: [v, stamp, ""] for k, v in fields.items()}}]},
            "pull": {"cursor": 0}}


def the_change(message):
    return message["push"]["changes"][0]


def with_change(**changed):
    return lambda m: the_change(m).update(changed)


def with_field(name, triple):
    return lambda m: the_change(m)["fields"].update({name: triple})


def with_value(value):
    return lambda m: the_change(m)["fields"]["name"].__setitem__(0, value)


def with_stamp(stamp):
    return lambda m: the_change(m)["fields"]["name"].__setitem__(1, stamp)


def with_message(**changed):
    return lambda m: m.update(changed)


def with_pull(cursor):
    return lambda m: m["pull"].update(cursor=cursor)


def many_fields(m):
    stamp = the_change(m)["fields"]["name"][1]
    the_change(m)["fields"].update({f"extra_{n}": ["x", stamp, ""] for n in range(MAX_FIELDS)})


def nested(levels):
    """Stands for that many arrays one inside the other (which json.dumps cannot write)."""
    return f"__nested_{levels}__"


def body_of(message):
    return re.sub(r'"__nested_(\d+)__"', lambda m: "[" * int(m[1]) + "]" * int(m[1]),
                  json.dumps(message)).encode()


SYNC = {
    # 64-bit overflow, and true, false or 1.0 where a whole number is expected
    "cursor 2**63": (with_pull(BIG), 400, "cursor"),
    "cursor true": (with_pull(True), 400, "cursor"),
    "cursor 1.0": (with_pull(1.0), 400, "cursor"),
    "seq 2**63": (with_change(seq=BIG), 400, "sequence"),
    "seq true": (with_change(seq=True), 400, "sequence"),
    "seq 1.5": (with_change(seq=1.5), 400, "sequence"),
    "value 2**63": (with_value(BIG), 400, "64 bits"),
    "value below -2**63": (with_value(-BIG - 1), 400, "64 bits"),
    "protocol true": (with_message(protocol=True), 400, "protocol"),
    "protocol 2.0": (with_message(protocol=2.0), 400, "protocol"),
    "protocol '2'": (with_message(protocol="2"), 400, "protocol"),
    # the device's clock
    "now negative": (with_message(now=-1), 400, "clock"),
    "now 2**63": (with_message(now=BIG), 400, "clock"),
    "now past any stamp": (with_message(now=10**13), 400, "clock"),
    "now true": (with_message(now=True), 400, "clock"),
    "now a float": (with_message(now=float(hlc.now_ms())), 400, "clock"),
    # NUL, lone surrogates and a trailing newline in ids, table and field names, values
    "NUL in id": (with_change(id="v-1\x00"), 400, "record id"),
    "surrogate in id": (with_change(id="v-\ud800"), 400, "record id"),
    "newline after id": (with_change(id="v-1\n"), 400, "record id"),
    "NUL in table": (with_change(table="villages\x00"), 400, "unknown table"),
    "surrogate in table": (with_change(table="\udcffvillages"), 400, "unknown table"),
    "table a list": (with_change(table=["villages"]), 400, "unknown table"),
    "NUL in a field name": (with_field("name\x00", ["x", hlc.make(1, 0, "a"), ""]), 400,
                            "invalid field name"),
    "surrogate in a field name": (with_field("n\ud83d", ["x", hlc.make(1, 0, "a"), ""]), 400,
                                  "invalid field name"),
    "NUL in a value": (with_value("Bản\x00Mới"), 400, "no NUL"),
    "surrogate in a value": (with_value("Bản \udc80"), 400, "valid Unicode"),
    "newline after a stamp": (with_stamp(hlc.make(hlc.now_ms(), 0, "laptop-1") + "\n"), 400,
                              "stamp"),
    "surrogate in a stamp": (with_stamp(hlc.make(hlc.now_ms(), 0, "laptop-\ud800")), 400,
                             "stamp"),
    # Found by schemathesis: a list where a stamp goes was looked up in a set (a 500).
    "a stamp that is a list": (with_stamp([]), 400, "stamp"),
    "a stamp that is an object": (with_stamp({"t": 1}), 400, "stamp"),
    "NUL in app_version": (with_message(app_version="0.1\x00"), 400, "app_version"),
    "surrogate in app_version": (with_message(app_version="\ud800"), 400, "app_version"),
    "app_version an object": (with_message(app_version={"v": 1}), 400, "app_version"),
    # size and shape
    f"more than {MAX_FIELDS} fields": (many_fields, 413, f"more than {MAX_FIELDS} fields"),
    "a value nested 900 deep": (with_value(nested(900)), 400, "nests too deeply"),
    "a value nested 20 deep": (with_value(nested(20)), 400, "nests too deeply"),
    "'again' a number": (with_change(again=1), 400, "'again'"),
    "protocol 3": (with_message(protocol=PROTOCOL + 1), 400, "newer"),
    "pull false": (with_message(pull=False), 400, "cursor"),
    "push an empty list": (with_message(push=[]), 400, "'push'"),
    "changes not a list": (with_message(push={"changes": {}}), 400, "'push'"),
}

RAW = {
    "nested 5,000 deep": (b"[" * 5000 + b"]" * 5000, 400, "nests too deeply"),
    # The limit exactly: 16 arrays are read (and refused for what they are), 17 are not.
    "nested 16 deep": (b"[" * 16 + b"]" * 16, 400, "not a JSON object"),
    "nested 17 deep": (b"[" * 17 + b"]" * 17, 400, "nests too deeply"),
    "a value in 16 objects": (b'{"a":' * 16 + b"1" + b"}" * 16, 400, "nests too deeply"),
    "a value in 15 objects": (b'{"a":' * 15 + b"1" + b"}" * 15, 400, "protocol"),
    "objects nested 5,000 deep": (b'{"a":' * 5000 + b"1" + b"}" * 5000, 400,
                                  "nests too deeply"),
    "an array": (b"[1, 2]", 400, "not a JSON object"),
    "a string": (b'"sync"', 400, "not a JSON object"),
    "null": (b"null", 400, "not a JSON object"),
    "NaN": (b'{"protocol": 2, "now": NaN}', 400, "not JSON"),
    "1e400": (None, 400, "not JSON"),  # a number no 64-bit float holds
    "not UTF-8": (b'{"protocol": 2, "now": "\xff"}', 400, "not JSON"),
    "empty": (b"", 400, "not JSON"),
}


# The good requests on SQLite and on PostgreSQL; the malformed ones, refused before the store,
# on SQLite (each test says so).
CENTRAL_STORES = ("sqlite", "postgresql")


@pytest.fixture
def central(central_app):
    app, db = central_app
    return app.test_client(), db, enrol(db)


def post(client, path, body, headers, content_type="application/json"):
    return client.post(path, data=body, headers=headers, content_type=content_type)


def assert_refused(response, status, reason):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert reason in response.get_json()["reason"]


def test_the_good_request_the_cases_spoil_is_taken(central):
    """Without its defect each request below would change the central database."""
    client, db, headers = central
    before = everything(db)
    response = post(client, "/api/v1/sync", body_of(good_sync(db)), headers)
    assert response.status_code == 200 and response.get_json()["rejected"] == []
    after = everything(db)
    assert after["rows"]["villages"] == before["rows"]["villages"] + 1
    assert [d[0] for d in after["devices"]] == [d[0] for d in before["devices"]]
    assert after["devices"] != before["devices"]  # last_seq is 1 now
    assert db.execute("select last_seq from devices").fetchone()[0] == 1


# Refused by sync.protocol's checks or the body reader before the store is read (beyond the
# device's credentials, which the good requests above check on both stores): the same path on
# every store, so run on SQLite alone; refused_before_the_store fails the test should one reach it.
@pytest.mark.central_stores("sqlite")
@pytest.mark.parametrize("case", SYNC)
def test_a_malformed_sync_is_refused_and_changes_nothing(central, case, refused_before_the_store):
    client, db, headers = central
    spoil, status, reason = SYNC[case]
    message = good_sync(db)
    spoil(message)
    before = everything(db)
    assert_refused(post(client, "/api/v1/sync", body_of(message), headers), status, reason)
    assert everything(db) == before


@pytest.mark.central_stores("sqlite")  # refused before the store, as SYNC's cases
@pytest.mark.parametrize("case", RAW)
@pytest.mark.parametrize("path", ["/api/v1/sync", "/api/v1/enroll"])
@pytest.mark.parametrize("packed", [False, True], ids=["plain", "gzip"])
def test_a_body_that_is_no_request_is_refused_and_changes_nothing(central, case, path, packed,
                                                                  refused_before_the_store):
    client, db, headers = central
    body, status, reason = RAW[case]
    if body is None:
        body = body_of(good_sync(db)).replace(b'"now": ', b'"now": 1e400, "then": ', 1)
    if packed:
        body, headers = gzip.compress(body), {**headers, "Content-Encoding": "gzip"}
    before = everything(db)
    assert_refused(post(client, path, body, headers), status, reason)
    assert everything(db) == before


@pytest.mark.central_stores("sqlite")  # refused before the store, as SYNC's cases
@pytest.mark.parametrize("path", ["/api/v1/sync", "/api/v1/enroll"])
def test_only_json_is_read_and_only_gzip_unpacked(central, path, refused_before_the_store):
    client, db, headers = central
    body = body_of(good_sync(db))
    before = everything(db)
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        response = client.post(path, data=body, headers=headers, content_type=content_type)
        assert_refused(response, 415, "Content-Type: application/json")
    assert_refused(post(client, path, body, {**headers, "Content-Encoding": "br"}), 415,
                   "gzip")
    packed = gzip.compress(body)
    broken = {
        "not gzip": b"not gzip at all",
        "cut short": packed[:-12],
        "corrupt inside": packed[:10] + bytes(b ^ 0x55 for b in packed[10:-8]) + packed[-8:],
    }
    for name, bad in broken.items():
        response = post(client, path, bad, {**headers, "Content-Encoding": "gzip"})
        assert_refused(response, 400, "gzip")
    assert everything(db) == before


def good_enrolment(db):
    office = db.execute("select id from offices order by created_at").fetchone()[0]
    return {"protocol": PROTOCOL, "app_version": "0.1.0", "device_name": "Máy của Páo",
            "code": server.create_enrolment_code(db.sync, office, user_id=None)}


ENROL = {
    "NUL in the name": ({"device_name": "Máy\x00"}, 400, "name for the laptop"),
    "surrogate in the name": ({"device_name": "Máy \ud800"}, 400, "name for the laptop"),
    "a name of 101 characters": ({"device_name": "m" * 101}, 400, "at most 100"),
    "the name a list": ({"device_name": ["Máy"]}, 400, "name for the laptop"),
    "the code a number": ({"code": 1234}, 400, "code"),
    "surrogate in the code": ({"code": "ABCD-\udfff"}, 400, "code"),
    "app_version an object": ({"app_version": {"v": 1}}, 400, "app_version"),
    "surrogate in app_version": ({"app_version": "\ud800"}, 400, "app_version"),
    "protocol true": ({"protocol": True}, 400, "protocol"),
    "protocol 3": ({"protocol": PROTOCOL + 1}, 400, "newer"),
    "protocol 0": ({"protocol": 0}, 426, "update fieldapp"),
    "the code nested 900 deep": ({"code": nested(900)}, 400, "nests too deeply"),
}


def test_the_good_enrolment_the_cases_spoil_is_taken(central):
    client, db, _ = central
    message = good_enrolment(db)
    before = everything(db)
    assert client.post("/api/v1/enroll", json=message).status_code == 200
    assert len(everything(db)["devices"]) == len(before["devices"]) + 1


@pytest.mark.central_stores("sqlite")  # refused by check_enrol before the store is read
@pytest.mark.parametrize("case", ENROL)
def test_a_malformed_enrolment_is_refused_and_changes_nothing(central, case,
                                                              refused_before_the_store):
    client, db, _ = central
    changed, status, reason = ENROL[case]
    message = {**good_enrolment(db), **changed}
    before = everything(db)
    assert_refused(post(client, "/api/v1/enroll", body_of(message), {}), status, reason)
    assert everything(db) == before


# Against a real server process: what a proxy or the server itself sees on the wire.

@pytest.fixture(scope="module")
def central_process(tmp_path_factory):
    process = Central(tmp_path_factory.mktemp("central") / "instance")
    yield process
    process.stop()


def send(url, path, body, headers):
    """(status, JSON answer) of a POST sent with http.client: `body` may be an iterator of
    chunks, sent with Transfer-Encoding: chunked and no length."""
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    try:
        chunked = not isinstance(body, bytes)
        connection.request("POST", "/api/v1" + path, body=body, encode_chunked=chunked,
                           headers={"Content-Type": "application/json", **headers})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_a_real_server_refuses_deep_and_oversized_bodies(central_process):
    db = central_process.db
    headers = enrol(db)
    deep = gzip.compress(b"[" * 50_000 + b"]" * 50_000, 9)
    assert len(deep) < 300  # what an attacker sends: a few hundred bytes
    before = everything(db)
    for path, extra in (("/sync", headers), ("/enroll", {})):
        status, answer = send(central_process.url, path, deep,
                              {**extra, "Content-Encoding": "gzip"})
        assert (status, answer["reason"]) == (400, "the body nests too deeply")
        status, answer = send(central_process.url, path, b"[" * 100_000 + b"]" * 100_000,
                              extra)
        assert (status, answer["reason"]) == (400, "the body nests too deeply")
    # Over the limit: declared, and sent in chunks with no length.
    too_big = b" " * (MAX_BODY + 1)
    status, answer = send(central_process.url, "/sync", too_big, headers)
    assert status == 413 and "too large" in answer["reason"]
    chunks = (b" " * (1024 * 1024) for _ in range(MAX_BODY // (1024 * 1024) + 1))
    status, answer = send(central_process.url, "/sync", chunks, headers)
    assert status == 413 and "too large" in answer["reason"]
    # A good request in chunks is read whole.
    status, answer = send(central_process.url, "/sync", iter([body_of(good_sync(db))]),
                          headers)
    assert status == 200 and answer["ack_seq"] == 1
    after = everything(db)
    assert after["rows"]["villages"] == before["rows"]["villages"] + 1
    assert central_process.errors() == []
