"""Whether a translation keeps its source string's placeholders: the one check of every way a
translation comes in (the review form, the central server's merge of pushed reviews, the
catalogs) and of every translation shown.

The rules are GNU `msgfmt --check-format`'s, for every source string as a `python-format` one
(templates' `_()` always %-formats, even a string without placeholders, so "Log in" is one too):

- the same named placeholders `%(name)s` as the source, none missing and none added, each with a
  compatible conversion (`s` and `r` take anything; `d i o u x X` integers; `e E f F g G`
  floats; `c` a character);
- unnamed placeholders (`%s`, `%d`) as many as the source has, each compatible, and never mixed
  with named ones;
- no `%` that does not start a placeholder: a percent sign is written `%%`. Where Python's `%`
  is stricter than msgfmt (`%5%` or `% %`, which msgfmt takes for a percent sign), Python's
  rule is kept, since Python formats the text; Python's `%a`, which msgfmt does not know, is
  refused as msgfmt refuses it;
- where the source uses brace placeholders (`{name}`, msgfmt's `python-brace-format`), the same
  names in braces; elsewhere no `{0}`, `{}` or `{name}` that the source does not have.

A low module: it imports nothing of the app, so that rules.py, the forms and i18n.py can use it.
"""

import re
import string
from dataclasses import dataclass
from functools import lru_cache

# What a conversion takes, as msgfmt groups them.
_KINDS = {**dict.fromkeys("sr", "anything"), "c": "a character",
          **dict.fromkeys("diouxX", "an integer"), **dict.fromkeys("eEfFgG", "a number")}
_FLAGS = "#0- +"
_DIGITS = "0123456789"
# Outside brace-format sources: what a translator may have meant as a brace placeholder.
_BRACES = re.compile(r"\{\w*(?:![rsa])?(?::[^{}]*)?\}")

# Problem kinds. PERCENT: a % that is not one of the source's placeholders, which a translator
# most often meant as a percent sign. PLACEHOLDERS: named or brace placeholders that differ.
PERCENT = "percent"
PLACEHOLDERS = "placeholders"


@dataclass(frozen=True)
class Problem:
    kind: str     # PERCENT or PLACEHOLDERS
    reason: str   # in English, as msgfmt would say it: for logs and the sync's refusals
    harmless: bool = False  # true when formatting the text cannot fail because of it


class _Invalid(ValueError):
    """The text is not a valid Python %-format string."""

    def __init__(self, reason, kind=PERCENT):
        super().__init__(reason)
        self.kind = kind


def _directives(text):
    """[(name or None, what it takes, as written)] of a %-format string; _Invalid if it is not
    one. `%%` is a percent sign and no directive."""
    found, i, n = [], 0, len(text)
    while (i := text.find("%", i)) >= 0:
        start, i = i, i + 1
        if text.startswith("%", i):
            i += 1
            continue
        name = None
        if text.startswith("(", i):
            depth, j = 1, i + 1
            while j < n and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            if depth:
                raise _Invalid(f"an unclosed name at {text[start:start + 12]!r}")
            name, i = text[i + 1:j - 1], j
        while i < n and text[i] in _FLAGS:
            i += 1
        for width in (True, False):  # the width, then the precision after a '.'
            if not width:
                if not text.startswith(".", i):
                    break
                i += 1
            if text.startswith("*", i):
                found.append((None, "an integer", "*"))
                i += 1
            while i < n and text[i] in _DIGITS:
                i += 1
        if i < n and text[i] in "hlL":
            i += 1
        if i >= n:
            raise _Invalid(f"a % that ends the text: {text[start:]!r}")
        if text[i] not in _KINDS:
            raise _Invalid(f"a % that is not a placeholder: {text[start:i + 1]!r}",
                           PERCENT if name is None else PLACEHOLDERS)
        found.append((name, _KINDS[text[i]], text[start:i + 1]))
        i += 1
    named = {d[0] for d in found if d[0] is not None}
    if named and any(d[0] is None for d in found):
        raise _Invalid("named and unnamed placeholders mixed: " + ", ".join(
            d[2] for d in found if d[0] is None))
    for key in named:
        if len({d[1] for d in found if d[0] == key}) > 1:
            raise _Invalid(f"the name {key!r} used for different kinds of values", PLACEHOLDERS)
    return found


def _brace_fields(text):
    """The names of a brace-format string's fields, or None when it is not one."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return None


def _is_brace_format(source):
    return bool(_brace_fields(source))


def problems(source, text):
    """[Problem] of a translation `text` of `source`: empty when the text keeps the source's
    placeholders exactly and is safe to format wherever the source is. An empty text (no
    translation) has none."""
    return list(_problems(source, text)) if text else []


@lru_cache(maxsize=8192)
def _problems(source, text):
    found = []
    try:
        mine = _directives(source)
    except _Invalid:
        mine = None  # the source is no %-format string (a list label "50%"): nothing to keep
    if mine is not None:
        try:
            theirs = _directives(text)
        except _Invalid as e:
            found.append(Problem(e.kind, f"not a valid format string: {e}"))
        else:
            found += _compare(mine, theirs)
    if _is_brace_format(source):
        fields = _brace_fields(text)
        wanted = _brace_fields(source)
        if fields is None:
            found.append(Problem(PLACEHOLDERS, "a brace that opens or closes nothing",
                                 harmless=True))
        else:
            found += [Problem(PLACEHOLDERS, f"{{{f}}} is not in the source", harmless=True)
                      for f in sorted(fields - wanted)]
            found += [Problem(PLACEHOLDERS, f"{{{f}}} of the source is missing", harmless=True)
                      for f in sorted(wanted - fields)]
    else:
        found += [Problem(PLACEHOLDERS, f"{braces} is not in the source", harmless=True)
                  for braces in dict.fromkeys(_BRACES.findall(text))]
    return tuple(found)


def _compare(mine, theirs):
    """msgfmt's comparison of the source's directives with the translation's."""
    named_mine = {d[0]: d for d in mine if d[0] is not None}
    named_theirs = {d[0]: d for d in theirs if d[0] is not None}
    unnamed_mine = [d for d in mine if d[0] is None]
    unnamed_theirs = [d for d in theirs if d[0] is None]
    found = []
    if unnamed_theirs and not unnamed_mine:
        # A name-less %d or "% of" where the source has none: a percent sign, most often.
        written = ", ".join(d[2] for d in unnamed_theirs)
        found.append(Problem(PERCENT, f"{written}: not a placeholder of the source"))
    elif unnamed_mine and named_theirs:
        return [Problem(PLACEHOLDERS, "named placeholders where the source has unnamed ones")]
    for name, (_, kind, written) in named_theirs.items():
        if name not in named_mine:
            found.append(Problem(PLACEHOLDERS, f"{written} is not in the source"))
        elif named_mine[name][1] != kind:
            found.append(Problem(PLACEHOLDERS, f"{written} where the source has"
                                               f" {named_mine[name][2]}",
                                 harmless=kind == "anything"))
    found += [Problem(PLACEHOLDERS, f"{written} of the source is missing", harmless=True)
              for name, (_, _, written) in named_mine.items() if name not in named_theirs]
    if unnamed_mine:
        if len(unnamed_theirs) != len(unnamed_mine):
            found.append(Problem(PLACEHOLDERS, f"{len(unnamed_theirs)} unnamed placeholders"
                                               f" where the source has {len(unnamed_mine)}"))
        else:
            found += [Problem(PLACEHOLDERS, f"{b[2]} where the source has {a[2]}",
                              harmless=b[1] == "anything")
                      for a, b in zip(unnamed_mine, unnamed_theirs)
                      if a[1] != b[1]]
    return found


def safe(source, text):
    """Whether the text can be formatted with whatever values format the source: none of its
    problems can make formatting fail (a missing placeholder or a brace cannot)."""
    return all(p.harmless for p in problems(source, text))


def written(source):
    """The source's placeholders as written, each once, in order: for a message that names
    them."""
    try:
        shown = [d[2] for d in _directives(source)]
    except _Invalid:
        shown = []
    if _is_brace_format(source):
        shown += [f"{{{f}}}" for f in sorted(_brace_fields(source))]
    return list(dict.fromkeys(shown))


def catalog_problems(catalog):
    """[(msgid, Problem)] of every translated entry of a Babel catalog, plural forms checked
    against the plural source as msgfmt does."""
    found = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else \
            (message.string,)
        for n, text in enumerate(strings):
            source = ids[0] if n == 0 or len(ids) == 1 else ids[1]
            found += [(ids[0], p) for p in problems(source, text)]
    return found
