"""The laptop's client reading what a server answers: whole, cut off, garbled (a real HTTP
server on 127.0.0.1 answering as told)."""

import gzip
import http.server
import json
import threading

import pytest

from sync import client

WHOLE = gzip.compress(json.dumps({"protocol": 4, "pull": {"pages": []}}).encode())


@pytest.fixture
def answering():
    """(url, answer): a server answering each POST with the body and headers last put in."""
    answer = {"body": b"{}", "headers": {}}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            for name, value in answer["headers"].items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer["body"])))
            self.end_headers()
            self.wfile.write(answer["body"])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/api/v1/sync", answer
    server.shutdown()
    server.server_close()


def test_a_gzipped_answer_is_read_whole(answering):
    url, answer = answering
    answer.update(body=WHOLE, headers={"Content-Encoding": "gzip"})
    assert client._post(url, {"protocol": 4})[0] == {"protocol": 4, "pull": {"pages": []}}


@pytest.mark.parametrize("body, headers", [
    (WHOLE[:len(WHOLE) // 2], {"Content-Encoding": "gzip"}),  # gzip cut off
    (b"\x1f\x8b\x08\x00garbage", {"Content-Encoding": "gzip"}),  # not gzip after its magic
    (b'{"protocol": 4, "pull": {"pag', {}),  # JSON cut off
    (json.dumps({"protocol": 4}).encode(), {"Content-Encoding": "gzip"}),  # said gzip, is not
], ids=["gzip cut", "gzip garbled", "json cut", "not gzip"])
def test_an_answer_cut_off_or_garbled_is_said_so(answering, body, headers):
    url, answer = answering
    answer.update(body=body, headers=headers)
    with pytest.raises(client.SyncError, match="cut off or garbled"):
        client._post(url, {"protocol": 4})
