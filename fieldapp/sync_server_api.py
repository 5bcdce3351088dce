"""The sync API under /api/v1, served in central mode: thin HTTP around sync.server."""

import gzip
import io
import zlib

from flask import Blueprint, Response, abort, current_app, request

from sync import capture, pages, server, verify
from sync.protocol import MAX_BODY, PROTOCOL, SUPPORTED, RequestDenied, check_enrol, decode

from . import __version__, audit, rules
from .db import get_db

bp = Blueprint("sync_api", __name__, url_prefix="/api/v1")


@bp.before_request
def central_only():
    if not current_app.config.get("CENTRAL"):
        abort(404)


def _answer(payload, status=200):
    # A pull's pages go out as encoded once for the office (sync.pages).
    body, packed = pages.render(payload, "gzip" in request.headers.get("Accept-Encoding", ""))
    headers = {"Cache-Control": "no-store"}
    if packed:
        headers["Content-Encoding"] = "gzip"
    return Response(body, status=status, mimetype="application/json", headers=headers)


def _message():
    """The request's JSON body, gunzipped; RequestDenied for anything too big or not JSON."""
    if request.mimetype != "application/json":
        raise RequestDenied(415, "the body must be JSON (Content-Type: application/json)")
    encoding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("gzip", "identity"):
        raise RequestDenied(415, "the body must be sent as it is or gzip-compressed")
    if (request.content_length or 0) > MAX_BODY:
        raise RequestDenied(413, "the request is too large")
    raw = _body()
    if len(raw) > MAX_BODY:
        raise RequestDenied(413, "the request is too large")
    if encoding == "gzip":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
                raw = f.read(MAX_BODY + 1)
        except (OSError, EOFError, zlib.error):
            raise RequestDenied(400, "the body is not valid gzip") from None
        if len(raw) > MAX_BODY:
            raise RequestDenied(413, "the request is too large once unpacked")
    return decode(raw)


def _body():
    """The raw body, read to one byte past the limit: a body sent in chunks declares no
    length, and one read may return less than asked."""
    parts, size = [], 0
    while size <= MAX_BODY:
        part = request.stream.read(min(1 << 20, MAX_BODY + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


# A client still sending a body refused as too large would find the connection closed under it
# and never read why (gunicorn closes it; waitress, which read whole bodies first, hid this):
# what it still sends is read and dropped, up to this much, before the answer.
DRAIN_LIMIT = 2 * MAX_BODY


def _drain():
    left = DRAIN_LIMIT
    while left > 0:
        part = request.stream.read(min(1 << 20, left))
        if not part:
            break
        left -= len(part)


@bp.errorhandler(RequestDenied)
def denied(e):
    if e.status == 413:
        _drain()
    return _answer({"reason": e.reason, **e.extra}, e.status)


@bp.post("/enroll")
def enroll():
    message = _message()
    check_enrol(message)
    return _answer(server.enrol(get_db().sync, message))


@bp.post("/sync")
def sync():
    db = get_db()
    device = server.authenticate(db.sync, request.headers.get("Authorization"))
    with capture.collector_paused():
        answer = server.handle_sync(
            db.sync, device, _message(), rules.problems,
            lambda changes: audit.record_merged(db, device["id"], request.remote_addr,
                                                changes))
    if (answer.get("recover") or {}).get("kind") == "split":
        # For the supervisor: which laptop became two, and when.
        audit.record(db, "device_split", device_id=device["id"], address=request.remote_addr,
                     table="devices", row_id=answer["recover"]["device_id"])
    return _answer(answer)


@bp.post("/verify")
def verify_records():
    """Which of the records a laptop names this server holds as the laptop does (sync.verify):
    the check a supervisor asks for before the laptop is wiped. Reads only."""
    db = get_db()
    device = server.authenticate(db.sync, request.headers.get("Authorization"))
    return _answer(verify.held(db.sync, device, _message()))


@bp.get("/version")
def version():
    """Which protocol versions this server speaks; needs no credentials."""
    return _answer({"protocol": PROTOCOL, "supported": list(SUPPORTED), "app": __version__})
