"""Search by name without diacritics, by personal number, by phone and by village."""

import pytest

from helpers import parse
from registry import household, person, user_id, village_id


@pytest.fixture
def people(db):
    canbo = user_id(db, "canbo")
    household(db, village_id(db, "Mí Háng"), canbo,
              person("Nguyễn Văn An", 1980, "male", cccd="015080001234"),
              person("Nguyễn Thị Hoa", 1985, bhxh_number="0123456789"), phone="0912345678")
    household(db, village_id(db, "Tu San"), canbo, person("Đặng Văn Đức", 1975, "male"))


def found(client, q):
    """The names in the first column of the results, in order."""
    page = parse(client.get("/search", query_string={"q": q}))
    table = page.find("table")
    if table is None:
        return []
    return [row.find("td").text.strip() for row in table.find("tbody").find_all("tr")]


@pytest.mark.parametrize("q, expected", [
    ("nguyen van", ["Nguyễn Văn An"]),
    ("NGUYEN", ["Nguyễn Thị Hoa", "Nguyễn Văn An"]),
    ("nguy", ["Nguyễn Thị Hoa", "Nguyễn Văn An"]),
    ("van an", ["Nguyễn Văn An"]),
    ("dang van duc", ["Đặng Văn Đức"]),
    ("Đặng", ["Đặng Văn Đức"]),
    ("015 080 001 234", ["Nguyễn Văn An"]),
    ("0123456789", ["Nguyễn Thị Hoa"]),
    ("+84 912 345 678", ["Nguyễn Thị Hoa", "Nguyễn Văn An"]),
    ('"nguyen', ["Nguyễn Thị Hoa", "Nguyễn Văn An"]),
    ("xyz", []),
])
def test_search_finds_people(officer, people, q, expected):
    assert found(officer, q) == expected


def test_search_finds_villages_and_links_their_lists(officer, db, people):
    page = officer.get("/search?q=mi hang").get_data(as_text=True)
    assert f'/villages/{village_id(db, "Mí Háng")}' in page
