"""Reviewing translations in the app: every string, its state, coverage, and .po export."""

import io
from dataclasses import dataclass

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from .. import placeholders, store
from ..i18n import LANGUAGES, SOURCE, read_catalog, read_template


@dataclass
class Entry:
    msgid: str
    plural: str | None
    where: list        # files the string appears in, or the list it labels
    vietnamese: str
    catalog: str       # the text in the language's catalog ('' when missing)
    catalog_draft: bool
    review: dict | None  # the latest in-app review row, if any

    @property
    def text(self):
        return self.review["msgstr"] if self.review else self.catalog

    @property
    def state(self):
        """'reviewed', 'draft' or 'missing' (falling back to Vietnamese)."""
        if self.review and self.review["msgstr"]:
            return "reviewed" if self.review["reviewed"] else "draft"
        if self.catalog:
            return "draft" if self.catalog_draft else "reviewed"
        return "missing"


def _first(string):
    return string[0] if isinstance(string, (tuple, list)) else string


def reviews(db, language):
    """The latest in-app review per msgid for a language."""
    latest = {}
    for row in db.query("select * from translation_reviews where language = ?"
                        " and deleted_at is null order by updated_at", [language]):
        latest[row["msgid"]] = row
    return latest


def entries(db, directory, language):
    """Every translatable string with its Vietnamese source and its state in the language."""
    own = read_catalog(directory, language)
    vietnamese = read_catalog(directory, "vi")
    in_app = reviews(db, language)
    result, seen = [], set()
    for message in read_template(directory):
        if not message.id:
            continue
        msgid = _first(message.id)
        seen.add(msgid)
        mine, vi = own.get(message.id), vietnamese.get(message.id)
        result.append(Entry(
            msgid, message.id[1] if isinstance(message.id, tuple) else None,
            sorted({path for path, _line in message.locations}),
            _first(vi.string) if vi else "", _first(mine.string) if mine else "",
            bool(mine and mine.fuzzy), in_app.get(msgid)))
    # Items an administrator added to a configurable list are strings to translate too.
    for item in db.query("select list, label from list_items where deleted_at is null"):
        if item["label"] not in seen:
            seen.add(item["label"])
            result.append(Entry(item["label"], None, [f"list: {item['list']}"], "", "", False,
                                in_app.get(item["label"])))
    return result


def coverage(db, directory):
    """Per language: how many strings are reviewed (in the catalog or in the app), drafts,
    missing (shown in Vietnamese); and its glossary's terms and its scripts' texts, drafted
    and reviewed."""
    from . import glossary
    live = [row["id"] for row in db.query("select id from scripts where deleted_at is null")]
    table = {}
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        states = [e.state for e in entries(db, directory, code)]
        table[code] = {"total": len(states),
                       **{s: states.count(s) for s in ("reviewed", "draft", "missing")}}
        table[code]["translated"] = table[code]["reviewed"] + table[code]["draft"]
        terms = glossary.with_reviews(glossary.terms(directory, code), reviews(db, code))
        table[code]["glossary"] = {"total": len(terms),
                                   "reviewed": sum(t.reviewed for t in terms)}
        texts = _latest_script_texts(db, code)
        table[code]["scripts"] = {"total": len(live),
                                  "translated": sum(i in texts for i in live),
                                  "reviewed": sum(bool(texts.get(i)) for i in live)}
    return table


def _latest_script_texts(db, language):
    """{script id: whether its latest text in the language is reviewed}."""
    latest = {}
    for row in db.query("select script_id, reviewed from script_texts where language = ?"
                        " and deleted_at is null order by revision", [language]):
        latest[row["script_id"]] = row["reviewed"]
    return latest


def save_review(db, language, msgid, msgstr, reviewed, *, user_id):
    """Record a correction or approval; it overrides the catalog from the next page on."""
    with db.atomic():
        existing = db.value("select id from translation_reviews where language = ?"
                            " and msgid = ? and deleted_at is null order by updated_at desc",
                            [language, msgid])
        values = {"msgstr": msgstr.strip(), "reviewed": 1 if reviewed else 0}
        if existing:
            store.update(db, "translation_reviews", existing, values, user_id=user_id)
            return existing
        return store.insert(db, "translation_reviews",
                            {"language": language, "msgid": msgid, **values},
                            user_id=user_id)["id"]


def export_po(db, directory, language):
    """The language's catalog with the in-app reviews applied, as .po bytes for translations/."""
    own = read_catalog(directory, language)
    catalog = Catalog(locale=None, project="fieldapp", version="0.1",
                      copyright_holder="fieldapp developers")
    catalog.mime_headers = own.mime_headers
    for entry in entries(db, directory, language):
        msgid = (entry.msgid, entry.plural) if entry.plural else entry.msgid
        if entry.review and placeholders.problems(entry.msgid, entry.review["msgstr"]):
            # A review that breaks its placeholders (stored before they were checked, or
            # written around the checks) is left out: the catalog's text goes back instead.
            entry = Entry(entry.msgid, entry.plural, entry.where, entry.vietnamese,
                          entry.catalog, entry.catalog_draft, None)
        text = entry.text
        string = (text, text) if entry.plural else text
        flags = ["fuzzy"] if entry.state == "draft" else []
        catalog.add(msgid, string, locations=[(w, None) for w in entry.where
                                              if not w.startswith("list: ")],
                    flags=flags, auto_comments=[w for w in entry.where if w.startswith("list: ")])
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=True)
    return buf.getvalue()
