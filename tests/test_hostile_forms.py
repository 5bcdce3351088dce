"""Hostile values in every form and every address parameter: a message beside the field, or a
4xx page, never a 5xx; what a form refuses writes nothing and keeps what was typed.

The forms and parameters are found by walking the app as an officer, a supervisor and an
administrator, on a laptop and on the central server (every address of the url_map, and the
links and forms of the pages it shows), so a new form or parameter is tried without being listed
here. Each form is filled in first, so that a hostile value in one field is all that stands
between the others and the store."""

import re
import secrets
from collections import deque
from datetime import timedelta
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

import pytest
from flask import Flask
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException

from conftest import PASSWORD
from fieldapp import clock
from helpers import (ReadArgs, demo_ids, field_errors, flashes, form_values, input_value,
                     new_client, parse, registry_app, snapshot)
from test_hostile_queries import PARAMETERS
from walking import addresses

# (who logs in, on which server): the laptop's three roles, then the central server's managers,
# who have its own pages (laptops, the audit trail) and filters (province, office).
WALKERS = (("canbo", "laptop"), ("giamsat", "laptop"), ("quantri", "laptop"),
           ("giamsat", "central"), ("quantri", "central"))

NUL = "Giàng\x00A"
SURROGATE = "Sùng\ud800Mỷ"
HUGE = "1" + "0" * 20                                   # past SQLite's 64-bit integers
PAST_64_BITS = ("9223372036854775808", "-9223372036854775809")
LONG = "x" * 5000
SPACES = "   "
# Tried in every field; the others by what the field asks for.
COMMON = (NUL, SURROGATE, HUGE, LONG, SPACES)
BY_KIND = {
    "date": ("0001-01-01", "9999-12-31"),
    "datetime-local": ("0001-01-01T00:00", "9999-12-31T23:59"),
    "number": ("-1", "99999999", *PAST_64_BITS, "1e400"),
}
QUERY_VALUES = (*PAST_64_BITS, HUGE, NUL, "\x00", SURROGATE, "0001-01-01", "9999-12-31",
                "0001-01", "9999-12", LONG)
PATH_VALUES = (*PAST_64_BITS, "1" + "0" * 60, "-1", NUL, SURROGATE, LONG)

# Files and downloads are not pages with forms or links: their parameters are still tried.
_FILES = re.compile(r"\.(pdf|csv|po|xlsx)$|/export")
# Ids in field names (a member's outcome, a commune's target, a quick-added row) make one kind
# of field: one of each kind is tried.
_IDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|\d+")
# The one form that ends the session it is sent in: sent from a browser of its own.
_ENDS_SESSION = {"auth.logout"}
_REMOVALS = {"visits.remove", "visits.move", "households.remove", "households.remove_person",
             "group_sessions.remove"}
# Not filled in: failed logins would make the test's own address wait before logging in again.
NOT_FILLED = {"auth.login"}
# Fields that other fields must agree with, which the plain filling cannot guess.
FILLED = {"group_sessions.new": {"attendees_total": "1", "attendees_gender_unknown": "1",
                                 "eth_unknown": "1"},
          # A visit is something that happened: here, a closed door.
          "visits.new": {"nobody_home": "y"}}


def encode(pairs):
    """A form body or query as a browser that lets lone surrogates through would send it."""
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass")


class _ReadArgs(ReadArgs):
    """Query arguments that note which names the page looked at (as test_hostile_queries)."""

    read = set()


class Field:
    def __init__(self, control):
        self.name = control.get("name")
        self.kind = control.get("type", "text") if control.tag == "input" else control.tag
        # CCCD, mã số BHXH: text, typed with the digits' keyboard.
        self.numeric = self.kind == "number" or control.get("inputmode") == "numeric"
        self.required = control.get("required") is not None
        self.options = [o.get("value", o.text) for o in control.find_all("option")
                        if o.get("value", o.text)]

    def values(self):
        return COMMON + BY_KIND.get("number" if self.numeric else self.kind, ())

    def filling(self, n):
        """A plausible value for the field left empty, so that the rest of the form is accepted
        and a hostile value in one field reaches what the store would get; None to leave it."""
        yesterday = clock.today() - timedelta(days=1)
        if self.kind == "number":
            return "1990"
        if self.kind == "password":
            # The accounts' own password: a password form accepted changes nothing.
            return PASSWORD
        if not self.required:
            return None
        if self.kind in ("text", "textarea", "search", "email"):
            # Different each time: a name or a username already used would be refused.
            return f"tam_lo_{n}"
        if self.kind == "date":
            return yesterday.isoformat()
        if self.kind == "datetime-local":
            return f"{yesterday.isoformat()}T09:00"
        if self.kind == "select" and self.options:
            return self.options[0]
        return None


class FoundForm:
    """A form as a page shows it: where it goes, how, and what a browser would send."""

    def __init__(self, endpoint, method, action, element):
        self.endpoint, self.method, self.action = endpoint, method, action
        self.values = form_values(element)
        # A named submit button sends its value (the language switcher's do).
        for button in element.find_all("button"):
            if button.get("name") and button.get("name") not in self.values:
                self.values[button.get("name")] = [button.get("value", "")]
        self.fields = {}
        for control in element.iter():
            if control.tag in ("input", "select", "textarea", "button") and control.get("name"):
                self.fields.setdefault(control.get("name"), Field(control))

    def kinds(self):
        """One field of each kind (ids in names left out)."""
        chosen = {}
        for name, field in self.fields.items():
            chosen.setdefault(_IDS.sub("#", name), field)
        return list(chosen.values())

    def key(self):
        return self.endpoint, self.method, frozenset(_IDS.sub("#", n) for n in self.fields)

    def writes_nothing_typed(self):
        """A one-button form (toggle) or a removal: sent last, as it may change what others
        show (a household removed takes its forms with it)."""
        return not set(self.fields) - {"csrf_token", "form_key"} or self.endpoint in _REMOVALS

    def pairs(self, name, value, token, n):
        """The form as shown, its empty fields filled, one field's value replaced, with a fresh
        form key and the browser's CSRF token, as pairs."""
        values = dict(self.values)
        if self.endpoint not in NOT_FILLED:
            for other, field in self.fields.items():
                filling = field.filling(n)
                if not "".join(values.get(other, [])).strip() and filling is not None:
                    values[other] = [filling]
            values.update({k: [v] for k, v in FILLED.get(self.endpoint, {}).items()})
        if "form_key" in values:
            values["form_key"] = [secrets.token_urlsafe(16)]
        if "csrf_token" in values:
            values["csrf_token"] = [token]
        if name is not None:
            values[name] = [value]
        return [(k, v) for k, vs in values.items() for v in vs]


class Walk:
    """A logged-in browser going through the app: pages by address and by link, their forms,
    and which query parameters each page reads."""

    def __init__(self, app, who, server, found):
        self.app, self.who, self.server = app, who, server
        self.log_in()
        self.adapter = app.url_map.bind("localhost")
        self.forms = []
        self.pages = {}          # endpoint -> a path of it
        self.reads = {}          # endpoint -> names read
        self.names = set(PARAMETERS)
        self.failures = []
        self.sent = 0
        seen = set()
        starts = deque(path for endpoint, path in found if endpoint not in seen
                       and not seen.add(endpoint))
        self._crawl(starts)

    def log_in(self):
        self.client = new_client(self.app, "en", self.who)
        self.token = self.client.csrf_token()

    def endpoint(self, path, method="GET"):
        try:
            return self.adapter.match(urlsplit(path).path, method=method)[0]
        except HTTPException:
            return None

    def get(self, path):
        _ReadArgs.read = set()
        response = self.client.get(path)
        endpoint = self.endpoint(path)
        if endpoint:
            self.reads.setdefault(endpoint, set()).update(_ReadArgs.read)
        self.check(response, "GET", path)
        return response

    def check(self, response, method, path, field=None, value=""):
        if response.status_code >= 500 or response.status_code == 422:
            # 422: the store refused what the form let through (errors.not_saved).
            self.failures.append((self.who, self.server, method, urlsplit(path).path, field,
                                  repr(value[:30]), response.status_code))
        location = response.headers.get("Location", "")
        if response.status_code == 302 and urlsplit(location).path == "/login":
            # Logged out by something sent: log in again, so that the rest is tried as a user.
            self.log_in()

    def _crawl(self, queue):
        tried = set()
        while queue:
            path = queue.popleft()
            endpoint = self.endpoint(path)
            if endpoint is None:
                continue
            query = frozenset(k for k, _v in parse_qsl(urlsplit(path).query))
            if (endpoint, query) in tried:
                continue
            tried.add((endpoint, query))
            self.names |= query
            self.pages.setdefault(endpoint, path)
            if _FILES.search(urlsplit(path).path):
                continue
            response = self.get(path)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            page = parse(response)
            for link in page.find_all("a"):
                target = urljoin(path, link.get("href", ""))
                if not urlsplit(target).netloc and urlsplit(target).path.startswith("/"):
                    queue.append(target.split("#")[0])
            for element in page.find_all("form"):
                method = element.get("method", "get").upper()
                action = urljoin(path, element.get("action") or path)
                form = FoundForm(self.endpoint(action, method), method, action, element)
                if method == "GET":
                    self.names |= set(form.fields)
                if form.endpoint:
                    self.forms.append(form)


@pytest.fixture(scope="module")
def walked(tmp_path_factory, seeded_database):
    """A laptop and a central server with the demo's registry, as production runs them (an
    exception is the 500 page), and each walker's walk: [Walk] in WALKERS' order."""
    from fieldapp.db import connect, get_db, upgrade
    apps = {}
    for server in ("laptop", "central"):
        central = {"CENTRAL": True} if server == "central" else {}
        apps[server] = registry_app(tmp_path_factory.mktemp(f"hostile-{server}") / "instance",
                                    seeded_database, PROPAGATE_EXCEPTIONS=False, **central)
        if central:
            database = connect(apps[server].config["DATABASE"])
            upgrade(database, central=True)
            database.close()
    original = Flask.request_class.parameter_storage_class
    Flask.request_class.parameter_storage_class = _ReadArgs
    try:
        found = {}
        for server, app in apps.items():
            with app.app_context():
                found[server] = addresses(app, get_db())
        yield [Walk(apps[server], who, server, found[server]) for who, server in WALKERS]
    finally:
        Flask.request_class.parameter_storage_class = original


def _send(walk, form, name=None, value=""):
    """The form sent as a browser would (filled in, with `name` set to `value`); its answer."""
    walk.sent += 1
    if form.endpoint in _ENDS_SESSION:
        client = new_client(walk.app, "en", walk.who)
        pairs = form.pairs(name, value, client.csrf_token(), walk.sent)
    else:
        client, pairs = walk.client, form.pairs(name, value, walk.token, walk.sent)
    if form.method == "GET":
        response = client.get(urlsplit(form.action).path + "?" + encode(pairs))
    else:
        response = client.post(form.action, data=encode(pairs),
                               content_type="application/x-www-form-urlencoded")
    walk.check(response, form.method, form.action, name, value)
    return response


def test_no_hostile_query_value_gives_a_server_error(walked):
    """Every query parameter a page reads, found by what the page looks at with no query, with
    its links' and its forms' queries, and with every known name given."""
    tried = set()
    for walk in walked:
        walk.failures = []
        for endpoint, path in walk.pages.items():
            base = urlsplit(path).path
            _ReadArgs.read = set()
            walk.check(walk.client.get(base + "?" + encode([(n, "1") for n in walk.names])),
                       "GET", base)
            names = (walk.reads.get(endpoint, set()) | _ReadArgs.read) & walk.names
            for name in sorted(names):
                if (walk.server, endpoint, name) in tried:
                    continue
                tried.add((walk.server, endpoint, name))
                for value in QUERY_VALUES:
                    response = walk.client.get(base + "?" + encode([(name, value)]))
                    walk.check(response, "GET", base, name, value)
        print(*sorted(set(walk.failures)), sep="\n")
        assert sorted(set(walk.failures)) == []
    names = {name for _server, _endpoint, name in tried}
    assert {"page", "q", "start", "end", "month", "commune", "village", "year", "days",
            "province", "office", "action", "address"} <= names


_ARGUMENT = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")


def test_no_hostile_path_argument_gives_a_server_error(walked):
    """Every argument of every address (ids, codes, numbers), by GET, or by POST with a CSRF
    token and a form key where the address takes only forms."""
    for walk in walked:
        if walk.who != "quantri":
            continue
        walk.failures = []
        rules = [rule for rule in walk.app.url_map.iter_rules()
                 if not rule.endpoint.startswith(("static", "sync_api.")) and rule.arguments]
        assert {"places.commune", "households.view", "visits.new"} <= {r.endpoint for r in rules}
        for rule in rules:
            method = "GET" if "GET" in rule.methods else "POST"
            for name in sorted(rule.arguments):
                for value in PATH_VALUES:
                    path = _ARGUMENT.sub(lambda m: quote(value, safe="", errors="surrogatepass")
                                         if m.group(1) == name else "1", rule.rule)
                    if method == "GET":
                        response = walk.client.get(path)
                    else:
                        response = walk.client.post(path, data=encode(
                            [("csrf_token", walk.token),
                             ("form_key", secrets.token_urlsafe(16))]),
                            content_type="application/x-www-form-urlencoded")
                    walk.check(response, method, path, name, value)
        print(*sorted(set(walk.failures)), sep="\n")
        assert sorted(set(walk.failures)) == []


def test_no_hostile_value_in_any_form_gives_a_server_error(walked):
    """Last of the walks: the forms sent change the app (an account deactivated by the
    administrator's one-button forms may not log in again)."""
    done, found, accepted = set(), [], set()
    for walk in walked:
        walk.failures = []
        # A form already tried (by another role, or on the laptop) is not tried again.
        forms = [f for f in walk.forms if f.key() not in done]
        done |= {f.key() for f in forms}
        found += [(walk.server, f.method, f.endpoint) for f in forms]
        # One-button forms (remove a person, deactivate a user) last: they may change what the
        # other forms show.
        for form in sorted(forms, key=FoundForm.writes_nothing_typed):
            # Filled in without a hostile value, the form is saved (or shown): so a hostile
            # value in one field is all that stands between the others and the store.
            response = _send(walk, form)
            if form.method == "POST" and response.status_code in (302, 303) and \
                    urlsplit(response.headers["Location"]).path != "/login":
                accepted.add(form.endpoint)
            for field in form.kinds():
                for value in field.values():
                    _send(walk, form, field.name, value)
        print(*sorted(set(walk.failures)), sep="\n")
        assert sorted(set(walk.failures)) == []
    endpoints = {endpoint for _server, method, endpoint in found if method == "POST"}
    # The walk reached the forms of every area, and as every role (a broken walk tries nothing).
    assert {"households.register", "households.add_person", "households.edit_person",
            "households.edit", "households.move_person", "visits.new", "visits.view",
            "group_sessions.new", "group_sessions.add_attendees", "places.commune",
            "places.edit_village", "scripts.new", "scripts.edit", "reports.targets",
            "admin.user_new", "admin.user_edit", "admin.user_password", "admin.office_new",
            "admin.office_edit", "admin.list_items", "translating.review",
            "auth.login", "syncing.enrol", "syncing.devices"} <= endpoints, sorted(endpoints)
    assert {"reports.report", "reports.export", "printing.batch", "worklists.show",
            "audit.page"} <= {endpoint for _server, method, endpoint in found if method == "GET"}
    # Filled in, the forms that make or change records are saved: the hostile values were
    # tried where they would otherwise have reached the store.
    assert {"households.register", "households.add_person", "households.edit_person",
            "households.edit", "visits.new", "visits.view", "group_sessions.new",
            "group_sessions.add_attendees", "places.commune", "places.edit_village",
            "scripts.new", "scripts.edit", "reports.targets", "admin.user_new",
            "admin.user_edit", "admin.office_new", "admin.office_edit", "admin.list_items",
            "translating.review"} <= accepted, sorted(accepted)
    assert sum(walk.sent for walk in walked) > 1000


# ---- A sample: the message beside the field, what was typed kept, nothing written -----------

@pytest.fixture(scope="module")
def sample(tmp_path_factory, seeded_database):
    app = registry_app(tmp_path_factory.mktemp("hostile-sample") / "instance", seeded_database)
    from fieldapp.db import connect
    db = connect(app.config["DATABASE"])
    yield app, db, demo_ids(db)
    db.close()


HEAD = {"full_name": "Giàng A Tủa", "gender": "male", "birth_year": "1980",
        "language": "hnj", "bhxh_status": "none", "vssid": "unknown"}
PERSON = {"full_name": "Giàng Thị Mai", "gender": "female", "birth_year": "2001",
          "relation": "child", "bhxh_status": "none", "vssid": "unknown"}
SESSION = {"held_at": "2026-01-10T09:00", "format": "small_group", "target_group": "voluntary",
           "attendees_total": "2", "attendees_female": "1", "attendees_male": "1",
           "eth_unknown": "2"}
CCCD = "A CCCD has exactly 12 digits."
BHXH = "A mã số BHXH has exactly 10 digits."
PHONE = "Enter a Vietnamese phone number, e.g. 0912 345 678 or 0216 3878 123."
UNSTORABLE = ("This text holds a hidden control character (NUL) or a broken character: type it "
              "again.")
CALENDAR = "Enter a date between 1/1/00 and 12/31/99."

# name: (who, address, the form as typed, the field refused, its message beside it)
SAMPLES = {
    "cccd of spaces": ("canbo", "/villages/{village}/households/new",
                       {**HEAD, "cccd": SPACES}, "cccd", CCCD),
    "mã số BHXH of spaces": ("canbo", "/villages/{village}/households/new",
                             {**HEAD, "bhxh_number": SPACES}, "bhxh_number", BHXH),
    "phone of spaces": ("canbo", "/villages/{village}/households/new",
                        {**HEAD, "phone": SPACES}, "phone", PHONE),
    "NUL in a name": ("canbo", "/villages/{village}/households/new",
                      {**HEAD, "full_name": NUL}, "full_name", UNSTORABLE),
    "NUL in an address note": ("canbo", "/households/{household}/edit",
                               {"language": "hnj", "address_note": "gần\x00trường"},
                               "address_note", UNSTORABLE),
    "card valid until 9999": ("canbo", "/households/{household}/people/new",
                              {**PERSON, "bhyt_card_type": "household",
                               "bhyt_expiry": "9999-12-31"}, "bhyt_expiry", CALENDAR),
    "card valid until year 1": ("canbo", "/people/{person}",
                                {**PERSON, "relation": "spouse", "bhyt_card_type": "household",
                                 "bhyt_expiry": "0001-01-01"}, "bhyt_expiry", CALENDAR),
    "visit in year 1": ("canbo", "/households/{household}/visits/new",
                        {"visited_at": "0001-01-01T00:00", "language": "hnj"}, "visited_at",
                        CALENDAR),
    "follow-up in 9999": ("canbo", "/households/{household}/visits/new",
                          {"visited_at": "2026-01-10T09:00", "language": "hnj",
                           "follow_up_on": "9999-12-31"}, "follow_up_on", CALENDAR),
    "corrected follow-up in 9999": ("canbo", "/visits/{visit}", {"follow_up_on": "9999-12-31"},
                                    "follow_up_on", CALENDAR),
    "session in year 1": ("canbo", "/sessions/new?village={village}",
                          {**SESSION, "held_at": "0001-01-01T00:00"}, "held_at", CALENDAR),
    "attendance past 64 bits": ("canbo", "/sessions/new?village={village}",
                                {**SESSION, "attendees_total": PAST_64_BITS[0]},
                                "attendees_total", "Enter a number from 1 to 10000."),
    "birth year past 64 bits": ("canbo", "/households/{household}/people/new",
                                {**PERSON, "birth_year": HUGE}, "birth_year",
                                f"Enter a year between 1900 and {clock.today().year}."),
    "NUL in a village": ("canbo", "/communes/{commune}", {"name": "Bản\x00Mới", "kind": "ban"},
                         "name", UNSTORABLE),
    "script of 101 questions": ("giamsat", "/scripts/new", {
        "target_group": "voluntary", "topic": "vssid", "title": "Hỏi đáp",
        "key_messages": "Nội dung", "questions": "\n\n".join(f"Hỏi {i}?\nĐáp {i}."
                                                             for i in range(101))},
        "questions", "At most 100 questions."),
    # The username's pattern allows 64 characters; the store (rules) keeps 40.
    "username longer than the store keeps": ("quantri", "/admin/users/new", {
        "username": "u" * 50, "full_name": "Lò Văn Tâm", "role": "officer",
        "office_id": "{office}", "password": "Khó-đoán-7-chữ", "confirm": "Khó-đoán-7-chữ"},
        "username", "At most 40 characters."),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_a_refused_value_gets_its_message_beside_the_field_and_writes_nothing(sample, name):
    app, db, ids = sample
    who, url, data, field, message = SAMPLES[name]
    client = new_client(app, "en", who)
    url = url.format(**ids)
    data = {k: v.format(**ids) if "{" in v else v for k, v in data.items()}
    before = snapshot(db)
    response = client.post(url, data=encode([("csrf_token", client.csrf_token()),
                                             *data.items()]),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 400), response.status_code
    page = parse(response)
    assert field_errors(page, field) == [message]
    # What was typed is kept: in the field itself, and in the others.
    shown = page.find(id=field)
    typed = shown.text if shown.tag == "textarea" else shown.get("value")
    assert typed.strip("\r\n") == data[field].strip("\r\n")
    for other, value in data.items():
        control = page.find("input", name=other)
        if other != field and control is not None and control.get("type") in (None, "text"):
            assert control.get("value") == value, other
    assert snapshot(db) == before


def test_a_lone_surrogate_in_any_field_gets_the_message(sample):
    """HTTP cannot carry a lone surrogate to the app (Werkzeug keeps undecodable bytes as
    typed); the forms refuse one all the same, as SQLite cannot store it."""
    app, _db, _ids = sample
    from forms.households import RegisterHouseholdForm
    with app.test_request_context("/", method="POST"):
        from flask import g
        g.locale = "en"
        form = RegisterHouseholdForm(formdata=ImmutableMultiDict({
            **HEAD, "full_name": SURROGATE, "address_note": "x\ud800"}), meta={"csrf": False})
        form.language.choices = [("hnj", "Hmoob")]
        form.ethnicity.choices = [("", "")]
        form.bhyt_card_type.choices = [("", "")]
        assert not form.validate()
        assert form.full_name.errors == form.address_note.errors == [UNSTORABLE]
        assert form.full_name.data == SURROGATE


TOO_LARGE = ("The number given for “commune” in the address is too large: the largest possible "
             "was used instead.")


def test_a_number_past_64_bits_in_the_address_is_read_as_the_largest_with_a_message(sample):
    app, _db, ids = sample
    client = new_client(app, "en", "canbo")
    # Read as the largest number SQLite holds, which is only a commune that is not there.
    response = client.get("/worklists/no-bhyt?commune=9223372036854775808")
    assert response.status_code == 404
    assert TOO_LARGE in flashes(parse(response))
    assert client.get("/worklists/no-bhyt?commune=9223372036854775807").status_code == 404
    # A page past any list's end, a number of days past the longest: the pages' own bounds.
    assert client.get(f"/villages/{ids['village']}?page={HUGE}").status_code == 404
    assert client.get(f"/worklists/bhyt-expiring?days={HUGE}").status_code == 200
    # Never left out: a download is not widened to the whole office.
    supervisor = new_client(app, "en", "giamsat")
    assert supervisor.get("/reports/export", query_string={
        "start": "2026-01-01", "end": "2026-01-31", "format": "csv",
        "commune": PAST_64_BITS[0]}).status_code == 404
    # A path's number past 64 bits, however long, is no page.
    assert client.get("/communes/9223372036854775808").status_code == 404
    assert client.get("/communes/" + "9" * 5000).status_code == 404


def test_a_nul_in_the_address_is_taken_out_with_a_message(sample):
    app, _db, _ids = sample
    client = new_client(app, "en", "canbo")
    response = client.get("/search", query_string={"q": "gi\x00ang"})
    assert response.status_code == 200
    page = parse(response)
    assert "Hidden control characters (NUL) were taken out of the address." in flashes(page)
    assert input_value(page, "q") == "giang"
