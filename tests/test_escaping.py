"""Text is never HTML: every page, with hostile text in every free-text field and translation."""

import json
import re

import pytest
from markupsafe import escape

from fieldapp import store
from fieldapp.i18n import LANGUAGES, read_template
from helpers import ROOT, new_client, one, parse
from test_pages import registry_app
from walking import addresses

HOSTILE = """<script>x</script>"'><img src=x onerror=alert(1)>{{7*7}}"""

# Every free-text field a user (or a translator) can type, by table.
FREE_TEXT = {
    "offices": ("name", "address"),
    "villages": ("name",),
    "users": ("full_name",),
    "list_items": ("label",),
    "households": ("address_note",),
    "people": ("full_name",),
    "visits": ("notes", "companions"),
    "group_sessions": ("place", "notes", "outside_facilitators"),
    "script_texts": ("title", "key_messages", "questions"),
}
# Free text kept as JSON: a script's questions, each with its answer.
JSON_TEXT = {"questions": lambda text: json.dumps([{"q": text, "a": text}])}

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def make_hostile(db):
    """Every free-text field of every row, and a review of every string in every language."""
    user_id = one(db, "select id from users where username = 'quantri'")["id"]
    with db.atomic():
        for table, columns in FREE_TEXT.items():
            for n, (row_id,) in enumerate(db.execute(
                    f"select id from [{table}] where deleted_at is null").fetchall()):
                # Numbered: two villages of a commune, or two offices, keep different names.
                store.update(db, table, row_id, {
                    c: JSON_TEXT.get(c, str)(f"{HOSTILE} {n}") for c in columns},
                    user_id=user_id)
        for message in read_template(ROOT / "translations"):
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            if not msgid:
                continue
            # Placeholders kept, so that a value filled into a review is escaped too.
            placeholders = " ".join(_PLACEHOLDER.findall(msgid))
            for code in LANGUAGES:
                store.insert(db, "translation_reviews", {
                    "language": code, "msgid": msgid,
                    "msgstr": f"{HOSTILE} {placeholders}".strip()}, user_id=user_id)


def markup_from_hostile_text(page):
    """What the hostile text became when it was not escaped: elements, attributes, 49."""
    found = []
    for element in page.iter():
        if element.tag == "script" and "x" == element.text.strip():
            found.append("<script>")
        if element.tag == "img" and element.get("src") == "x":
            found.append("<img src=x>")
        if "onerror" in element.attrs:
            found.append(f"{element.tag}[onerror]")
    if "alert(1)>49" in page.text:
        found.append("{{7*7}} evaluated")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, seeded_database):
    app = registry_app(tmp_path_factory.mktemp("hostile") / "instance", seeded_database,
                       PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        from fieldapp.db import get_db
        make_hostile(get_db())
        found = addresses(app, get_db())
    return app, found


def test_the_check_finds_unescaped_markup():
    """The check itself: the hostile text as markup is found, escaped it is not."""
    assert len(markup_from_hostile_text(parse(f"<p>{HOSTILE.replace('{{7*7}}', '49')}</p>"))) == 3
    escaped = escape(HOSTILE)
    assert markup_from_hostile_text(parse(f'<p title="{escaped}">{escaped}</p>')) == []


def one_per_page(found):
    """The first address of each endpoint."""
    seen = set()
    return [(endpoint, path) for endpoint, path in found
            if endpoint not in seen and not seen.add(endpoint)]


@pytest.mark.parametrize("locale", ["vi", "en", "hnj"])
@pytest.mark.parametrize("who", [None, "canbo", "giamsat", "quantri"])
def test_no_page_shows_hostile_text_as_markup(hostile_site, locale, who):
    app, found = hostile_site
    client = new_client(app, locale, who)
    problems, shown = {}, 0
    # Every address (each script, list, language, …: the rows' own branches of a template) in
    # Vietnamese; in the other languages, whose strings are what differs, each page once.
    for endpoint, path in found if locale == "vi" else one_per_page(found):
        response = client.get(path)
        assert response.status_code < 500, path
        if response.mimetype != "text/html":
            continue
        page = parse(response)
        if HOSTILE.replace("{{7*7}}", "") in page.text:
            shown += 1
        if markup_from_hostile_text(page):
            problems[path] = markup_from_hostile_text(page)
    assert problems == {}
    # The hostile text really was on the pages (as text), and not only on the login page.
    assert shown >= (1 if who is None else 10)


def test_the_error_summary_shows_a_hostile_name_as_text(hostile_site):
    """A member's name is the label of their outcomes: in the summary of a refused visit it is
    text, never markup (issue 24)."""
    app, _ = hostile_site
    with app.app_context():
        from fieldapp.db import get_db
        person = get_db().execute(
            "select id, household_id from people where deleted_at is null"
            " and full_name like '%<script>%' limit 1").fetchone()
    client = new_client(app, "vi", "canbo")
    response = client.post_form(f"/households/{person[1]}/visits/new", {
        "present": person[0], f"outcome_{person[0].replace('-', '')}": "bogus"})
    page = parse(response)
    summary = page.find(class_="error-summary", role="alert")
    assert summary is not None and "<script>x</script>" in summary.text
    assert markup_from_hostile_text(summary) == []
