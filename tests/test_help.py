"""The user guide: each role's sections in Vietnamese and English, every page's Help link landing
on a section that exists, the PDF laid out by WeasyPrint from the app's own files, nothing
remote, and the Vietnamese guide for the languages it is not written in."""

import io
import re
import unicodedata
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from fieldapp.help.guide import LANGUAGES, SCREENSHOTS, SECTIONS, screenshot_name, section_for
from fieldapp.i18n import LANGUAGES as UI_LANGUAGES
from helpers import catalog_text, new_client, parse, registry_app, squash
from walking import addresses

# The sections for each role, with their headings in each language.
ROLES = {
    "vi": {"officer": "Cán bộ và cộng tác viên", "supervisor": "Cán bộ giám sát",
           "administrator": "Quản trị viên", "translator": "Người kiểm tra bản dịch"},
    "en": {"officer": "Officers and collaborators", "supervisor": "Supervisors",
           "administrator": "Administrators", "translator": "Translators"},
}
# What the guide must explain, by section id, within each role's part.
TOPICS = {
    "officer": ["worklists", "worklist-never-visited", "worklist-no-bhyt",
                "worklist-bhyt-expiring", "worklist-no-bhxh", "worklist-follow-ups",
                "record-visit", "record-session", "corrections", "printing", "sync"],
    "supervisor": ["conflicts", "dashboard", "reports", "targets"],
    "administrator": ["enrolment", "offices", "users", "lists", "laptops", "audit"],
    "translator": ["drafts", "review-translation"],
}
# Section titles the printed guide must carry, with their diacritics.
PRINTED_TITLES = {
    "vi": ["Hướng dẫn sử dụng fieldapp", *ROLES["vi"].values(), "Danh sách cần rà soát",
           "Hộ chưa được thăm lần nào", "Ghi lần thăm hộ", "Ghi buổi truyền thông nhóm",
           "Sửa và xóa thông tin đã ghi",
           "Đồng bộ và khi không có mạng", "In cho hộ gia đình", "Xung đột khi đồng bộ",
           "Đăng ký máy tính với máy chủ trung tâm", "Máy tính và thu hồi máy",
           "Bản nháp là gì"],
    "en": ["fieldapp user guide", *ROLES["en"].values(), "Worklists", "Recording a visit",
           "Correcting and removing records",
           "Conflicts after a sync", "Enrolling a laptop with the central server",
           "What a draft is"],
}
# Correcting and removing records: its pages and buttons (some only post), and its titles.
CORRECTIONS = ("visits.correct_people", "visits.move", "visits.remove", "visits.restore",
               "visits.undo_save", "households.remove", "households.restore",
               "households.remove_person", "households.restore_person", "group_sessions.remove",
               "group_sessions.restore")
CORRECTIONS_TITLES = {"vi": "Sửa và xóa thông tin đã ghi", "en": "Correcting and removing records"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
# Addresses that answer a file, not a page with the header.
FILES = re.compile(r"\.(?:pdf|csv|po)$|/export$|/progress$")


@pytest.fixture(scope="module")
def site(tmp_path_factory, seeded_database):
    app = registry_app(tmp_path_factory.mktemp("help") / "instance", seeded_database)
    return app


def guide_page(app, locale, who=None):
    response = new_client(app, locale, who).get("/help")
    assert response.status_code == 200
    return parse(response)


def ids(page):
    return {e.get("id") for e in page.find("div", class_="guide").iter() if e.get("id")}


def nfc(text):
    return unicodedata.normalize("NFC", squash(text))


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_guide_has_each_roles_sections_in_vietnamese_and_english(site, locale):
    for who in (None, "canbo"):
        page = guide_page(site, locale, who)
        assert page.find("html").get("lang") == locale
        guide = page.find("div", class_="guide")
        assert guide.get("lang") == locale
        assert page.find("p", class_="help-language-note") is None
        for role, title in ROLES[locale].items():
            section = guide.find("section", id=role)
            assert section is not None, role
            assert nfc(section.find("h2").text) == title
            inside = {e.get("id") for e in section.iter() if e.get("id")}
            assert set(TOPICS[role]) <= inside, role
            for topic in TOPICS[role]:
                # Each topic has its heading and some words to read.
                part = section.find("section", id=topic)
                heading = next(e for e in part.iter() if e.tag in ("h3", "h4"))
                assert len(squash(part.text)) > len(squash(heading.text)) + 80, topic


def test_both_guides_have_the_same_sections(site):
    vi, en = (ids(guide_page(site, locale)) for locale in LANGUAGES)
    assert vi == en
    assert len(vi) > 30


def test_every_section_a_page_links_to_is_in_both_guides(site):
    for locale in LANGUAGES:
        found = ids(guide_page(site, locale))
        assert set(SECTIONS.values()) - found == set(), locale


@pytest.mark.parametrize("locale", [code for code in UI_LANGUAGES if code not in LANGUAGES])
def test_other_languages_read_the_vietnamese_guide_with_a_note(site, locale):
    page = guide_page(site, locale, "canbo")
    assert page.find("html").get("lang") == locale
    guide = page.find("div", class_="guide")
    assert guide.get("lang") == "vi"
    assert ids(guide_page(site, "vi")) == {e.get("id") for e in guide.iter() if e.get("id")}
    note = page.find("p", class_="help-language-note")
    assert squash(note.text) == catalog_text(
        site, locale, "This guide is in Vietnamese: it is not written in your language yet.")


def walk_help_links(app, who):
    """(endpoint, address, the Help link's address) for every page the user can GET."""
    with app.app_context():
        from fieldapp.db import get_db
        found = addresses(app, get_db())
    client = new_client(app, "vi", who)
    seen = []
    for endpoint, path in found:
        if FILES.search(urlsplit(path).path):
            continue
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        page = parse(response)
        if page.find("header") is None:
            continue  # a sheet to print, without the app's header
        link = page.find("header").find("a", class_="help-link")
        assert link is not None, path
        seen.append((endpoint, path, link.get("href")))
    return seen


@pytest.mark.parametrize("who", ["canbo", "giamsat", "quantri"])
def test_every_page_links_to_its_own_section_of_the_guide(site, who):
    sections = ids(guide_page(site, "vi"))
    seen = walk_help_links(site, who)
    assert len({endpoint for endpoint, _, _ in seen}) > 20
    wrong = []
    for endpoint, path, href in seen:
        address = urlsplit(href)
        with site.test_request_context(path):
            from flask import request
            expected = section_for(request.endpoint, request.view_args)
        if address.path != "/help" or (address.fragment or None) != expected \
                or (address.fragment and address.fragment not in sections):
            wrong.append((path, href, expected))
    assert wrong == []
    links = {path: href for _, path, href in seen}
    assert links["/worklists/no-bhyt"] == "/help#worklist-no-bhyt"
    assert links["/sync"] == "/help#sync"
    assert links["/"] == "/help#places"
    assert any(href == "/help#record-visit" for endpoint, _, href in seen
               if endpoint == "visits.new")
    if who != "canbo":
        assert links["/conflicts"] == "/help#conflicts"
        # A supervisor or administrator may correct any visit of the office.
        assert any(href == "/help#corrections" for endpoint, _, href in seen
                   if endpoint == "visits.correct_people")


@pytest.mark.parametrize("locale", LANGUAGES)
def test_correcting_and_removing_records_is_in_the_officers_part_and_the_supervisors(site,
                                                                                     locale):
    guide = guide_page(site, locale, "canbo").find("div", class_="guide")
    part = guide.find("section", id="officer").find("section", id="corrections")
    assert part is not None
    assert nfc(part.find("h3").text) == nfc(CORRECTIONS_TITLES[locale])
    # The supervisors' part sends them there.
    supervisor = guide.find("section", id="supervisor")
    assert "#corrections" in {a.get("href") for a in supervisor.find_all("a")}
    for endpoint in CORRECTIONS:
        assert section_for(endpoint) == "corrections", endpoint


def test_correcting_who_was_met_links_to_correcting_and_removing_records(site):
    client = new_client(site, "vi", "giamsat")
    with site.app_context():
        from fieldapp.db import get_db
        visits = [r[0] for r in get_db().execute(
            "select id from visits where deleted_at is null").fetchall()]
    for visit_id in visits:
        page = client.get(f"/visits/{visit_id}")
        if page.status_code != 200:
            continue  # another office's visit
        # The visit's page has the button; the page it opens links to the section.
        button = next(a for a in parse(page).find_all("a")
                      if a.get("href") == f"/visits/{visit_id}/people")
        response = client.get(button.get("href"))
        assert response.status_code == 200
        link = parse(response).find("header").find("a", class_="help-link")
        assert link.get("href") == "/help#corrections"
        break
    else:
        pytest.fail("no visit of the supervisor's office")


def test_the_central_servers_own_pages_link_to_their_sections(central_app):
    app, _ = central_app
    client = new_client(app, "vi", "quantri")
    for path, section in (("/central/devices", "laptops"), ("/central/audit/", "audit"),
                          ("/conflicts", "conflicts"), ("/admin/users", "users")):
        response = client.get(path)
        assert response.status_code == 200, path
        link = parse(response).find("header").find("a", class_="help-link")
        assert link.get("href") == f"/help#{section}", path


def test_the_guide_needs_no_login_and_the_login_page_links_to_logging_in(site):
    client = new_client(site, "vi")
    login = parse(client.get("/login"))
    assert login.find("header").find("a", class_="help-link").get("href") == "/help#log-in"
    assert client.get("/help").status_code == 200
    assert client.get("/help/guide.pdf").status_code == 200
    # Pages the guide has no section for (here, a page that does not exist) link to its top.
    missing = parse(new_client(site, "vi", "canbo").get("/no-such-page"))
    assert missing.find("header").find("a", class_="help-link").get("href") == "/help"
    assert section_for(None) is None and section_for("no_such.page") is None


@pytest.mark.parametrize("locale", ["vi", "en", "hnj"])
def test_the_guide_page_reaches_for_nothing_remote(site, locale):
    response = new_client(site, locale, "canbo").get("/help")
    page = parse(response)
    addresses_used = [e.get(name) for e in page.iter() for name in ("src", "href", "action")
                      if e.get(name) is not None]
    assert addresses_used and [a for a in addresses_used if REMOTE.match(a)] == []
    assert "://" not in page.find("div", class_="guide").text
    assert "url(" not in response.get_data(as_text=True)
    # Every picture is the app's own file, and is there.
    client = new_client(site)
    images = page.find("div", class_="guide").find_all("img")
    assert len(images) == len(SCREENSHOTS)
    for image in images:
        assert image.get("alt")
        served = client.get(image.get("src"))
        assert served.status_code == 200 and served.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_screenshots_are_small_pngs_for_both_languages(site):
    static = site.static_folder
    sizes = []
    for language in LANGUAGES:
        for name in SCREENSHOTS:
            with open(f"{static}/{screenshot_name(language, name)}", "rb") as f:
                data = f.read()
            assert data[:8] == b"\x89PNG\r\n\x1a\n", name
            sizes.append(len(data))
    assert sum(sizes) < 1_500_000


def printed(app, locale):
    response = new_client(app, locale).get("/help/guide.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "filename=" in response.headers["Content-Disposition"]
    return PdfReader(io.BytesIO(response.data))


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_pdf_is_laid_out_by_weasyprint_with_the_sections(site, locale):
    pdf = printed(site, locale)
    assert "WeasyPrint" in (pdf.metadata.producer or "")
    assert len(pdf.pages) >= 5
    text = nfc(" ".join(page.extract_text() for page in pdf.pages))
    for title in PRINTED_TITLES[locale]:
        assert nfc(title) in text, title
    # The screenshots are in it, and no link leaves the document.
    # (WeasyPrint gives every page the document's images as resources: counted once each.)
    assert len({image.data for page in pdf.pages for image in page.images}) == len(SCREENSHOTS)
    uris = [annotation.get_object().get("/A", {}).get("/URI")
            for page in pdf.pages for annotation in page.get("/Annots") or []]
    assert [uri for uri in uris if uri] == []


def test_other_languages_print_the_vietnamese_guide(site):
    text = nfc(printed(site, "blt").pages[1].extract_text())
    assert nfc("Bắt đầu") in text


def test_the_printed_guide_asks_only_for_the_apps_static_files(site):
    from weasyprint import HTML
    from weasyprint.urls import path2url

    from fieldapp.help import printed as printed_guide
    from fieldapp.printing.render import StaticFilesOnly

    with site.test_request_context("/help/guide.pdf"):
        html = printed_guide.guide_html("vi")
    assert "://" not in html
    fetcher = StaticFilesOnly(site.static_folder)
    fetched = []
    fetch = fetcher.fetch

    def noting(url, headers=None):
        fetched.append(url)
        return fetch(url, headers)
    fetcher.fetch = noting
    HTML(string=html, base_url=path2url(site.static_folder) + "/", url_fetcher=fetcher).write_pdf()
    assert fetcher.refused == []
    names = {url.rsplit("/static/", 1)[1] for url in fetched}
    assert {"css/pdf.css", "help/guide-print.css", "fonts/NotoSans-Regular.ttf"} <= names
    assert {screenshot_name("vi", name) for name in SCREENSHOTS} <= names
