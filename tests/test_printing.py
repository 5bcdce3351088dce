"""Printed summaries: real WeasyPrint PDFs read back with pypdf."""

import io
import re
import threading
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from jinja2 import ChoiceLoader, DictLoader
from pypdf import PdfReader

import registry
from fieldapp import clock
from fieldapp.db import connect
from fieldapp.group_sessions import queries as group_sessions
from fieldapp.printing import render, summaries
from fieldapp.text import short_code
from helpers import ROOT, catalog_text, field_errors, input_value, new_client, parse

# PDF points (1/72 inch) of the page sizes, portrait.
A5 = (419.5, 595.3)
A4 = (595.3, 841.9)

TODAY = clock.today()
VISIT_AT = datetime.combine(TODAY - timedelta(days=2), datetime.min.time()).replace(hour=9)
FOLLOW_UP = TODAY + timedelta(days=10)


@pytest.fixture
def printed(app):
    """Two households of Mí Háng (Vietnamese and Mông), visits with outcomes, and a session."""
    db = connect(app.config["DATABASE"])
    officer = registry.user_id(db, "canbo")
    village = registry.village_id(db, "Mí Háng")
    vi = registry.household(db, village, officer, registry.person("Lò Văn Pản", 1975, "male"),
                            registry.person("Lò Thị Xuân", 1978), language="vi")
    hnj = registry.household(db, village, officer, registry.person("Vàng A Chử", 1969, "male"),
                             registry.person("Vàng Thị Dua", 1995), language="hnj")
    ids = {"vi": vi, "hnj": hnj, "officer": officer, "village": village}
    ids["visit vi"] = registry.visit(
        db, vi["id"], officer, VISIT_AT, topics=["voluntary_bhxh", "vssid"],
        present=[vi["Lò Văn Pản"], vi["Lò Thị Xuân"]], follow_up_on=FOLLOW_UP,
        outcomes={vi["Lò Văn Pản"]: (["household_bhyt"], None),
                  vi["Lò Thị Xuân"]: (["declined"], "cannot_afford")})
    ids["visit hnj"] = registry.visit(
        db, hnj["id"], officer, VISIT_AT + timedelta(hours=1), topics=["household_bhyt"],
        language="hnj", follow_up_on=FOLLOW_UP,
        outcomes={hnj["Vàng Thị Dua"]: (["vssid_installed", "interested"], None)})
    ids["visit other day"] = registry.visit(db, hnj["id"], officer, VISIT_AT - timedelta(days=5),
                                            nobody_home=True)
    ids["session"] = group_sessions.record_session(
        db, commune_code=db["villages"].get(village)["commune_code"], village_id=village,
        held_at=VISIT_AT, format="small_group", target_group="voluntary",
        place="Nhà văn hóa", topics=["voluntary_bhxh"], languages=["hnj", "vi"],
        facilitators=[officer], outside_facilitators="Trưởng bản", total=6, female=4, male=2,
        by_ethnicity={"mong": 6}, materials=["leaflet"],
        roster=[hnj["Vàng A Chử"], hnj["Vàng Thị Dua"]], user_id=officer)
    db.close()
    return ids


def pdf_of(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(response.data))


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text):
    return re.sub(r"\s+", " ", text)


def page_size(page):
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


def embedded_fonts(reader):
    """Base names of the fonts whose program is embedded in the PDF."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor and any(k in descriptor.get_object()
                                      for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_visit_summary_in_vietnamese_on_one_a5_page(app, printed):
    client = new_client(app, "vi", "canbo")
    reader = pdf_of(client.get(f"/visits/{printed['visit vi']}/summary.pdf"))
    assert len(reader.pages) == 1
    assert page_size(reader.pages[0]) == A5
    text = flat(text_of(reader))
    for label in ("Visit summary", "Who we met", "What we talked about", "What was decided",
                  "Next step", "Install VssID in three steps", "Next visit"):
        assert catalog_text(app, "vi", label) in text
    assert "Tóm tắt lần thăm hộ" in text
    assert "Lò Văn Pản" in text and "Lò Thị Xuân" in text
    assert "Mí Háng, Xã Chế Tạo" in text
    assert VISIT_AT.strftime("%d/%m/%Y 09:00") in text
    # Each person's outcome with its next step; the decline keeps its reason.
    assert catalog_text(app, "vi", "Bought or renewed household BHYT") in text
    expiry = date(TODAY.year + 1, VISIT_AT.month, VISIT_AT.day) if not (
        VISIT_AT.month == 2 and VISIT_AT.day == 29) else date(TODAY.year + 1, 2, 28)
    assert catalog_text(app, "vi", "Your BHYT card is valid until %(date)s.",
                        date=expiry.strftime("%d/%m/%Y")) in text
    assert (catalog_text(app, "vi", "Declined") + ": " +
            catalog_text(app, "vi", "Cannot afford it")) in text
    assert FOLLOW_UP.strftime("%d/%m/%Y") in text
    # The office's contact and the visit's code.
    assert "0216 3878 123" in text
    assert short_code("V", printed["visit vi"]) in text
    # Topics carry the key message of their script, with policy figures filled in.
    assert "Voluntary social insurance" not in text
    assert catalog_text(app, "vi", "Voluntary social insurance (BHXH)") in text
    assert "BHXH tự nguyện dành cho người lao động tự do" in text
    assert "{" not in text
    assert catalog_text(app, "vi", "This page is a draft translation from Vietnamese that "
                                   "no speaker has checked yet.") not in text


def test_visit_summary_prints_in_the_households_language_by_default(app, printed):
    client = new_client(app, "vi", "canbo")
    text = flat(text_of(pdf_of(client.get(f"/visits/{printed['visit hnj']}/summary.pdf"))))
    for label in ("Visit summary", "What was decided", "Install VssID in three steps",
                  "Log in to VssID to see your cards and contributions."):
        mong = catalog_text(app, "hnj", label)
        assert mong != catalog_text(app, "vi", label)
        assert mong in text
    assert "Nruab VssID peb kauj ruam" in text
    assert "Vàng Thị Dua" in text
    assert catalog_text(app, "hnj", "The officer will come back on %(date)s.",
                        date=FOLLOW_UP.strftime("%d/%m/%Y")) in text
    # A draft language says so on the page it prints.
    assert catalog_text(app, "hnj", "This page is a draft translation from Vietnamese that "
                                    "no speaker has checked yet.") in text


@pytest.mark.parametrize("language", ["vi", "hnj", "blt", "ium", "en"])
def test_the_officer_picks_another_language_when_printing(app, printed, language):
    client = new_client(app, "vi", "canbo")
    reader = pdf_of(client.get(f"/visits/{printed['visit hnj']}/summary.pdf"
                               f"?language={language}&size=A4"))
    assert page_size(reader.pages[0]) == A4
    assert len(reader.pages) == 1
    text = flat(text_of(reader))
    # Every label is the language's own text or its Vietnamese fallback, never blank.
    for label in ("Household", "Village", "Visit summary", "Next step",
                  "Keep this page. Show its code to the officer or the office if you have "
                  "a question."):
        shown = catalog_text(app, language, label)
        assert shown and shown in text
    assert ("ꪹꪭꪙ" in text) == (language == "blt")  # Thái labels in Tai Viet letters


def test_fonts_are_embedded_for_latin_and_tai_viet(app, printed):
    client = new_client(app, "vi", "canbo")
    reader = pdf_of(client.get(f"/visits/{printed['visit hnj']}/summary.pdf?language=blt"))
    fonts = embedded_fonts(reader)
    assert "Noto-Sans" in fonts, fonts
    assert "Noto-Sans-Tai-Viet" in fonts, fonts


def test_session_summary_and_attendance_sheet(app, printed):
    client = new_client(app, "vi", "canbo")
    reader = pdf_of(client.get(f"/sessions/{printed['session']}/summary.pdf"))
    assert page_size(reader.pages[0]) == A4
    text = text_of(reader)
    flat_text = flat(text)
    for label in ("Small-group session: summary and attendance sheet", "Signature",
                  "Women", "Men", "Facilitators"):
        assert catalog_text(app, "vi", label) in flat_text
    assert "Nhà văn hóa" in flat_text and "Trưởng bản" in flat_text
    assert "Vàng A Chử" in flat_text and "Vàng Thị Dua" in flat_text
    # Attendance by gender: 6 people, 4 women, 2 men, none unrecorded.
    assert re.search(r"^6 4 2 0$", text, re.M), text
    # Two roster rows, then numbered blank rows up to the six who attended.
    numbers = [int(n) for n in re.findall(r"^(\d+)(?: |$)", text, re.M) if int(n) < 10]
    assert numbers[-6:] == [1, 2, 3, 4, 5, 6]
    assert re.search(r"^3$", text, re.M) and not re.search(r"^7$", text, re.M)


def test_session_summary_in_a5_and_another_language(app, printed):
    client = new_client(app, "vi", "canbo")
    reader = pdf_of(client.get(f"/sessions/{printed['session']}/summary.pdf?size=A5"
                               "&language=en"))
    assert page_size(reader.pages[0]) == A5
    assert "Small-group session: summary and attendance sheet" in flat(text_of(reader))


def test_a_batch_has_one_page_per_visit_each_in_its_households_language(app, printed):
    client = new_client(app, "vi", "canbo")
    day = VISIT_AT.date().isoformat()
    reader = pdf_of(client.get(f"/print/visits?officer={printed['officer']}&start={day}"))
    # The demo's own visits fall on other days: only the two of that day.
    assert len(reader.pages) == 2
    first, second = (flat(page.extract_text()) for page in reader.pages)
    assert "Lò Văn Pản" in first and catalog_text(app, "vi", "Visit summary") in first
    assert "Vàng Thị Dua" in second and catalog_text(app, "hnj", "Visit summary") in second
    assert all(page_size(page) == A5 for page in reader.pages)


def test_a_batch_by_range_and_village_in_one_chosen_language(app, printed):
    client = new_client(app, "vi", "canbo")
    start = (VISIT_AT - timedelta(days=6)).date().isoformat()
    end = VISIT_AT.date().isoformat()
    with app.app_context():
        db = connect(app.config["DATABASE"])
        expected = db.execute("""
            select count(*) from visits v join households h on h.id = v.household_id
             where h.village_id = ? and v.visited_at >= ? and v.visited_at < ?
               and v.deleted_at is null""", [printed["village"], start,
                                             (VISIT_AT.date() + timedelta(days=1)).isoformat()]
        ).fetchone()[0]
        db.close()
    assert expected >= 3
    reader = pdf_of(client.get(f"/print/visits?village={printed['village']}&start={start}"
                               f"&end={end}&language=en&size=A4"))
    assert len(reader.pages) == expected
    assert all("Visit summary" in page.extract_text() for page in reader.pages)
    assert all(page_size(page) == A4 for page in reader.pages)


@pytest.mark.parametrize("locale", ["vi", "hnj", "en"])
def test_a_batch_choice_that_cannot_be_printed_says_why_beside_the_field(app, printed, locale):
    client = new_client(app, locale, "canbo")
    page = parse(client.get("/print/visits?officer=&start=").get_data(as_text=True))
    assert field_errors(page, "start") == [
        catalog_text(app, locale, "Choose a day, a date range or a village.")]
    page = parse(client.get("/print/visits?start=2026-05-10&end=2026-05-01&size=A4")
                 .get_data(as_text=True))
    assert field_errors(page, "end") == [
        catalog_text(app, locale, "The last day must not come before the first.")]
    assert input_value(page, "start") == "2026-05-10"
    assert input_value(page, "end") == "2026-05-01"
    page = parse(client.get("/print/visits?start=2001-01-01").get_data(as_text=True))
    assert field_errors(page, "start") == [
        catalog_text(app, locale, "No visit matches this choice.")]


def test_a_batch_past_the_limit_is_refused(app, printed, monkeypatch):
    monkeypatch.setattr(summaries, "BATCH_LIMIT", 2)
    client = new_client(app, "en", "canbo")
    day = VISIT_AT.date()
    response = client.get(f"/print/visits?start={day - timedelta(days=7)}&end={day}")
    assert response.mimetype == "text/html"
    assert field_errors(parse(response.get_data(as_text=True)), "start") == [
        "More than 2 visits match: narrow the choice."]


def test_another_offices_visit_or_session_is_not_printed(app, printed, db):
    from fieldapp import accounts, offices
    office = offices.create_office(db, name="BHXH khác", province_code=1, user_id=None)["id"]
    accounts.create_user(db, username="khac", full_name="Người Khác", password="long-enough-1",
                         role="officer", office_id=office, user_id=None)
    client = new_client(app, "vi", "khac", "long-enough-1")
    assert client.get(f"/visits/{printed['visit vi']}/summary.pdf").status_code == 404
    assert client.get(f"/sessions/{printed['session']}/summary.pdf").status_code == 404
    day = VISIT_AT.date().isoformat()
    page = parse(client.get(f"/print/visits?start={day}").get_data(as_text=True))
    assert field_errors(page, "start") == [catalog_text(app, "vi",
                                                        "No visit matches this choice.")]


def test_a_bad_page_size_is_not_found(app, printed):
    client = new_client(app, "vi", "canbo")
    assert client.get(f"/visits/{printed['visit vi']}/summary.pdf?size=Letter").status_code \
        == 404


def test_visit_and_session_pages_offer_the_pdf_in_a_chosen_language(app, printed):
    client = new_client(app, "vi", "canbo")
    page = parse(client.get(f"/visits/{printed['visit hnj']}").get_data(as_text=True))
    form = page.find("form", action=f"/visits/{printed['visit hnj']}/summary.pdf")
    assert form is not None and form.get("method") == "get"
    assert short_code("V", printed["visit hnj"]) in page.text
    page = parse(client.get(f"/sessions/{printed['session']}").get_data(as_text=True))
    assert page.find("form", action=f"/sessions/{printed['session']}/summary.pdf") is not None


class _Counter(BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    """A real HTTP server on 127.0.0.1 that counts the requests it gets."""
    _Counter.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Counter.hits
    server.shutdown()


def test_an_external_url_in_a_template_is_not_fetched(app, web_server):
    address, hits = web_server
    app.jinja_env.loader = ChoiceLoader([DictLoader({"pdf/outside.html": f"""
        {{% extends "pdf/document.html" %}}
        {{% block body %}}<link rel="stylesheet" href="{address}/style.css">
        <img src="{address}/logo.png"><img src="file:///etc/hostname">
        <img src="../../../../etc/hostname"><p>Xin chào</p>{{% endblock %}}"""}),
        app.jinja_env.loader])
    fetched, refused = [], []
    original = render.StaticFilesOnly.fetch

    def recording(self, url, headers=None):
        fetched.append(url)
        try:
            return original(self, url, headers)
        except render.RefusedURL:
            refused.append(url)
            raise

    with app.app_context(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(render.StaticFilesOnly, "fetch", recording)
        pdf = render.render_pdf("outside.html", page_size="A5")
    assert "Xin chào" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert hits == []
    assert f"{address}/style.css" in refused and f"{address}/logo.png" in refused
    assert "file:///etc/hostname" in refused
    # The app's own stylesheet and fonts were read; everything else was refused.
    assert any(url.endswith("/static/css/pdf.css") for url in fetched)
    assert any(url.endswith("NotoSans-Regular.ttf") for url in fetched)
    assert all("/fieldapp/static/" in url for url in set(fetched) - set(refused))


def test_the_fetcher_refuses_everything_outside_the_static_folder(app, web_server, tmp_path):
    address, hits = web_server
    static = ROOT / "fieldapp" / "static"
    fetcher = render.StaticFilesOnly(static)
    (tmp_path / "secret.txt").write_text("secret")
    for url in (f"{address}/x.css", "https://example.org/x.png", "data:text/css,body{}",
                f"file://{tmp_path}/secret.txt", f"file://{static}/../__init__.py",
                f"file://{static}/fonts/missing.ttf"):
        with pytest.raises(render.RefusedURL):
            fetcher.fetch(url)
    assert hits == []
    assert fetcher.fetch(f"file://{static}/fonts/OFL.txt").read().startswith(b"Noto Sans")


def test_pdf_templates_and_stylesheet_name_no_external_url():
    sources = [*(ROOT / "fieldapp" / "templates" / "pdf").glob("*.html"),
               ROOT / "fieldapp" / "static" / "css" / "pdf.css"]
    assert len(sources) >= 5
    for source in sources:
        assert not re.search(r"(https?:)?//[\w.-]+\.\w", source.read_text()), source


def test_a_large_batch_is_laid_out_on_every_core_and_keeps_its_order(app, printed,
                                                                       monkeypatch):
    from fieldapp.printing import documents
    client = new_client(app, "vi", "canbo")
    start = (VISIT_AT - timedelta(days=6)).date().isoformat()
    url = f"/print/visits?village={printed['village']}&start={start}&end={VISIT_AT.date()}"
    alone = [flat(page.extract_text()) for page in pdf_of(client.get(url)).pages]
    monkeypatch.setattr(documents, "PARALLEL_FROM", 2)
    monkeypatch.setattr(documents, "cores", lambda: 2)
    laid_out = []
    original = documents.documents_to_pdf
    monkeypatch.setattr(documents, "documents_to_pdf",
                        lambda htmls: laid_out.append(len(htmls)) or original(htmls))
    together = [flat(page.extract_text()) for page in pdf_of(client.get(url)).pages]
    assert laid_out == [2]
    assert len(alone) >= 3
    assert together == alone


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_a_long_visit_still_fits_one_page(app, db, size):
    officer = registry.user_id(db, "canbo")
    names = ["Giàng A Páo", "Giàng Thị Mỷ", "Giàng A Sử", "Giàng Thị Dợ", "Giàng A Chứ",
             "Giàng Thị Pàng"]
    family = registry.household(db, registry.village_id(db, "Mí Háng"), officer,
                                registry.person(names[0], 1970, "male"),
                                *[registry.person(n, 1990 + i) for i, n in enumerate(names[1:])],
                                language="blt")
    topics = [r[0] for r in db.execute("select code from list_items where list = 'topic'")]
    visit = registry.visit(
        db, family["id"], officer, VISIT_AT, topics=topics, follow_up_on=FOLLOW_UP,
        companions="Trưởng bản Mùa A Chông, Hội Phụ nữ xã",
        present=[family[n] for n in names],
        outcomes={family[n]: (["household_bhyt", "vssid_installed", "interested"], None)
                  if i % 2 else (["declined"], "cannot_afford") for i, n in enumerate(names)})
    reader = pdf_of(new_client(app, "vi", "canbo").get(f"/visits/{visit}/summary.pdf"
                                                       f"?size={size}"))
    assert len(reader.pages) == 1
    text = flat(text_of(reader))
    assert all(name in text for name in names)
    assert catalog_text(app, "blt", "Install VssID in three steps") in text
