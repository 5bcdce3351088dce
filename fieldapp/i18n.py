"""Languages, catalogs and gettext: fieldapp's own thin layer over Babel.

Flask-Babel parses every locale with CLDR; Mông, Thái and Dao are not all in CLDR, so the UI
language (a catalog) and the format locale (dates and numbers) are kept apart here.
"""

import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from babel import dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations
from flask import Blueprint, current_app, g, has_request_context, redirect, request, session

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    code: str            # catalog folder under translations/, also the <html lang>
    autonym: str         # how speakers name it, shown in the switcher
    format_locale: str   # a CLDR locale Babel knows, for dates and numbers
    fallback: str | None  # catalog that fills a string missing here


# Source strings are English, so English falls back to them; every other language to Vietnamese.
SOURCE = "en"
LANGUAGES = {
    "vi": Language("vi", "Tiếng Việt", "vi", None),
    "en": Language("en", "English", "en", None),
}
DEFAULT = "vi"


def load_catalog(directory, code):
    """The compiled catalog for a language; compiled in memory when the .mo is missing or stale."""
    po = Path(directory) / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return Translations(f, domain=DOMAIN)
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=None)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


class Catalogs:
    """Every language's translations, chained to its fallback."""

    def __init__(self, directory):
        self.by_code = {code: load_catalog(directory, code) for code in LANGUAGES}
        self.missing = None  # a set when tests ask to record strings missing in a catalog

    def gettext(self, code, message):
        own = self.by_code[code]
        text = own._catalog.get(message)
        if text:
            return text
        if self.missing is not None and code != SOURCE:
            self.missing.add((code, message))
        fallback = LANGUAGES[code].fallback
        return self.gettext(fallback, message) if fallback else message

    def ngettext(self, code, singular, plural, n):
        own = self.by_code[code]
        text = own._catalog.get((singular, own.plural(n)))
        # Babel's write_mo fills an untranslated plural with the English msgid: treat as missing.
        if text and text not in (singular, plural):
            return text
        if self.missing is not None and code != SOURCE:
            self.missing.add((code, singular))
        fallback = LANGUAGES[code].fallback
        if fallback:
            return self.ngettext(fallback, singular, plural, n)
        return singular if n == 1 else plural


def get_locale():
    """The UI language of the current request (Vietnamese outside a request)."""
    if has_request_context():
        return g.get("locale", DEFAULT)
    return DEFAULT


def choose_locale(user):
    """User's setting, then the session, then Accept-Language, then Vietnamese."""
    for code in ((user or {}).get("locale"), session.get("locale")):
        if code in LANGUAGES:
            return code
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT


def _catalogs():
    return current_app.extensions["fieldapp_catalogs"]


def translate(message):
    """The message in the current language, unformatted."""
    return _catalogs().gettext(get_locale(), message)


def translate_plural(singular, plural, n):
    """The plural form for n in the current language, unformatted."""
    return _catalogs().ngettext(get_locale(), singular, plural, n)


def gettext(message, **variables):
    text = translate(message)
    return text % variables if variables else text


def ngettext(singular, plural, n, **variables):
    return translate_plural(singular, plural, n) % {"num": n, **variables}


def lazy_gettext(message, **variables):
    """A string translated when it is shown, for labels defined at import time."""
    return LazyProxy(gettext, message, enable_cache=False, **variables)


_ = gettext


def format_date(value, format="medium"):
    return dates.format_date(value, format=format, locale=LANGUAGES[get_locale()].format_locale)


def format_datetime(value, format="medium"):
    return dates.format_datetime(value, format=format,
                                 locale=LANGUAGES[get_locale()].format_locale)


def format_number(value):
    return numbers.format_decimal(value, locale=LANGUAGES[get_locale()].format_locale)


bp = Blueprint("i18n", __name__)


@bp.post("/language")
def switch_language():
    """Remember the chosen language in the session, and on the user when logged in."""
    code = request.form.get("locale")
    if code in LANGUAGES:
        session["locale"] = code
        if g.get("user"):
            from .accounts import set_locale
            from .db import get_db
            set_locale(get_db(), g.user["id"], code, user_id=g.user["id"])
    target = request.form.get("next") or "/"
    # Only paths on this site: never bounce the user to another host ("/\t/x" means "//x").
    if not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        target = "/"
    return redirect(target)


def init_app(app):
    directory = app.config.get("TRANSLATIONS_DIR", TRANSLATIONS_DIR)
    catalogs = Catalogs(directory)
    if app.config.get("I18N_RECORD_MISSING"):
        catalogs.missing = set()
    app.extensions["fieldapp_catalogs"] = catalogs
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # Jinja's newstyle gettext does the %-formatting itself, so it gets the unformatted lookups.
    app.jinja_env.install_gettext_callables(translate, translate_plural, newstyle=True)
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.globals.update(ui_languages=LANGUAGES, get_locale=get_locale)
    app.register_blueprint(bp)
