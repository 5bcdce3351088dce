"""Languages, catalogs and gettext: fieldapp's own thin layer over Babel.

Flask-Babel parses every locale with CLDR; Mông, Thái and Dao are not all in CLDR (Babel knows
`hnj` only in the Nyiakeng Puachue script and has no `ium`), so the UI language (a catalog) and
the format locale (dates and numbers) are kept apart here.
"""

import io
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations
from flask import current_app, g, has_app_context, has_request_context, request, session
from jinja2 import pass_eval_context
from markupsafe import Markup, escape

from . import clock, placeholders

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    code: str            # catalog folder under translations/, and the page's lang attribute
    name: str            # in English, for documentation and logs
    autonym: str         # how speakers write its name, shown in the switcher
    autonym_latin: str   # the autonym in Latin letters ('' when the autonym already is)
    script: str          # ISO 15924 code of the script the catalog is written in
    font: str            # CSS font family that renders that script
    format_locale: str   # a CLDR locale Babel knows, for dates and numbers
    fallback: str | None  # catalog that fills a string missing here


# Source strings are English, so English falls back to them; every other language to Vietnamese.
SOURCE = "en"
DEFAULT = "vi"
LANGUAGES = {
    "vi": Language("vi", "Vietnamese", "Tiếng Việt", "", "Latn", "Noto Sans", "vi", None),
    "hnj": Language("hnj", "Mông (Hmong)", "Hmoob", "", "Latn", "Noto Sans", "vi", "vi"),
    "blt": Language("blt", "Thái (Tai Dam)", "ꪼꪕꪒꪾ", "Tai Dam", "Tavt", "Noto Sans Tai Viet",
                    "vi", "vi"),
    "ium": Language("ium", "Dao (Iu Mien)", "Iu Mienh", "", "Latn", "Noto Sans", "vi", "vi"),
    "en": Language("en", "English", "English", "", "Latn", "Noto Sans", "en", None),
}


def _po_path(directory, code):
    return Path(directory) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=32)
def _read_catalog(path, mtime):
    """A .po file parsed by Babel; cached until the file changes."""
    with open(path, "rb") as f:
        return read_po(f)


def read_catalog(directory, code):
    """The language's .po catalog (an empty one when the language has none yet)."""
    from babel.messages.catalog import Catalog
    path = _po_path(directory, code)
    if not path.exists():
        return Catalog(locale=None)
    return _read_catalog(str(path), path.stat().st_mtime)


def read_template(directory):
    """The extracted source strings (messages.pot), parsed once per change of the file."""
    path = Path(directory) / f"{DOMAIN}.pot"
    return _read_catalog(str(path), path.stat().st_mtime)


# Languages that do not inflect for number: one form serves every count (nplurals=1), whatever
# the compiled header says (Babel writes none for a locale it does not know, such as ium).
ONE_FORM = {"vi", "hnj", "blt", "ium"}


def load_catalog(directory, code):
    """The compiled catalog for a language; compiled in memory when the .mo is missing or stale."""
    po = _po_path(directory, code)
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return _forms(Translations(f, domain=DOMAIN), code)
    if not po.exists():
        return NullTranslations()
    buf = io.BytesIO()
    write_mo(buf, read_catalog(directory, code), use_fuzzy=True)
    buf.seek(0)
    return _forms(Translations(buf, domain=DOMAIN), code)


def _forms(translations, code):
    if code in ONE_FORM:
        translations.plural = lambda n: 0
    return translations


class Catalogs:
    """Every language's translations, chained to its fallback, with in-app reviews on top."""

    def __init__(self, directory):
        self.directory = directory
        self.by_code = {code: load_catalog(directory, code) for code in LANGUAGES}
        # Drafts are the catalog's fuzzy entries: shown, but flagged as not reviewed.
        self.drafts = {code: {m.id if isinstance(m.id, str) else m.id[0]
                              for m in read_catalog(directory, code)
                              if m.id and m.fuzzy and m.string}
                       for code in LANGUAGES}
        self.translated = {code: {m.id if isinstance(m.id, str) else m.id[0]
                                  for m in read_catalog(directory, code) if m.id and m.string
                                  and (m.string if isinstance(m.string, str)
                                       else all(m.string))}
                           for code in LANGUAGES}
        self.missing = None  # a set when tests ask to record strings missing in a catalog

    def gettext(self, code, message, overrides=None):
        reviewed = (overrides or {}).get(code, {}).get(message)
        if reviewed:
            return _usable(code, message, reviewed)
        text = self.by_code[code]._catalog.get(message)
        if text:
            return _usable(code, message, text)
        if self.missing is not None and code != SOURCE:
            self.missing.add((code, message))
        fallback = LANGUAGES[code].fallback
        return self.gettext(fallback, message, overrides) if fallback else message

    def ngettext(self, code, singular, plural, n, overrides=None):
        source = singular if n == 1 else plural
        reviewed = (overrides or {}).get(code, {}).get(singular)
        if reviewed:
            return _usable(code, source, reviewed)
        own = self.by_code[code]
        text = own._catalog.get((singular, own.plural(n)))
        # Babel's write_mo fills an untranslated plural with the English msgid: treat as missing.
        if text and text not in (singular, plural):
            return _usable(code, source, text)
        if self.missing is not None and code != SOURCE:
            self.missing.add((code, singular))
        fallback = LANGUAGES[code].fallback
        if fallback:
            return self.ngettext(fallback, singular, plural, n, overrides)
        return singular if n == 1 else plural

    def is_draft(self, code, message, overrides=None):
        """True when the text shown for the message in this language is an unreviewed draft."""
        if message in (overrides or {}).get(code, {}):
            return False
        return message in self.drafts[code]


_warned = set()


def _warn_once(key, message, *args):
    """Log a broken translation once per process, not on every page that shows it."""
    if key in _warned:
        return
    if len(_warned) < 10_000:
        _warned.add(key)
    log.warning(message, *args)


def _usable(code, source, text):
    """The translation, or its source when formatting the translation could fail where the
    source's would not (a stray %, a placeholder the source does not have: a review or a
    catalog entry that never went through the checks of fieldapp.placeholders)."""
    if placeholders.safe(source, text):
        return text
    _warn_once(("unsafe", code, source, text),
               "translation %r of %r in %s breaks its placeholders (%s): the source is shown",
               text, source, code,
               "; ".join(p.reason for p in placeholders.problems(source, text)))
    return source


def _format(source, text, variables):
    """text % variables; when that fails, the source % variables, and failing that (a source
    that is no format string, such as a list label "50%") the source as it is. Texts are
    str or Markup alike: Markup escapes the values."""
    try:
        return text % variables
    except (KeyError, ValueError, TypeError, IndexError) as e:
        _warn_once(("format", str(source), str(text)),
                   "formatting %r (translating %r) failed: %s: the source is shown",
                   str(text), str(source), e)
    fallback = Markup(escape(source)) if isinstance(text, Markup) else source
    try:
        return fallback % variables
    except (KeyError, ValueError, TypeError, IndexError):
        return fallback


def get_locale():
    """The language being rendered: a forced one, else the request's (Vietnamese outside)."""
    if has_app_context() and g.get("forced_locale"):
        return g.forced_locale
    if has_request_context():
        return g.get("locale", DEFAULT)
    return DEFAULT


@contextmanager
def force_locale(code, db):
    """Translate in another language for a while: a summary printed in the household's one."""
    code = code if code in LANGUAGES else DEFAULT
    saved = {name: g.get(name) for name in ("forced_locale", "translation_overrides")}
    g.forced_locale, g.translation_overrides = code, load_overrides(db, code)
    try:
        yield code
    finally:
        for name, value in saved.items():
            setattr(g, name, value)


def choose_locale(user):
    """User's setting, then the session, then Accept-Language, then Vietnamese."""
    for code in ((user or {}).get("locale"), session.get("locale")):
        if code in LANGUAGES:
            return code
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT


def language_chain(code):
    """The language and the languages it falls back to, in order."""
    chain = []
    while code:
        chain.append(code)
        code = LANGUAGES[code].fallback
    return chain


def load_overrides(db, code):
    """Reviewed in-app texts for the language and its fallbacks: {language: {msgid: text}}."""
    chain = language_chain(code)
    marks = ",".join("?" * len(chain))
    overrides = {}
    for row in db.query(f"""
            select language, msgid, msgstr from translation_reviews
             where deleted_at is null and msgstr != '' and language in ({marks})
             order by updated_at""", chain):
        overrides.setdefault(row["language"], {})[row["msgid"]] = row["msgstr"]
    return overrides


def _catalogs():
    return current_app.extensions["fieldapp_catalogs"]


def _overrides():
    return g.get("translation_overrides") if has_app_context() else None


def translate(message):
    """The message in the current language, unformatted."""
    text = _catalogs().gettext(get_locale(), message, _overrides())
    _note_fallback(message, text)
    return text


def translate_plural(singular, plural, n):
    """The plural form for n in the current language, unformatted."""
    text = _catalogs().ngettext(get_locale(), singular, plural, n, _overrides())
    _note_fallback(singular, text)
    return text


def _note_fallback(message, text):
    """Remember a text this page shows in another language than its own, to mark it so."""
    code = get_locale()
    if code == SOURCE or not has_request_context():
        return
    catalogs, overrides = _catalogs(), _overrides() or {}

    def has(language):
        # As gettext finds it: the compiled catalog (a plural by its first form), or a review.
        compiled = catalogs.by_code[language]._catalog
        return bool(compiled.get(message) or compiled.get((message, 0))
                    or overrides.get(language, {}).get(message))
    if not has(code):
        shown_in = next((c for c in language_chain(code)[1:] if has(c)), SOURCE)
        g.setdefault("shown_in_fallback", {})[str(text)] = shown_in


# A text node and the tag just before it: text right after <title>, <textarea>, <option> and
# the like cannot hold markup, and is left as it is.
_TEXT_NODE = re.compile(r"(<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>)([^<]+)(?=<)")
_RAW_TEXT = {"title", "textarea", "option", "script", "style"}
_PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


def mark_languages(html, shown):
    """The page with each text it shows in a fallback language ({text: language}) wrapped in
    <span lang class="fallback">, so a screen reader reads it with that language's voice (and a
    test can still tell a missing translation from a text shown in its language on purpose)."""
    patterns = []
    for text, language in shown.items():
        parts = _PLACEHOLDER.split(str(escape(text)))
        if any(part.strip() for part in parts):
            patterns.append((re.compile("[^<]*?".join(map(re.escape, parts))), language))

    def mark(match):
        tag, closing, name, node = match.groups()
        if not closing and name.lower() in _RAW_TEXT:
            return match.group(0)
        for pattern, language in patterns:
            node = pattern.sub(lambda found, lang=language: _in_language(found.group(0), lang),
                               node)
        return tag + node
    return _TEXT_NODE.sub(mark, html)


def _in_language(text, language):
    return f'<span lang="{language}" class="fallback">{text}</span>' if text.strip() else text


def _mark_fallbacks(response):
    shown = g.pop("shown_in_fallback", None)
    if shown and response.mimetype == "text/html" and not response.direct_passthrough:
        response.set_data(mark_languages(response.get_data(as_text=True), shown))
    return response


def gettext(message, **variables):
    text = translate(message)
    return _format(message, text, variables) if variables else text


def ngettext(singular, plural, n, **variables):
    return _format(singular if n == 1 else plural, translate_plural(singular, plural, n),
                   {"num": n, **variables})


@pass_eval_context
def _template_gettext(eval_ctx, message, **variables):
    """Templates' `_()` and `gettext()`: as Jinja's newstyle gettext, always %-formatted (a
    literal percent sign is %%), the translation escaped where the page autoescapes and the
    values escaped by Markup's formatting, since a reviewed translation is typed in the app."""
    text = translate(message)
    return _format(message, Markup(escape(text)) if eval_ctx.autoescape else text, variables)


@pass_eval_context
def _template_ngettext(eval_ctx, singular, plural, n, **variables):
    text = translate_plural(singular, plural, n)
    variables.setdefault("num", n)
    return _format(singular if n == 1 else plural,
                   Markup(escape(text)) if eval_ctx.autoescape else text, variables)


def lazy_gettext(message, **variables):
    """A string translated when it is shown, for labels defined at import time."""
    return LazyProxy(gettext, message, enable_cache=False, **variables)


_ = gettext


def format_date(value, format="medium"):
    return dates.format_date(value, format=format, locale=LANGUAGES[get_locale()].format_locale)


def format_datetime(value):
    """A time the app recorded (UTC, ISO 8601 text or datetime) in the configured zone, written
    the language's way; '' for none. Never for times officers typed: those are already local."""
    if not value:
        return ""
    locale = LANGUAGES[get_locale()].format_locale
    return dates.format_datetime(clock.local(value), _datetime_pattern(locale),
                                 tzinfo=clock.zone(), locale=locale)


# CLDR's short Vietnamese pattern puts the time first with a two-digit year ("01:30 28/11/26");
# papers in Vietnam, and the app's printed summaries, write the day first: 28/11/2026 01:30.
_DATETIME_PATTERNS = {"vi": "dd/MM/yyyy HH:mm"}


@lru_cache(maxsize=None)
def _datetime_pattern(locale):
    """The day and the time to the minute, as the format locale writes them."""
    if locale in _DATETIME_PATTERNS:
        return _DATETIME_PATTERNS[locale]
    day = dates.get_date_format("medium", locale=locale).pattern
    time = dates.get_time_format("short", locale=locale).pattern
    return dates.get_datetime_format("medium", locale=locale).replace(
        "{1}", day).replace("{0}", time)


def format_number(value):
    locale = LANGUAGES[get_locale()].format_locale
    if isinstance(value, int):
        # Counts fill report tables by the thousand: grouping digits needs no CLDR pattern.
        return f"{value:,}".replace(",", _group_symbol(locale))
    return numbers.format_decimal(value, locale=locale)


@lru_cache(maxsize=None)
def _group_symbol(locale):
    return numbers.get_group_symbol(locale)


def init_app(app):
    directory = app.config.get("TRANSLATIONS_DIR", TRANSLATIONS_DIR)
    catalogs = Catalogs(directory)
    if app.config.get("I18N_RECORD_MISSING"):
        catalogs.missing = set()
    app.extensions["fieldapp_catalogs"] = catalogs
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # Newstyle gettext (templates pass the values to `_()`), formatted here rather than by
    # Jinja's own wrappers, so that a translation whose formatting fails shows its source.
    app.jinja_env.newstyle_gettext = True
    app.jinja_env.globals.update(gettext=_template_gettext, ngettext=_template_ngettext)
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.globals.update(ui_languages=LANGUAGES, get_locale=get_locale)
    app.context_processor(_draft_language)
    app.after_request(_mark_fallbacks)


def language_is_draft(code):
    """Whether the language has strings that no speaker has reviewed yet."""
    if code in (SOURCE, DEFAULT):
        return False
    catalogs = _catalogs()
    reviewed = set((_overrides() or {}).get(code, {}))
    unreviewed = (catalogs.drafts[code] | (catalogs.translated[DEFAULT] -
                                           catalogs.translated[code])) - reviewed
    return bool(unreviewed)


def _draft_language():
    """The page's language is a draft: every page says so."""
    return {"draft_language": language_is_draft(get_locale())}
