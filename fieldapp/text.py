"""Text helpers for Vietnamese names: folding for search and duplicate checks."""

import re
import unicodedata

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
