"""Every page an officer, a supervisor and an administrator open, in Mông, Thái and Dao, in
Chromium (issue 23): no visible Vietnamese or English word outside names, places and official
names, so a new feature cannot land half in Vietnamese."""

import re
import unicodedata

import pytest
from babel.messages.pofile import read_po

from fieldapp.db import connect
from helpers import demo_ids
from test_pages import PAGES, data_words, english_words

from .conftest import _logged_in, choose_language, open_page

pytestmark = pytest.mark.e2e

MINORITY = ("hnj", "blt", "ium")
# Letters Vietnamese writes and Mông (RPA), Dao (Iu Mien) and Thái (Tai Viet) never do.
VIETNAMESE = re.compile(r"[đĐăĂâÂêÊôÔơƠưƯ]|[\u0300\u0301\u0303\u0309\u0323]")
WORD = re.compile(r"[^\W\d_]{4,}")
# Names that stay as they are in every language (domain.md); the product's own name.
OFFICIAL = ("Bảo hiểm xã hội Việt Nam", "mã số BHXH", "Mã số BHXH", "BHXH", "BHYT", "VssID",
            "CCCD", "fieldapp")
# Pages shown on purpose in Vietnamese: a script with no text in the language yet, with the
# notice that says so.
ON_PURPOSE = {"script fallback"}

# What the page shows a reader in its language: its text, without what it marks as not for
# translation (codes), as in another language, and the switcher's autonyms.
VISIBLE = """(code) => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[translate=no], script, style, .language-switcher')
      .forEach(e => e.remove());
  // Text marked as in another language (a source shown to a translator) is read in it; a
  // string shown in its fallback language for want of a translation (.fallback) is not.
  copy.querySelectorAll('[lang]:not(.fallback)').forEach(e => {
    if (e.lang !== code) e.remove();
  });
  document.body.after(copy);
  copy.hidden = false;
  const text = copy.innerText;
  copy.remove();
  return text;
}"""


@pytest.fixture(scope="module")
def words_of_data(laptop):
    db = connect(laptop.instance / "fieldapp.sqlite3")
    try:
        # Ethnic groups are named as they name themselves, in every language.
        peoples = {w.lower() for (label,) in db.execute(
            "select label from list_items where list = 'ethnicity'") for w in WORD.findall(label)}
        return demo_ids(db), data_words(db) | peoples | {"fieldapp"}
    finally:
        db.close()


def own_words(code):
    """Words the language's own drafts use: a Mông word that looks English is Mông."""
    with open(f"translations/{code}/LC_MESSAGES/messages.po", "rb") as f:
        catalog = read_po(f)
    english = english_words(catalog)
    drafts = " ".join(m.string if isinstance(m.string, str) else " ".join(m.string)
                      for m in catalog if m.id)
    return english, {w.lower() for w in WORD.findall(drafts)}


def foreign(text, data, english, own):
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))
    for name in OFFICIAL:
        text = text.replace(name, " ")
    found = set()
    for word in WORD.findall(text):
        low = word.lower()
        if low in data:
            continue
        if VIETNAMESE.search(unicodedata.normalize("NFD", word)) or (
                low in english and low not in own):
            found.add(word)
    return sorted(found)


@pytest.mark.parametrize("code", MINORITY)
def test_every_page_is_in_the_language_chosen(browser, laptop, sessions, words_of_data, code):
    ids, data = words_of_data
    english, own = own_words(code)
    pages, problems = {}, {}
    for name, (who, url, status) in PAGES.items():
        if name in ON_PURPOSE or status != 200:
            continue
        if who not in pages:
            page = _logged_in(browser, laptop, sessions, who) if who else \
                open_page(browser, laptop.url)
            if who is None:
                page.goto("/login")
            choose_language(page, code)
            pages[who] = page
        page = pages[who]
        page.goto(url.format(**ids))
        found = foreign(page.evaluate(VISIBLE, code), data, english, own)
        if found:
            problems[name] = found
    for who, page in pages.items():
        if who:
            choose_language(page, "vi")
        page.context.close()
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
