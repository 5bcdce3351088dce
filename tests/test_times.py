"""Times in Vietnam's time: what the app recorded (UTC) is shown in the configured zone, written
the language's way, and "today" is the office's day, not the server process's."""

import io
import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from babel import dates
from pypdf import PdfReader

import registry
from conftest import LOCALES, copy_app
from fieldapp import clock, create_app, store
from fieldapp.config import ConfigError
from fieldapp.scripts import queries as scripts
from helpers import ROOT, catalog_text, demo_ids, input_value, new_client, parse, squash
from sync import server
from sync.protocol import PROTOCOL
from syncing import Central

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")

# A stamp the store writes, 18:30 UTC on 27 November: half past one on the 28th in Vietnam.
STAMP = "2026-11-27T18:30:00.000+00:00"
SHOWN = {"vi": "28/11/2026 01:30", "en": "Nov 28, 2026, 1:30 AM"}
UTC_TEXT = ("2026-11-27", "18:30", "UTC")
# 20:00 UTC on 31 March is 03:00 on 1 April in Vietnam.
EVENING_UTC = datetime(2026, 3, 31, 20, 0, tzinfo=timezone.utc)


def shown(text):
    """Text as read on the page: runs of spaces (CLDR's narrow no-break one too) as one."""
    return squash(text.replace("\u202f", " "))


def assert_vietnam_time(text, locale, expected=None):
    text = shown(text)
    assert text == (expected or SHOWN[locale])
    assert not any(part in text for part in UTC_TEXT)


@pytest.fixture
def stamped(monkeypatch):
    """Every write through the store is stamped STAMP."""
    monkeypatch.setattr(store, "now", lambda: STAMP)


@pytest.fixture
def home(db):
    """A household of the demo office's village, registered by its officer."""
    return registry.household(db, registry.village_id(db, "Mí Háng"),
                              registry.user_id(db, "canbo"),
                              registry.person("Giàng A Páo", 1980, "male"))["id"]


@pytest.fixture
def evening_utc(monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: EVENING_UTC)


def test_today_is_the_day_in_vietnam_whatever_the_server_zone(app, evening_utc):
    assert clock.now() == datetime(2026, 4, 1, 3, 0)
    assert clock.today() == date(2026, 4, 1)
    with app.app_context():
        assert clock.today() == date(2026, 4, 1)


def test_the_timezone_setting_moves_today(tmp_path, seeded_database, evening_utc):
    app = copy_app(tmp_path / "utc", seeded_database, TIMEZONE="UTC")
    with app.app_context():
        assert clock.today() == date(2026, 3, 31)
        assert clock.local(STAMP).hour == 18


def test_an_unknown_timezone_stops_the_start(tmp_path):
    with pytest.raises(ConfigError, match="TIMEZONE 'Asia/Hanoi_City' is not a time zone"):
        create_app({"TESTING": True, "TIMEZONE": "Asia/Hanoi_City"},
                   instance_path=str(tmp_path / "instance"))


def test_recorded_text_without_offset_is_read_as_utc():
    assert clock.local("2026-11-27T18:30:00") == clock.local("2026-11-27T18:30:00Z")
    assert clock.local("2026-11-27T18:30:00Z").isoformat() == "2026-11-28T01:30:00+07:00"


@pytest.mark.parametrize("locale", LOCALES)
def test_a_households_history_shows_vietnam_time(app, locale, stamped, home):
    officer = new_client(app, locale, "canbo")
    rows = parse(officer.get(f"/households/{home}")).find(
        "section", class_="history").find("tbody").find_all("tr")
    assert_vietnam_time(rows[0].find("td").text, locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_sync_page_shows_the_last_sync_and_refusals_in_vietnam_time(app, db, locale):
    Path(app.instance_path, "device.json").write_text(json.dumps(
        {"central_url": "http://127.0.0.1:9", "device_id": "d-1", "secret": "s"}))
    # As the sync client records them: UTC to the second, with a Z.
    db.sync.set_state("last_sync_at", "2026-11-27T18:30:00Z")
    db.execute("insert into sync_refused (seq, table_name, row_id, code, reason, at)"
               " values (1, 'villages', 'v-1', 'outside_office', 'refused',"
               " '2026-11-27T18:30:00Z')")
    page = parse(new_client(app, locale, "canbo").get("/sync"))
    facts = {shown(div.find("dt").text): div.find("dd").text
             for div in page.find("dl", class_="facts").find_all("div")}
    assert_vietnam_time(facts[catalog_text(app, locale, "Last successful sync")], locale)
    refusal = page.find("section", id="refused").find("tbody").find("tr").find_all("td")
    assert_vietnam_time(refusal[3].text, locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_conflicts_show_when_they_were_found_in_vietnam_time(app, db, locale, stamped, home):
    conflict = store.insert(db, "sync_conflicts", {
        "table_name": "households", "row_id": home, "field": "address_note",
        "kept_value": '"Gần trường"', "kept_hlc": "0000000000002.00000.a",
        "lost_value": '"Đầu bản"', "lost_hlc": "0000000000001.00000.b"}, user_id=None)["id"]
    supervisor = new_client(app, locale, "giamsat")
    row = parse(supervisor.get("/conflicts")).find("tbody").find("tr")
    assert_vietnam_time(row.find_all("td")[4].text, locale)
    facts = parse(supervisor.get(f"/conflicts/{conflict}")).find("dl").find_all("div")
    assert_vietnam_time(facts[-1].find("dd").text, locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_central_devices_page_shows_vietnam_time(central_app, locale, monkeypatch):
    app, db = central_app
    office = db.execute("select id from offices order by created_at").fetchone()[0]
    server.enrol(db.sync, {"protocol": PROTOCOL, "device_name": "laptop 1", "code":
                      server.create_enrolment_code(db.sync, office, user_id=None)})
    db.execute("update devices set enrolled_at = ?, last_seen_at = ?",
               ["2026-11-27T18:30:00+00:00", "2026-11-27T18:30:00+00:00"])
    # A code made at STAMP's moment is valid for a day: until 01:30 on the 29th in Vietnam.
    monkeypatch.setattr(server, "_utc", lambda delta=timedelta(): (
        datetime(2026, 11, 27, 18, 30, tzinfo=timezone.utc) + delta).isoformat())
    admin = new_client(app, locale, "quantri")
    page = parse(admin.post_form("/central/devices", {"office_id": office}))
    cells = page.find("tbody").find("tr").find_all("td")
    assert_vietnam_time(cells[2].text, locale)
    assert_vietnam_time(cells[3].text, locale)
    notice = shown(page.find("p", role="status").text)
    expiry = {"vi": "29/11/2026 01:30", "en": "Nov 29, 2026, 1:30 AM"}[locale]
    assert shown(catalog_text(app, locale, "Enrolment code, valid until %(time)s and for one"
                                           " laptop:", time=expiry)) in notice


@pytest.mark.parametrize("locale", LOCALES)
def test_a_scripts_history_shows_vietnam_time(app, db, locale, stamped):
    script = demo_ids(db)["script"]
    scripts.save_text(db, script, "vi", title="Tiêu đề", key_messages="1. Thông điệp",
                      questions=[], reviewed=False, user_id=None)
    page = parse(new_client(app, locale, "canbo").get(f"/scripts/{script}/history?lang=vi"))
    summary = shown(page.find("summary").text)
    assert SHOWN[locale] in summary and "18:30" not in summary


@pytest.mark.parametrize("locale", LOCALES)
def test_the_dashboards_month_is_vietnams(app, locale, evening_utc):
    page = parse(new_client(app, locale, "giamsat").get("/dashboard"))
    april = dates.format_date(date(2026, 4, 1), "medium", locale=locale)
    expected = catalog_text(app, locale, "This month: %(start)s to %(end)s",
                            start=april, end=april)
    assert shown(expected) in shown(page.find("p", class_="muted").text)


def test_a_new_visit_is_dated_now_in_vietnam(app, evening_utc, home):
    page = parse(new_client(app, "vi", "canbo").get(f"/households/{home}/visits/new"))
    assert input_value(page, "visited_at") == "2026-04-01T03:00"


def test_the_printed_reports_date_is_vietnams(app, evening_utc):
    response = new_client(app, "vi", "giamsat").get(
        "/reports/report.pdf?start=2026-03-01&end=2026-03-31")
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    printed = catalog_text(app, "vi", "Printed on %(date)s.",
                           date=dates.format_date(date(2026, 4, 1), "medium", locale="vi"))
    assert shown(printed) in shown(text)


def test_a_sync_with_a_real_central_server_is_shown_in_vietnam_time(tmp_path, seeded_database):
    """The last sync a real sync records (UTC) reads as the wall clock in Vietnam."""
    central = Central(tmp_path / "central")
    try:
        app = copy_app(tmp_path / "laptop", seeded_database)
        admin = new_client(app, "vi", "quantri")
        assert admin.post_form("/sync/enrol", {
            "central_url": central.url, "code": central.code(),
            "device_name": "laptop"}).status_code == 302
        from fieldapp.sync_pages.views import run_sync
        run_sync(app.config["DATABASE"], app.instance_path)
    finally:
        central.stop()
    page = parse(admin.get("/sync"))
    text = shown(page.find("dl", class_="facts").find_all("dd")[1].text)
    at = datetime.strptime(text, "%d/%m/%Y %H:%M")
    assert abs(at - clock.now()) < timedelta(minutes=2)


# Times officers type are already Vietnam's wall clock: shown as typed, never shifted.
TYPED = {"visited_at", "held_at"}
_OUTPUT = re.compile(r"{{(.*?)}}", re.S)
# A name, with the object it is read from: `h.at`, `d.enrolled_at`, `last_sync`.
_TIME_NAME = re.compile(r"(?<![\w.])(?:\w+\.)*(\w+_at|(?<=\.)at|last_sync)\b")


def test_every_recorded_time_in_a_template_goes_through_the_datetime_filter():
    """Beside the page tests above: a template added later cannot print a raw UTC time."""
    unfiltered, shifted = [], []
    for path in sorted((ROOT / "fieldapp").glob("**/templates/**/*.html")):
        for expression in _OUTPUT.findall(path.read_text()):
            for found in _TIME_NAME.finditer(expression):
                name, after = found.group(1), expression[found.end():].lstrip()
                before = expression[:found.start()].rstrip()
                filtered = after.startswith("|datetime")
                if name in TYPED:
                    if filtered:
                        shifted.append(f"{path.name}: {expression.strip()}")
                elif not filtered and not re.search(r"\b(if|not)$", before):
                    unfiltered.append(f"{path.name}: {expression.strip()}")
    assert not unfiltered, unfiltered
    assert not shifted, shifted


def test_today_and_now_come_from_the_clock_module():
    """The server process's own zone is never asked what day it is."""
    local_clock = re.compile(r"\bdate\.today\(\)|\bdatetime\.now\(\)|\bdatetime\.now\b(?!\()"
                             r"|\btime\.localtime\b|\bdatetime\.today\(\)")
    found = [f"{path.relative_to(ROOT)}:{n}"
             for folder in ("fieldapp", "forms", "sync")
             for path in sorted((ROOT / folder).rglob("*.py")) if path.name != "clock.py"
             for n, line in enumerate(path.read_text().splitlines(), 1)
             if local_clock.search(line)]
    assert not found, found
