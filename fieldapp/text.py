"""Text helpers: folding Vietnamese names for search and duplicate checks, safe local paths."""

import re
import unicodedata
from urllib.parse import urlsplit

_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case, strip diacritics (đ too) and collapse spaces: 'Bản  Mù' -> 'ban mu'."""
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return _SPACES.sub(" ", text).strip()


def clean(text):
    """Trim and collapse inner spaces, keeping case and diacritics (NFC)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def local_path(target, default="/"):
    """The target if it is a path on this site, else the default: never a redirect elsewhere."""
    # Parsed too: like browsers, urlsplit drops tabs and newlines, so "/\t/x" means "//x".
    if (target and target.startswith("/") and not target.startswith("//")
            and not urlsplit(target).netloc):
        return target
    return default
