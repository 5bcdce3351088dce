"""Test helpers: a browser's forms and pages, catalog texts, database snapshots."""

import re
from html.parser import HTMLParser
from pathlib import Path

from werkzeug.datastructures import ImmutableMultiDict

from fieldapp import demo

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo-password-1"

# Redirect targets that would leave the site ("/\t/x" reads as "//x" once tabs are dropped).
OFF_SITE = ["//evil.example", "http://evil.example", "https://evil.example/login",
            "///evil.example", "/\t/evil.example", "evil.example"]

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


class Element:
    """One HTML element with its attributes and children (elements and text)."""

    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = {k: ("" if v is None else v) for k, v in attrs}
        self.parent = parent
        self.children = []

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    @property
    def text(self):
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        """Descendants with this tag and attribute values (class_ for class)."""
        attrs = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [e for e in self.iter() if e is not self
                and (tag is None or e.tag == tag)
                and all(e.get(k) == v for k, v in attrs.items())]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    """The page as a tree of Elements; accepts a response or text."""
    if hasattr(html, "get_data"):
        html = html.get_data(as_text=True)
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def csrf_token(page):
    """The CSRF token a page gives its forms (its csrf-token meta); a response or text."""
    meta = parse(page).find("meta", name="csrf-token")
    assert meta is not None, "the page carries no CSRF token"
    return meta.get("content")


class FormClient:
    """A test client that sends the CSRF token with every form, like a browser would."""

    def __init__(self, client):
        self.client = client
        self._token = None  # (the session's CSRF secret, a token signed from it)

    def __getattr__(self, name):
        return getattr(self.client, name)

    def csrf_token(self):
        """A token the server takes in this session; a page is read only for a new secret."""
        secret = self._csrf_secret()
        if secret is None or self._token is None or self._token[0] != secret:
            token = csrf_token(self.client.get("/login"))
            self._token = (self._csrf_secret(), token)
        return self._token[1]

    def _csrf_secret(self):
        # Flask-WTF signs tokens from a secret kept in the session cookie, with no time limit:
        # a token is good until a login, a logout or an ended session clears that secret.
        with self.client.session_transaction() as session:
            return session.get("csrf_token")

    def post_form(self, url, data=None, **kwargs):
        data = {"csrf_token": self.csrf_token(), **(data or {})}
        return self.client.post(url, data=data, **kwargs)

    def login(self, username="canbo", password=PASSWORD):
        return self.post_form("/login", {"username": username, "password": password})

    def logout(self):
        return self.post_form("/logout")

    def set_language(self, code):
        return self.post_form("/language", {"locale": code})


def squash(text):
    return " ".join(text.split())


def field_errors(page, field_id):
    """The messages shown in the same form field as the control with this id."""
    # A checkbox list has no element of its own id: its boxes carry the field's name.
    control = page.find(id=field_id) or page.find("input", name=field_id)
    assert control is not None, f"no control for {field_id!r}"
    errors = page.find("ul", id=f"{field_id}-errors")
    if errors is None:
        return []
    box = next(a for a in control.ancestors() if "field" in a.get("class", "").split())
    # Beside the field: in its own box, not somewhere else on the page.
    assert errors in box.iter(), f"errors of {field_id!r} are not beside the field"
    return [squash(li.text) for li in errors.find_all("li")]


def input_value(page, name):
    element = page.find("input", name=name)
    assert element is not None, f"no input named {name!r}"
    return element.get("value")


def form_values(form):
    """What a browser would send for this form element as shown: {name: [values]}."""
    values = {}
    for control in form.iter():
        name = control.get("name")
        if not name or control.get("disabled") is not None:
            continue
        if control.tag == "input":
            kind = control.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and control.get("checked") is None:
                continue
            default = "on" if kind in ("checkbox", "radio") else ""
            values.setdefault(name, []).append(control.get("value", default))
        elif control.tag == "textarea":
            values.setdefault(name, []).append(control.text)
        elif control.tag == "select":
            options = control.find_all("option")
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and options and control.get("multiple") is None:
                chosen = options[:1]
            values.setdefault(name, []).extend(o.get("value", o.text) for o in chosen)
    return values


def flash_elements(page):
    """The page's messages after an action: announced as a status, or as an alert if an error."""
    return [p for p in page.find_all("p") if "flash" in p.get("class", "").split()
            and p.get("role") == ("alert" if "flash-error" in p.get("class") else "status")]


def flashes(page):
    return [squash(p.text) for p in flash_elements(page)]


def catalog_text(app, locale, msgid, **variables):
    """What the app shows for this source string in this language."""
    text = app.extensions["fieldapp_catalogs"].gettext(locale, msgid)
    return text % variables if variables else text


def catalog_regex(app, locale, msgid):
    """A pattern for the shown message, with any %(name)d / %(name)s filled by anything."""
    text = app.extensions["fieldapp_catalogs"].gettext(locale, msgid)
    parts = re.split(r"%\(\w+\)[ds]", text)
    return re.compile(r".+?".join(re.escape(p) for p in parts))


def snapshot(db):
    """Every row of every table but the full-text index and browser sessions' generations."""
    # The index only mirrors people, whose rows are here; a generation is a session's, not data.
    tables = db.execute(
        "select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'"
        " and name not like '%_fts%' and name != 'session_generations' order by name")
    # With its rowid: a row deleted and written again with the same values is a change too.
    return {name: db.execute(f'select * from "{name}"' if "WITHOUT ROWID" in sql.upper()
                             else f'select rowid, * from "{name}" order by rowid').fetchall()
            for name, sql in tables.fetchall()}


def new_client(app, locale=None, username=None, password=PASSWORD):
    """A browser of its own: optionally with a language chosen and logged in."""
    client = FormClient(app.test_client())
    if locale:
        client.set_language(locale)
    if username:
        response = client.login(username, password)
        assert response.status_code == 302, f"login of {username} failed"
    return client


def one(db, sql, params=()):
    rows = list(db.query(sql, params))
    assert len(rows) == 1, f"{len(rows)} rows for {sql} {params}"
    return rows[0]


def demo_ids(db):
    """Ids of seeded rows the tests open pages for (registry rows when the demo has them)."""
    commune = one(db, "select code from communes where province_code = 15"
                      " and name = 'Xã Chế Tạo'")["code"]

    def first(sql):
        row = db.execute(sql).fetchone()
        return row[0] if row else None

    return {
        "commune": commune,
        "village": one(db, "select id from villages where name = 'Mí Háng'"
                           " and commune_code = ?", [commune])["id"],
        "office": one(db, "select id from offices where name = ?", [demo.OFFICE_NAME])["id"],
        "officer": one(db, "select id from users where username = 'canbo'")["id"],
        "supervisor": one(db, "select id from users where username = 'giamsat'")["id"],
        "admin": one(db, "select id from users where username = 'quantri'")["id"],
        "household": first("select household_id from people where full_name = 'Giàng A Páo'"),
        "person": first("select id from people where full_name = 'Sùng Thị Mỷ'"),
        "visit": first("select id from visits where nobody_home = 0 order by visited_at"),
        "session": first("select id from group_sessions"),
        "month": first("select substr(held_at, 1, 7) from group_sessions"),
        "script": first("select id from scripts order by topic"),
    }


def fill(value, ids):
    """Strings, lists and dicts with {name} filled from ids."""
    if isinstance(value, dict):
        return {fill(k, ids): fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value.format(**ids) if isinstance(value, str) else value


def registry_app(instance_path, seeded_database, **config):
    """An app on a copy of the seeded database, with the demo's households, visits and session."""
    from conftest import copy_app
    from fieldapp.db import connect

    app = copy_app(instance_path, seeded_database, **config)
    db = connect(app.config["DATABASE"])
    demo.seed_demo_registry(db, one(db, "select id from users where username = 'canbo'")["id"])
    db.close()
    return app


def rows_of(db, table):
    """Every row of a table, in an order that does not depend on how they were written."""
    return sorted((tuple(r) for r in db.execute(f'select * from "{table}"')), key=repr)


def derive_reach_again(db):
    """Empty reach, then write every visit and session again: their triggers derive it whole."""
    db.execute("delete from reach")
    db.execute("update visits set notes = notes")
    db.execute("update group_sessions set notes = notes")


def assert_report_counts_as_built_again(db):
    """The counts the reports read (migration 0010), kept by triggers, equal a rebuild from
    reach: each positive, and some wherever visits are recorded."""
    from fieldapp.reach import rebuild_reach_counts

    if db.dialect.NAME == "postgresql":
        from postgres import assert_counts_kept
        return assert_counts_kept(db)
    tables = ("reach_months", "reach_counts")
    before = [rows_of(db, table) for table in tables]
    with db.atomic():
        rebuild_reach_counts(db)
    assert [rows_of(db, table) for table in tables] == before
    visited = db.execute("select exists (select 1 from visits where deleted_at is null)"
                         ).fetchone()[0]
    assert bool(before[1]) >= visited
    assert all(row[-1] > 0 for row in before[1])


class ReadArgs(ImmutableMultiDict):
    """Query arguments that note, in their class's `read`, which names the page looked at."""

    read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        self.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        self.read.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)
