"""Every GET address with hostile query values: a form's message or a 4xx, never a 5xx."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.datastructures import ImmutableMultiDict

from helpers import ReadArgs, field_errors, input_value, new_client, parse
from test_pages import registry_app
from walking import addresses

# Query parameters some page reads (request.args and the GET forms' fields); the walk asks each
# page which of them it really reads, and tries only those.
PARAMETERS = ("page", "q", "month", "year", "start", "end", "period", "days", "sort", "dir",
              "village", "commune", "officer", "office", "province", "metric", "dataset",
              "format", "personal", "size", "language", "lang", "topic", "target_group",
              "state", "msgid", "next")

HOSTILE_VALUES = ("10" + "0" * 20, "-" + "9" * 30, "9999-12", "0000-00", "9999-12-31",
                  "0001-01-01", "2026-02-30", "garbage", "\x00", "a\x00b", "-1", "0", "1e400",
                  "x" * 3000, "%s%d{}")

# A date is tried within a period whose other end is sound, so that the form gets past it.
COMPANIONS = {"start": {"end": "2026-12-31"}, "end": {"start": "2026-01-01"}}


class _ReadArgs(ReadArgs):
    """Query arguments that note which names the page looked at."""

    read = set()


@pytest.fixture(scope="module")
def walked(tmp_path_factory, seeded_database):
    # As in production: an exception becomes the 500 page, counted here, instead of stopping.
    app = registry_app(tmp_path_factory.mktemp("hostile-queries") / "instance", seeded_database,
                       PROPAGATE_EXCEPTIONS=False)
    app.request_class.parameter_storage_class = _ReadArgs
    with app.app_context():
        from fieldapp.db import get_db
        found = addresses(app, get_db())
    yield app, found
    app.request_class.parameter_storage_class = ImmutableMultiDict


def parameters_read(client, path):
    """The status of the page and which of PARAMETERS it reads."""
    _ReadArgs.read = set()
    response = client.get(path, query_string={name: "1" for name in PARAMETERS})
    return response.status_code, _ReadArgs.read & set(PARAMETERS)


@pytest.mark.parametrize("who", ["canbo", "giamsat", "quantri"])
def test_no_query_value_gives_a_server_error(walked, who):
    app, found = walked
    client = new_client(app, "vi", who)
    failures, tried = [], set()
    seen = set()
    for endpoint, path in found:
        # One address per endpoint: the hostile values are about the query, not the ids.
        if endpoint in seen:
            continue
        seen.add(endpoint)
        status, names = parameters_read(client, path)
        if status >= 500:
            failures.append((endpoint, "all", "1"))
        for name in sorted(names):
            tried.add(name)
            for value in HOSTILE_VALUES:
                queries = [{name: value}]
                if name in COMPANIONS:
                    queries += [{**COMPANIONS[name], name: value}, {"start": value, "end": value}]
                for query in queries:
                    if client.get(path, query_string=query).status_code >= 500:
                        failures.append((endpoint, name, value[:20]))
    print(*sorted(set(failures)), sep="\n")
    assert sorted(set(failures)) == []
    # The walk reached the pages' own parameters (a broken probe would try nothing).
    assert {"page", "q", "start", "end", "month"} <= tried


@pytest.mark.parametrize("who, path, field", [
    ("canbo", "/print/visits?start=2026-01-01&end=9999-12-31", "end"),
    ("canbo", "/print/visits?start=0001-01-01", "start"),
    ("giamsat", "/reports/?start=9999-12-01&end=9999-12-31", "start"),
])
def test_a_date_outside_the_calendar_gets_a_message_beside_the_field(walked, who, path, field):
    app, _ = walked
    response = new_client(app, "en", who).get(path)
    assert response.status_code in (200, 400)
    page = parse(response)
    assert field_errors(page, field) == ["Enter a date between 1/1/00 and 12/31/99."]
    # The form keeps what was typed.
    assert input_value(page, field) == dict(parse_qsl(urlsplit(path).query))[field]


@pytest.mark.parametrize("end", ["9999-12-31", "0001-01-01", "garbage"])
def test_an_export_of_a_date_outside_the_calendar_is_refused(walked, end):
    app, _ = walked
    response = new_client(app, "en", "giamsat").get(
        "/reports/export", query_string={"start": "2026-01-01", "end": end, "format": "csv"})
    assert response.status_code == 400


def test_a_nul_in_a_search_is_ignored(walked):
    app, _ = walked
    client = new_client(app, "vi", "canbo")
    plain = parse(client.get("/search?q=giang"))
    with_nul = client.get("/search", query_string={"q": "gi\x00ang"})
    assert with_nul.status_code == 200
    assert ([a.text for a in parse(with_nul).find("main").find_all("a")]
            == [a.text for a in plain.find("main").find_all("a")])
