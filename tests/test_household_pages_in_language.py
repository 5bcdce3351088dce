"""What a household keeps is wholly in its language (issue 23): the visit summary, the session's
summary and attendance sheet, printed in Mông, Thái and Dao, hold no Vietnamese or English
sentence outside names, places and official names, and every Thái PDF embeds the Tai Viet font."""

import io
import re
import unicodedata
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader

import registry
from fieldapp import clock
from fieldapp.db import connect
from fieldapp.group_sessions import queries as group_sessions
from helpers import new_client

MINORITY = ("hnj", "blt", "ium")
VISIT_AT = datetime.combine(clock.today() - timedelta(days=2),
                            datetime.min.time()).replace(hour=9)
# Letters Vietnamese writes and Mông (RPA), Dao (Iu Mien) and Thái (Tai Viet) never do.
_VIETNAMESE = re.compile(r"[đĐăĂâÂêÊôÔơƠưƯ]|[\u0300\u0301\u0303\u0309\u0323]")
# Words of an English sentence; none is a Mông or Dao word.
_ENGLISH = {"the", "and", "your", "with", "this", "that", "will", "officer", "household",
            "visit", "card", "phone", "install", "contribution", "next", "step", "keep", "page"}
# Names of the field that stay as they are in every language (domain.md).
_OFFICIAL = {"BHXH", "BHYT", "VssID", "CCCD", "VNeID", "CH", "Play", "App", "Store", "Android",
             "iPhone"}
_OFFICIAL_NAMES = ("Bảo hiểm xã hội Việt Nam", "mã số BHXH", "Mã số BHXH")


@pytest.fixture
def printed(app):
    """A household met at a visit with every outcome and topic, and a session with a roster."""
    db = connect(app.config["DATABASE"])
    officer = registry.user_id(db, "canbo")
    village = registry.village_id(db, "Mí Háng")
    home = registry.household(db, village, officer, registry.person("Vàng A Chử", 1969, "male"),
                              registry.person("Vàng Thị Dua", 1995),
                              registry.person("Vàng A Sử", 2012, "male"), language="hnj")
    topics = [r[0] for r in db.execute("select code from list_items where list = 'topic'"
                                       " and active = 1")]
    ids = {"visit": registry.visit(
        db, home["id"], officer, VISIT_AT, topics=topics, language="hnj",
        companions="Trưởng bản Mùa A Chông", follow_up_on=clock.today() + timedelta(days=9),
        present=[home["Vàng A Chử"], home["Vàng Thị Dua"], home["Vàng A Sử"]],
        outcomes={home["Vàng A Chử"]: (["voluntary_bhxh", "vssid_installed"], None),
                  home["Vàng Thị Dua"]: (["household_bhyt", "interested"], None),
                  home["Vàng A Sử"]: (["declined"], "cannot_afford")})}
    ids["session"] = group_sessions.record_session(
        db, commune_code=db["villages"].get(village)["commune_code"], village_id=village,
        held_at=VISIT_AT, format="small_group", target_group="voluntary",
        place="Nhà văn hóa", topics=topics[:3], languages=["hnj"], facilitators=[officer],
        outside_facilitators="Trưởng bản", total=3, female=1, male=2, by_ethnicity={"mong": 3},
        roster=[home["Vàng A Chử"], home["Vàng Thị Dua"]], user_id=officer)
    names = {r[0] for r in db.execute("select full_name from people")}
    names |= {r[0] for r in db.execute("select full_name from users")}
    names |= {r[0] for r in db.execute("select name from villages")}
    names |= {r[0] for r in db.execute("select name from communes where province_code = 15")}
    names |= {r[0] for r in db.execute("select name from offices")}
    names |= {r[0] for r in db.execute("select phone from offices")}
    names |= {r[0] for r in db.execute("select address from offices")}
    names |= {"Trưởng bản Mùa A Chông", "Trưởng bản", "Nhà văn hóa", *_OFFICIAL_NAMES}
    db.close()
    return ids, sorted((n for n in names if n), key=len, reverse=True)


def read(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return PdfReader(io.BytesIO(response.data))


def foreign_words(text, names):
    """The words of `text` that are Vietnamese or English, once names and official names
    are taken out."""
    # A line break of the page may fall inside a name.
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    for name in names:
        text = text.replace(unicodedata.normalize("NFC", name), " ")
    words = re.findall(r"[^\W\d_]+", text)
    return sorted({w for w in words if w not in _OFFICIAL and (
        _VIETNAMESE.search(unicodedata.normalize("NFD", w)) or w.lower() in _ENGLISH)})


def fonts(reader):
    found = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


@pytest.mark.parametrize("code", MINORITY)
def test_what_a_household_keeps_is_wholly_in_its_language(app, printed, code):
    ids, names = printed
    client = new_client(app, "vi", "canbo")
    pages = {
        "visit summary": read(client.get(f"/visits/{ids['visit']}/summary.pdf",
                                         query_string={"language": code})),
        "session summary and attendance sheet": read(client.get(
            f"/sessions/{ids['session']}/summary.pdf", query_string={"language": code})),
    }
    for what, reader in pages.items():
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert foreign_words(text, names) == [], (what, foreign_words(text, names))
        if code == "blt":
            assert re.search("[\uaa80-\uaadf]", text), what
            assert any("TaiViet" in f.replace("-", "") for f in fonts(reader)), \
                (what, fonts(reader))


def test_thai_text_in_a_spreadsheet_names_the_tai_viet_font():
    """A spreadsheet program shows Tai Viet only in a font that has it (issue 23, part 7)."""
    from openpyxl import load_workbook

    from fieldapp.reports import exports
    body = exports.xlsx_bytes([("Bản", ["Tên", "ꪼꪕꪒꪾ"],
                                [["Lò Văn Tâm", "ꪹꪭꪙ ꪎꪮꪉ"], ["=1+1", 3]])])
    sheet = load_workbook(io.BytesIO(body)).active
    header, first, second = sheet.iter_rows()
    assert header[1].font.name == "Noto Sans Tai Viet" and header[1].font.bold
    assert header[0].font.bold and header[0].font.name != "Noto Sans Tai Viet"
    assert first[1].font.name == "Noto Sans Tai Viet"
    assert first[0].font.name != "Noto Sans Tai Viet"
    assert second[0].value == "=1+1" and second[0].data_type == "s"
