"""Schemathesis tries the sync API with requests made from docs/openapi.yaml, against the central
app: no request makes it fail (5xx), and every answer is one the spec describes.

The run is bounded and derandomized for CI; FIELDAPP_SCHEMA_EXAMPLES sets the examples per
operation and generation mode for a longer search (see the README's Tests section)."""

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from sync import protocol, server

SPEC = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
EXAMPLES = int(os.environ.get("FIELDAPP_SCHEMA_EXAMPLES", "150"))

# The central app of this module runs on SQLite and on PostgreSQL (tests/conftest.py), on
# PostgreSQL with 15 examples by default (most requests are refused before the store is read);
# FIELDAPP_SCHEMA_EXAMPLES sets both.
CENTRAL_STORES = ("sqlite", "postgresql")
POSTGRESQL_EXAMPLES = int(os.environ.get("FIELDAPP_SCHEMA_EXAMPLES", "15"))


@pytest.fixture
def device(central_app):
    """(app, Authorization header) of a device enrolled with the central server in-process."""
    app, db = central_app
    office = db.execute("select id from offices order by created_at").fetchone()[0]
    answer = server.enrol(db.sync, {"protocol": protocol.PROTOCOL, "device_name": "schemathesis",
                               "code": server.create_enrolment_code(db.sync, office, user_id=None)})
    return app, f"Device {answer['device_id']}:{answer['secret']}"


# Requests that break the spec ("negative") too: each must be refused with one of these.
REFUSED = ["400", "401", "403", "413", "415", "426"]
schema = schemathesis.openapi.from_path(SPEC, config=SchemathesisConfig.from_dict({
    # No NUL in text: the spec says so in words, which schemathesis does not read.
    "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True,
                   "allow-x00": False},
    "checks": {"negative_data_rejection": {"expected-statuses": REFUSED},
               # An unknown enrolment code is refused, however well formed.
               "positive_data_acceptance": {"expected-statuses": ["2xx", "403"]}},
    "operations": [{
        "include-path": "/sync",
        # The spec cannot say every rule of a push (sequence numbers increasing through the
        # request, a stamp in second place, its base before it): well-formed pushes that break
        # one are refused with 400.
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400"]}},
    }, {
        "include-path": "/verify",
        # Nor that a check names each record once: a list naming one twice is refused with 400.
        "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400"]}},
    }],
}))


@pytest.mark.central_stores("sqlite")
@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_sync_api_answers_as_its_spec_says(case, device):
    _answers_as_its_spec_says(case, device)


@pytest.mark.central_stores("postgresql")
@schema.parametrize()
@settings(max_examples=POSTGRESQL_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_sync_api_on_postgresql_answers_as_its_spec_says(case, device):
    _answers_as_its_spec_says(case, device)


def _answers_as_its_spec_says(case, device):
    # Plain answers: the in-process transport does not unpack gzip (tests/test_sync.py does).
    headers = {"Accept-Encoding": "identity"}
    if case.path in ("/sync", "/verify"):
        headers["Authorization"] = device[1]
    # This test's central app: checks that send the request again (without credentials, with
    # another method) send it there too.
    case.operation.schema.app = device[0]
    case.call_and_validate(headers=headers, app=device[0])
