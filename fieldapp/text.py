"""Text helpers: folding Vietnamese names for search and duplicate checks, a script's typed
questions and answers, records' short codes, safe local paths."""

import re
import unicodedata
from urllib.parse import urlsplit

from flask import abort

_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case, strip diacritics (đ too) and control characters, and collapse spaces:
    'Bản  Mù' -> 'ban mu'."""
    text = unicodedata.normalize("NFD", text or "")
    # Control characters: a NUL ends an FTS5 query's string early (a 500 for a search).
    text = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Cc")
                   or c in "\t\n\r")
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return _SPACES.sub(" ", text).strip()


def clean(text):
    """Trim and collapse inner spaces, keeping case and diacritics (NFC)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def parse_questions(text):
    """A script's questions typed as blocks separated by a blank line: first line the question,
    the rest its answer."""
    pairs = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if lines:
            pairs.append({"q": lines[0], "a": " ".join(lines[1:])})
    return pairs


def format_questions(questions):
    """The blocks parse_questions reads back."""
    return "\n\n".join(f"{p['q']}\n{p['a']}".strip() for p in questions)


def short_code(kind, row_id):
    """A code to read over the phone that finds the record: V-1A2B-3C4D for a visit."""
    digits = row_id.replace("-", "")[:8].upper()
    return f"{kind}-{digits[:4]}-{digits[4:]}"


# Page numbers beyond this would make row offsets SQLite cannot hold; no list is that long.
MAX_PAGE = 10 ** 6


def page_number(args):
    """The page asked for in the address, from 1; a page beyond any list is a 404."""
    page = max(args.get("page", 1, type=int), 1)
    if page > MAX_PAGE:
        abort(404)
    return page


def local_path(target, default="/"):
    """The target if it is a path on this site, else the default: never a redirect elsewhere."""
    # Parsed too: like browsers, urlsplit drops tabs and newlines, so "/\t/x" means "//x".
    if (target and target.startswith("/") and not target.startswith("//")
            and not urlsplit(target).netloc):
        return target
    return default
