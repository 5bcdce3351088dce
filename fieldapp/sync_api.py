"""The sync API under /api/v1, served in central mode: thin HTTP around sync.server."""

import gzip
import io
import json

from flask import Blueprint, Response, abort, current_app, request

from sync import capture, server
from sync.protocol import MAX_BODY, PROTOCOL, SUPPORTED, Refused

from . import __version__, rules
from .db import get_db

bp = Blueprint("sync_api", __name__, url_prefix="/api/v1")


@bp.before_request
def central_only():
    if not current_app.config.get("CENTRAL"):
        abort(404)


def _answer(payload, status=200):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {"Cache-Control": "no-store"}
    if "gzip" in request.headers.get("Accept-Encoding", "") and len(body) > 512:
        body = gzip.compress(body, compresslevel=5, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return Response(body, status=status, mimetype="application/json", headers=headers)


def _message():
    """The request's JSON body, gunzipped; Refused for anything too big or not JSON."""
    if (request.content_length or 0) > MAX_BODY:
        raise Refused(413, "the request is too large")
    raw = request.get_data(cache=False)
    if request.headers.get("Content-Encoding") == "gzip":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
                raw = f.read(MAX_BODY + 1)
        except (OSError, EOFError):
            raise Refused(400, "the body is not valid gzip") from None
        if len(raw) > MAX_BODY:
            raise Refused(413, "the request is too large once unpacked")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "the body is not JSON") from None
    except RecursionError:
        raise Refused(400, "the body nests too deeply") from None


@bp.errorhandler(Refused)
def refused(e):
    return _answer({"reason": e.reason, **e.extra}, e.status)


@bp.post("/enroll")
def enroll():
    return _answer(server.enrol(get_db(), _message()))


@bp.post("/sync")
def sync():
    db = get_db()
    device = server.authenticate(db, request.headers.get("Authorization"))
    with capture.collector_paused():
        return _answer(server.handle_sync(db, device, _message(), rules.problems))


@bp.get("/version")
def version():
    """Which protocol versions this server speaks; needs no credentials."""
    return _answer({"protocol": PROTOCOL, "supported": list(SUPPORTED), "app": __version__})
