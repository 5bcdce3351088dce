"""The laptop's side: enrol once, then push local changes and pull the office's, batch by batch.

Every batch is checkpointed in the laptop's database in the same transaction that applies it,
so a sync cut at any point re-sends at most one batch, which the server recognises and skips.
"""

import gzip
import http.client
import io
import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import (capture, clock, enrolment, erasure, handover, hlc, inbox, lineage, merge, pages,
               refused)
from .protocol import BATCH, CLOCK_TOLERANCE_MS, PROTOCOL, SUPPORTED

API = "/api/v1"
# Level 5 packs sync messages nearly as small as 9 in a third of the time.
COMPRESSION = 5
DEVICE_FILE = "device.json"


class SyncError(Exception):
    """A sync that could not finish; `reason` is plain words, `status` the HTTP status if any."""

    def __init__(self, reason, status=None, kind="error", detail=None):
        super().__init__(reason)
        self.reason, self.status, self.kind = reason, status, kind
        self.detail = detail or {}  # the answer's other fields (an enrolment's "missing")


@dataclass
class Progress:
    step: str = "starting"
    sent: int = 0
    received: int = 0
    requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    # Records the central server refused this sync ("rejected" on the wire).
    refused: list = field(default_factory=list)
    # The device the laptop syncs as (a new one after a split) and the repairs made.
    device: dict = None
    repairs: list = field(default_factory=list)


def load_device(instance_path):
    path = Path(instance_path) / DEVICE_FILE
    return json.loads(path.read_text()) if path.exists() else None


def _save_device(instance_path, device):
    path = Path(instance_path) / DEVICE_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(device, f)


def _encode(message):
    """The request as JSON; outgoing changes go in as the log holds them, not parsed again."""
    changes = (message.get("push") or {}).get("changes")
    if not isinstance(changes, Changes):
        return json.dumps(message, separators=(",", ":"))
    head, tail = _around_changes(message)
    return head + changes.json() + tail


def _packed(message):
    """The request as gzipped JSON; outgoing changes go in as packed ahead (Changes.packed):
    a gzip reader reads the members of a body one after another, as one text."""
    changes = (message.get("push") or {}).get("changes")
    if not isinstance(changes, Changes):
        return _gzip(_encode(message))
    head, tail = _around_changes(message)
    return _gzip(head) + changes.packed + _gzip(tail)


def _around_changes(message):
    """(the request's JSON before its outgoing changes, after them)."""
    rest = json.dumps({**message, "push": None}, separators=(",", ":"))
    push = json.dumps({**message["push"], "changes": None}, separators=(",", ":"))
    # The only "changes" key of the text: a quote inside a value is escaped, never bare.
    head, tail = rest.replace('"push":null', '"push":' + push, 1).split('"changes":null', 1)
    return head + '"changes":', tail


def _gzip(text):
    return gzip.compress(text.encode(), compresslevel=COMPRESSION, mtime=0)


def _post(url, message, credentials=None, timeout=60, app_version="", read=json.load):
    """(answer read by `read` from the body as a file, unpacked, bytes sent, bytes received)
    of a POST."""
    body = _packed(message)
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip",
               "Accept-Encoding": "gzip", "User-Agent": f"fieldapp/{app_version}"}
    if credentials:
        headers["Authorization"] = f"Device {credentials['device_id']}:{credentials['secret']}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            encoding = response.headers.get("Content-Encoding")
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            detail = json.loads(gzip.decompress(raw) if e.headers.get("Content-Encoding")
                                == "gzip" else raw)
            reason = detail.get("reason") or str(e)
        except ValueError:
            detail, reason = {}, f"the central server answered {e.code}"
        kind = {401: "not_enrolled", 403: "refused", 426: "update_app"}.get(e.code, "error")
        raise SyncError(reason, e.code, kind, detail if isinstance(detail, dict) else {}
                        ) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
        raise SyncError(f"the central server cannot be reached ({getattr(e, 'reason', e)})",
                        kind="offline") from None
    data = io.BytesIO(raw)
    try:
        return read(gzip.GzipFile(fileobj=data) if encoding == "gzip" else data), len(body), \
            len(raw)
    except (ValueError, OSError, EOFError):  # also gzip's own errors
        raise SyncError("the central server's answer was cut off or garbled") from None


def enrol(store, instance_path, central_url, code, device_name, app_version=""):
    """Exchange a one-time code for this laptop's device id and secret, and take over the
    office from the central server (see sync.enrolment); return the device with what the
    enrolment did to this laptop's own office and users under "rehomed"."""
    central_url = central_url.rstrip("/")
    sent = hlc.now_ms()
    try:
        answer, _, _ = _post(central_url + API + "/enroll", {
            "protocol": PROTOCOL, "app_version": app_version, "code": code,
            "device_name": device_name, "accounts": enrolment.accounts_in_use(store)},
            app_version=app_version)
    except SyncError as e:
        if e.status == 409 and e.detail.get("missing"):
            e.kind = "accounts"  # this laptop's accounts the central server must add first
        raise
    # The central clock minus ours, taken at the middle of the round trip.
    offset = answer["server_now"] - (sent + hlc.now_ms()) // 2
    device = {"central_url": central_url, "device_id": answer["device_id"],
              "secret": answer["secret"], "office_id": answer["office_id"]}
    with store.atomic():
        rehomed = enrolment.take_office(store, device["device_id"], device["office_id"],
                                        answer.get("directory") or [], offset)
    _save_device(instance_path, device)
    return {**device, "rehomed": rehomed}


class Changes(list):
    """Outgoing changes, each with its fields as the JSON text stored in the log."""

    def json(self):
        return "[" + ",".join(
            f'{{"seq":{seq},"table":{json.dumps(table)},"id":{json.dumps(row_id)},'
            f'"fields":{fields}{_AGAIN if again else ""}}}'
            for seq, table, row_id, fields, again in self) + "]"

    @cached_property
    def packed(self):
        """Their JSON as a gzip member, made once."""
        return _gzip(self.json())


_AGAIN = ',"again":true'


def _outgoing(store, pushed_seq):
    """The next batch of changes to push, packed now: the request before it is in flight."""
    rows = [(seq, table, row_id, fields, origin == capture.AGAIN)
            for seq, table, row_id, fields, origin in store.log_after(pushed_seq, BATCH)]
    # Unknown fields from a newer app travel with the row's next change.
    if store.find("sync_extra", limit=1):
        rows = [(seq, table, row_id, _with_extra(store, table, row_id, fields), again)
                for seq, table, row_id, fields, again in rows]
    changes = Changes(rows)
    _ = changes.packed
    return changes


def _with_extra(store, table, row_id, fields):
    fields = json.loads(fields)
    fields.update({k: v for k, v in merge.extra_fields(store, table, row_id).items()
                   if k not in fields})
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def _pulled(pull, device_id, mine):
    """The changes of a pull answer (protocol 4: decoded from its pages, this laptop's own that
    it holds skipped unless it asked for them)."""
    try:
        return pages.decode(pull, device_id, mine)
    except pages.Garbled:
        raise SyncError("the central server's answer was cut off or garbled") from None


def _apply(store, answer, progress, clock_offset, sent):
    """Checkpoint the push and its refusals, correct the clock, and take the pulled batch: one
    transaction. `clock_offset` is the correction the sync's requests were made with; `sent`
    the (after, last) positions of the changes the request pushed. Returns whether the
    office gained a commune, whose records are then pulled from the start."""
    after, last = sent
    if not after <= answer["ack_seq"] <= last:
        # Counting changes never sent as sent would lose them: stop, having changed nothing.
        raise SyncError(f"the central server acknowledged changes up to {answer['ack_seq']},"
                        f" but this request sent those after {after} up to {last}; nothing"
                        " was marked as sent", kind="mismatch")
    with store.atomic():
        sent_after = int(store.state("pushed_seq", 0))
        store.set_state("pushed_seq", answer["ack_seq"])
        refused.note(store, sent_after, answer["ack_seq"], answer.get("rejected", []))
        # The answer measures the error left in our corrected clock: the correction becomes
        # the one we used plus that error, so it converges instead of growing at every sync.
        error = answer.get("clock_offset_ms", 0)
        if abs(error) > CLOCK_TOLERANCE_MS:
            store.set_state("clock_offset_ms", clock_offset + error)
            store.clock = None
        pull = answer["pull"]
        communes = handover.office_commune_codes(store)
        inbox.receive(store, pull["changes"], answer["ack_seq"])
        capture.observe(store, [max((triple[1] for c in pull["changes"]
                                  for triple in c["fields"].values()), default="")])
        gained = handover.changed(store, communes)
        if gained:
            store.set_state("pull_mine_until", pull["cursor"])
        store.set_state("pull_cursor", 0 if gained else pull["cursor"])
    progress.received += len(pull["changes"])
    progress.refused += answer.get("rejected", [])
    return bool(gained)


def _recover(store, device, recover, instance_path):
    """Repair this laptop's log as the central server asks (see sync.lineage); return the
    device it syncs as from now on."""
    if recover.get("kind") == lineage.SPLIT:
        new = {**device, "device_id": recover["device_id"], "secret": recover["secret"]}
        new.pop("rehomed", None)
        # The log first, then the credentials: a laptop that stops between the two syncs as its
        # old identity with a log that no longer matches it, and is split again.
        with store.atomic():
            common = lineage.common_position(store, recover)
            restamped = lineage.take_new_identity(store, new["device_id"], common)
            handover.note(store, "split", old=device["device_id"], new=new["device_id"],
                          records=restamped)
        if instance_path:
            _save_device(instance_path, new)
        return new
    if recover.get("kind") == lineage.RESEND:
        with store.atomic():
            records = lineage.send_everything_again(store, recover)
            handover.note(store, "central_restored", records=records)
        return device
    raise SyncError("the central server asked for a repair this app does not know: update"
                    " fieldapp, then sync again", kind="update_app")


# A sync starts again from its checkpoint after a repair or a commune gained: a few times at
# most, since each start leaves less to repair.
RESTARTS = 4


def sync(store, device, app_version="", on_progress=None, timeout=60, instance_path=None):
    """Push every local change and pull every change of the office; return the Progress.

    One request is in flight while the laptop works: the next full batch to push is read and
    packed while the server merges this one, and the next request goes out before this
    answer is applied. Answers are applied and checkpointed in order, one transaction each; a
    request whose answer was never applied is sent again by the next sync, and the server
    knows what it already has. When the server asks for a repair (sync.lineage), the laptop
    makes it and starts again; `instance_path` is where new credentials are kept.
    """
    progress = Progress(device=device)
    with store.atomic():
        refused.send_again(store)
        inbox.retry(store, int(store.state("pushed_seq", 0)))
    for _ in range(RESTARTS):
        recover = _exchange(store, progress, app_version, on_progress, timeout)
        if recover is None:
            break
        if recover is not True:
            progress.device = _recover(store, progress.device, recover, instance_path)
            progress.repairs.append(recover["kind"])
    else:
        raise SyncError("the sync did not settle after repairing this laptop's log; try again",
                        kind="error")
    with store.atomic():
        handover.drop_left(store)
        store.set_state("last_sync_at", clock.stamp())
    # Numbers erased by what was pulled leave no old page in the write-ahead log.
    erasure.settle(store)
    _report(progress, on_progress, "done")
    return progress


def _report(progress, on_progress, step):
    progress.step = step
    if on_progress:
        on_progress(progress)


def _exchange(store, progress, app_version, on_progress, timeout):
    """Requests from the checkpoint until nothing is left each way; None when done, the
    server's repair to make, or True to start again (a commune gained)."""
    device = progress.device
    url = device["central_url"] + API + "/sync"
    # Every request of this sync carries the clock its stamps were made with.
    clock_offset = int(store.state("clock_offset_ms", 0))
    # Pulling again from the start after a commune was gained: this laptop's own changes too,
    # as it may have dropped them when the commune was another office's.
    mine_until = int(store.state("pull_mine_until", 0))

    def send(outgoing, after, cursor, continuing=False):
        """The request in flight, and whether it asks for this laptop's own changes too;
        `continuing`: a later request of this sync, done once it reaches the bound its first
        set (what others pushed since comes at the next sync)."""
        _report(progress, on_progress, "sending" if outgoing else "receiving")
        return in_flight.submit(_post, url, {
            "protocol": PROTOCOL, "app_version": app_version,
            "now": hlc.now_ms() + clock_offset,
            "push": {"after": after, "last": max(store.last_seq(), after),
                     "changes": outgoing},
            "pull": {"cursor": cursor, **({"mine": True} if cursor < mine_until else {}),
                     **({"continuing": True} if continuing else {})}},
            device, timeout=timeout, app_version=app_version), cursor < mine_until

    with ThreadPoolExecutor(max_workers=1) as in_flight, capture.collector_paused():
        after = int(store.state("pushed_seq", 0))
        outgoing = _outgoing(store, after)
        request, mine = send(outgoing, after, int(store.state("pull_cursor", 0)))
        while True:
            last = outgoing[-1][0] if outgoing else after
            following = _outgoing(store, last) if len(outgoing) == BATCH else None
            answer, up, down = request.result()
            if answer.get("protocol") not in SUPPORTED:
                raise SyncError("the central server speaks another protocol version")
            progress.requests += 1
            progress.bytes_up += up
            progress.bytes_down += down
            if answer.get("recover"):
                return answer["recover"]
            answer["pull"]["changes"] = _pulled(answer["pull"], device["device_id"], mine)
            progress.sent += len(outgoing)
            more = len(outgoing) == BATCH or answer["pull"]["more"]
            if more:
                if following is None or answer["ack_seq"] != last:
                    following = _outgoing(store, answer["ack_seq"])
                request, next_mine = send(following, answer["ack_seq"], answer["pull"]["cursor"],
                                          continuing=True)
            if _apply(store, answer, progress, clock_offset, (after, last)):
                return True
            _report(progress, on_progress, "applying")
            if not more:
                return None
            outgoing, after, mine = following, answer["ack_seq"], next_mine
