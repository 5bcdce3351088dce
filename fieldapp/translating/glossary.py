"""The glossary of the field's terms, one CSV per minority language in translations/glossary/.

Each row is a term (`term`, a stable key), its Vietnamese (`vi`) and English (`en`) wording, the
language's draft (`draft`), a note for reviewers (`note`) and whether a speaker has reviewed it
(`reviewed`, yes or no). Drafts use the glossary's term: for each term, every catalog entry whose
English msgid holds the English term (a whole word, or its plural in -s/-es) is to hold the draft
in its translation. `mismatches()` lists where it does not;

    python -m fieldapp.translating.glossary --check [--lang hnj] [--summary]

prints them (exit status 1 when there are any). Reviewers see the glossary beside each string
on the in-app review page and in the review sheet; a term reviewed there is saved as a
translation review keyed `glossary:<term>` (see `review_key`), which overrides the CSV's draft
in the app and syncs like any review.
"""

import argparse
import csv
import io
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..i18n import TRANSLATIONS_DIR, read_catalog

COLUMNS = ("term", "vi", "en", "draft", "note", "reviewed")
LANGUAGES = ("hnj", "blt", "ium")
# Names that stay as they are in every language, Latin letters included (domain.md), and the
# official names kept as printed, as the language walk test keeps them (tests/e2e OFFICIAL).
PROPER_NAMES = ("BHXH", "BHYT", "VssID", "CCCD", "VNeID", "mã số BHXH",
                "Bảo hiểm xã hội Việt Nam")
TAI_VIET = (0xAA80, 0xAADF)
REVIEW_PREFIX = "glossary:"
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Term:
    term: str
    vi: str
    en: str
    draft: str
    note: str
    reviewed: bool


@dataclass(frozen=True)
class Mismatch:
    language: str
    term: str
    draft: str
    msgid: str
    msgstr: str


def path(directory, code):
    return Path(directory) / "glossary" / f"{code}.csv"


def review_key(term):
    """The msgid under which an in-app or sheet review of a glossary term is stored."""
    return REVIEW_PREFIX + term


def read(text):
    """(rows as dicts, header) of a glossary CSV's text."""
    reader = csv.DictReader(io.StringIO(text))
    return list(reader), tuple(reader.fieldnames or ())


def shape_problems(text, code=None):
    """What is wrong with a glossary CSV's shape, in English, for the tests and the check."""
    rows, header = read(text)
    problems = []
    if header != COLUMNS:
        problems.append(f"columns are {', '.join(header)}; expected {', '.join(COLUMNS)}")
        return problems
    seen = set()
    for n, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            problems.append(f"line {n}: not {len(COLUMNS)} columns")
            continue
        for column in ("term", "vi", "en", "draft"):
            if not row[column].strip():
                problems.append(f"line {n}: {column} is empty")
        if row["term"] in seen:
            problems.append(f"line {n}: term {row['term']!r} twice")
        seen.add(row["term"])
        if row["reviewed"] not in (YES, NO):
            problems.append(f"line {n}: reviewed is {row['reviewed']!r}, not yes or no")
        if any(value != value.strip() for value in row.values()):
            problems.append(f"line {n}: a value starts or ends with a space")
        if code == "blt" and not is_tai_viet(row["draft"]):
            problems.append(f"line {n}: draft {row['draft']!r} is not in Tai Viet letters")
    return problems


def is_tai_viet(text):
    """Whether every letter of a Thái draft is Tai Viet, but for the proper names kept in Latin
    letters; a draft that is not a proper name holds at least one Tai Viet letter."""
    text = unicodedata.normalize("NFC", text)
    # The longer names first ("mã số BHXH" before "BHXH"); a name may begin a sentence.
    names = sorted({unicodedata.normalize("NFC", v) for name in PROPER_NAMES
                    for v in (name, name[:1].upper() + name[1:])}, key=len, reverse=True)
    rest = text
    for name in names:
        rest = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", rest)
    letters = [c for c in rest if unicodedata.category(c)[0] in "LM"]
    if not letters:
        return text.strip() in names
    return all(TAI_VIET[0] <= ord(c) <= TAI_VIET[1] for c in letters)


def terms(directory, code):
    """The language's glossary as the CSV has it ([] for a language without one)."""
    file = path(directory, code)
    if not file.is_file():
        return []
    return list(_terms(str(file), file.stat().st_mtime))


@lru_cache(maxsize=16)
def _terms(file, mtime):
    rows, _header = read(Path(file).read_text(encoding="utf-8"))
    return tuple(Term(r["term"], r["vi"], r["en"], r["draft"], r.get("note") or "",
                      r.get("reviewed") == YES) for r in rows if r.get("term"))


def with_reviews(glossary, reviews):
    """The glossary with the in-app reviews of its terms applied (`reviews`: msgid -> the latest
    review row, as translating.queries.reviews gives them)."""
    result = []
    for term in glossary:
        row = reviews.get(review_key(term.term))
        if row and row["msgstr"]:
            term = replace(term, draft=row["msgstr"], reviewed=bool(row["reviewed"]))
        result.append(term)
    return result


def csv_text(glossary):
    """A glossary as CSV text, in the shape of translations/glossary/<code>.csv."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for t in glossary:
        writer.writerow([t.term, t.vi, t.en, t.draft, t.note, YES if t.reviewed else NO])
    return out.getvalue()


# ---- Where a term occurs ---------------------------------------------------------------------

def _word(c):
    return c.isalnum() or unicodedata.category(c).startswith("M") or c == "_"


@lru_cache(maxsize=4096)
def _english(term):
    """A whole-word, case-blind pattern of an English term and its plural."""
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", re.IGNORECASE)


# Placeholders name no term: "%(reason)s" is not the word "reason".
_PLACEHOLDER = re.compile(r"%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")


def _spans(term, text):
    return [m.span() for m in _english(term.en).finditer(text)] if term.en else []


def in_english(term, text, glossary=()):
    """Whether the English term occurs in the English text, placeholders aside, other than
    inside a longer term of the glossary that holds it ("insurance" in "social insurance")."""
    text = _PLACEHOLDER.sub(" ", text)
    spans = _spans(term, text)
    if not spans:
        return False
    longer = [m.span() for other in _longer(term.en, tuple(t.en for t in glossary))
              for m in _english(other).finditer(text)]
    return any(not any(a <= start and end <= b for a, b in longer) for start, end in spans)


@lru_cache(maxsize=4096)
def _longer(english, others):
    """The glossary's longer English terms that hold this one."""
    return tuple(o for o in others if len(o) > len(english) and _english(english).search(o))


def holds(text, phrase):
    """Whether `phrase` occurs in `text` as whole words (case-blind; marks belong to words, so
    that a Tai Viet syllable is never cut after its consonant)."""
    text, phrase = _fold(text), _fold(phrase)
    if not phrase:
        return False
    start = 0
    while (i := text.find(phrase, start)) >= 0:
        end = i + len(phrase)
        if (i == 0 or not _word(text[i - 1])) and (end == len(text) or not _word(text[end])):
            return True
        start = i + 1
    return False


def _fold(text):
    return unicodedata.normalize("NFC", text).casefold()


def occurring(glossary, english, vietnamese=""):
    """The terms whose English occurs in the English source or whose Vietnamese occurs in the
    Vietnamese text: what a reviewer of that string is shown beside it."""
    return [t for t in glossary if in_english(t, english, glossary)
            or (vietnamese and t.vi and holds(_PLACEHOLDER.sub(" ", vietnamese), t.vi))]


# ---- The check -------------------------------------------------------------------------------

def _first(value):
    return value[0] if isinstance(value, (tuple, list)) else value


def mismatches(directory, code, glossary=None):
    """[Mismatch] of one language: catalog entries whose English msgid holds a term and whose
    translation does not hold the term's draft (entries without a translation are missing, not
    mismatched)."""
    glossary = terms(directory, code) if glossary is None else glossary
    found = []
    for message in read_catalog(directory, code):
        if not message.id:
            continue
        msgid = _first(message.id)
        strings = message.string if isinstance(message.string, (tuple, list)) \
            else (message.string,)
        strings = [s for s in strings if s]
        if not strings:
            continue
        for term in glossary:
            if in_english(term, msgid, glossary) and not all(holds(s, term.draft) for s in strings):
                found.append(Mismatch(code, term.term, term.draft, msgid, strings[0]))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m fieldapp.translating.glossary",
        description="Check that the catalogs' drafts use the glossary's terms.")
    parser.add_argument("--check", action="store_true", required=True,
                        help="list catalog entries that do not use a glossary term's draft")
    parser.add_argument("--lang", choices=LANGUAGES, action="append",
                        help="only this language (repeat for several)")
    parser.add_argument("--summary", action="store_true", help="counts only")
    parser.add_argument("--directory", default=str(TRANSLATIONS_DIR),
                        help="the translations folder (default: the app's)")
    args = parser.parse_args(argv)
    total = 0
    for code in args.lang or LANGUAGES:
        text = path(args.directory, code).read_text(encoding="utf-8") \
            if path(args.directory, code).is_file() else ""
        problems = shape_problems(text, code) if text else [f"no {path(args.directory, code)}"]
        for problem in problems:
            print(f"{code}: glossary: {problem}")
        total += len(problems)
        found = mismatches(args.directory, code)
        total += len(found)
        by_term = {}
        for m in found:
            by_term.setdefault((m.term, m.draft), []).append(m)
        print(f"{code}: {len(found)} catalog entries do not use their glossary term"
              f" ({len(by_term)} terms)")
        for (term, draft), rows in sorted(by_term.items(), key=lambda i: (-len(i[1]), i[0])):
            print(f"  {term} = {draft!r}: {len(rows)}")
            if not args.summary:
                for m in rows:
                    print(f"    {m.msgid!r}\n      -> {m.msgstr!r}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
