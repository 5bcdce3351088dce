"""Review sheets: a language's drafts as an XLSX workbook that bilingual colleagues fill in away
from the app, and its import back through the store.

The workbook has an *About* sheet (a marker, the language's code, when it was exported, and how to
fill it in) and one sheet each for the catalog's strings, the glossary's terms and the scripts'
texts (the last two where the language has them). Every row gives its context (the English
source, the Vietnamese text, the current text and its state, where the string appears, a
screenshot of that page when the user guide has one, the glossary terms it holds) and an empty
column for the reviewer's version. Headers and sheet names are in the exporter's language and are
recognised on import in any of the app's languages.

Importing reads every row before it writes anything. A sheet edited out of shape (not a review
sheet, another language's, a sheet or column missing or renamed, a row naming a string, term or
script the app does not have, the same one twice, a version that breaks its source's
placeholders) is refused whole, with the reasons in the user's language, and nothing changes.
Otherwise every reviewer's version becomes a review in one transaction: a string or a glossary
term through `queries.save_review` (the in-app review form's path: a `translation_reviews` row,
which syncs), a script's part through `scripts.queries.save_text` (a new revision). A row whose
current text changed since the export, or that the store could not hold, is refused alone and
said why.
"""

import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

from .. import clock, lists, placeholders, store
from ..help.guide import guide_language, screenshot_name
from ..i18n import LANGUAGES, SOURCE, gettext as _, load_overrides, read_template
from ..scripts import queries as scripts
from ..text import format_questions, parse_questions
from . import glossary, queries

def N_(message):
    """A msgid marked for extraction, translated where it is shown."""
    return message


MARKER = "fieldapp review sheet"
VERSION = 1
FONTS = {"blt": "Noto Sans Tai Viet"}
MAX_BYTES = 5 * 1024 * 1024          # the upload's size limit
MAX_UNPACKED = 80 * 1024 * 1024      # what its XML may unpack to
MAX_ROWS = 20_000
MAX_REFUSALS_SHOWN = 20
# The in-app review form's limit for a string, and the script form's for each part.
LIMITS = {"string": 2000, "term": 2000, "title": 200, "key_messages": 10_000,
          "questions": 10_000}
MAX_QUESTIONS, MAX_QUESTION_CHARS = 100, 2000

# (key, header msgid) of each sheet's columns, in order.
STRING_COLUMNS = (
    ("msgid", N_("English source")), ("vietnamese", N_("Vietnamese")),
    ("current", N_("Current text")), ("state", N_("State")),
    ("where", N_("Where it appears")), ("screenshot", N_("Screenshot")),
    ("glossary", N_("Glossary terms")), ("reviewer", N_("Reviewer's version")))
TERM_COLUMNS = (
    ("term", N_("Term")), ("english", N_("English")), ("vietnamese", N_("Vietnamese")),
    ("current", N_("Current text")), ("state", N_("State")), ("note", N_("Note")),
    ("reviewer", N_("Reviewer's version")))
SCRIPT_COLUMNS = (
    ("script", N_("Script")), ("part", N_("Part")), ("target_group", N_("Target group")),
    ("topic", N_("Topic")), ("vietnamese", N_("Vietnamese")),
    ("current", N_("Current text")), ("state", N_("State")),
    ("glossary", N_("Glossary terms")), ("reviewer", N_("Reviewer's version")))
# Columns holding text in the sheet's language: the language's font where it needs one.
IN_LANGUAGE = {"current", "reviewer", "glossary"}
PARTS = (("title", N_("Title")), ("key_messages", N_("Key messages")),
         ("questions", N_("Common questions and answers")))
STATES = {"reviewed": N_("Reviewed"), "draft": N_("Draft"), "missing": N_("Missing")}

# The user guide's screenshots (fieldapp/static/help/) of the pages a file's strings appear on:
# a path, or a folder ending in "/". The header and menu (base.html) show on every page.
SCREENSHOT_PAGES = {
    "fieldapp/templates/base.html": "home",
    "fieldapp/places/templates/places/home.html": "home",
    "fieldapp/households/templates/households/view.html": "household",
    "fieldapp/worklists/": "worklists",
    "fieldapp/visits/templates/visits/new.html": "visit-form",
    "forms/visits.py": "visit-form",
    "fieldapp/group_sessions/templates/group_sessions/new.html": "session-form",
    "forms/sessions.py": "session-form",
    "fieldapp/sync_pages/templates/syncing/page.html": "sync",
    "fieldapp/reports/templates/reports/dashboard.html": "dashboard",
    "fieldapp/admin/templates/admin/users.html": "users",
    "fieldapp/translating/templates/translating/strings.html": "translations",
}


class Refused(Exception):
    """The sheet is refused whole; `messages` say why, in the user's language."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass
class Summary:
    language: str
    reviewed: int = 0
    unchanged: int = 0
    empty: int = 0
    refused: list = field(default_factory=list)  # (sheet, row, what, why)

    def lines(self, most=MAX_REFUSALS_SHOWN):
        """The summary as the user reads it: a line of counts, then each refused row (the
        first `most`, or all)."""
        most = len(self.refused) if most is None else most
        lines = [_("Review sheet imported: %(reviewed)d reviewed, %(unchanged)d unchanged,"
                   " %(refused)d refused; %(empty)d rows left empty.",
                   reviewed=self.reviewed, unchanged=self.unchanged,
                   refused=len(self.refused), empty=self.empty)]
        for sheet, row, what, why in self.refused[:most]:
            lines.append(_("Refused: sheet “%(sheet)s”, row %(row)d (%(what)s): %(why)s",
                           sheet=sheet, row=row, what=_short(what), why=why))
        if len(self.refused) > most:
            lines.append(_("Rows refused beyond these: %(count)d.",
                           count=len(self.refused) - most))
        return lines


def _short(text, most=80):
    text = " ".join(str(text).split())
    return text if len(text) <= most else text[:most - 1] + "…"


def _sheet_title(title):
    """A sheet name Excel takes: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31] or "Sheet"


def _norm(text):
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


# ---- What the sheet holds --------------------------------------------------------------------

def _locations(directory):
    """{msgid: ["path:line", ...]}: the catalog's #: locations of each string."""
    found = {}
    for message in read_template(directory):
        if message.id:
            msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
            found[msgid] = [f"{path}:{line}" if line else path
                            for path, line in message.locations]
    return found


def screenshots(where, code, static_folder):
    """The help screenshots (paths under the static folder) of the pages these files' strings
    appear on, in the guide's language for this language; only those that exist."""
    language = guide_language(code)
    names = []
    for location in where:
        path = location.rsplit(":", 1)[0] if ":" in location else location
        for prefix, name in SCREENSHOT_PAGES.items():
            if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
                names.append(name)
    shots = [screenshot_name(language, n) for n in dict.fromkeys(names)]
    return [s for s in shots if static_folder and (Path(static_folder) / s).is_file()]


def _terms_text(terms):
    return "\n".join(f"{t.en} = {t.draft}" for t in terms)


def string_rows(db, directory, code, static_folder):
    """The strings sheet's rows, as {column key: value}."""
    locations = _locations(directory)
    terms = _glossary(db, directory, code)
    rows = []
    for entry in queries.entries(db, directory, code):
        where = locations.get(entry.msgid) or entry.where
        rows.append({
            "msgid": entry.msgid, "vietnamese": entry.vietnamese, "current": entry.text,
            "state": _(STATES[entry.state]), "where": "\n".join(where),
            "screenshot": "\n".join(screenshots(where, code, static_folder)),
            "glossary": _terms_text(glossary.occurring(terms, entry.msgid, entry.vietnamese)),
            "reviewer": ""})
    return rows


def _glossary(db, directory, code):
    return glossary.with_reviews(glossary.terms(directory, code), queries.reviews(db, code))


def term_rows(db, directory, code):
    states = {True: _(STATES["reviewed"]), False: _(STATES["draft"])}
    return [{"term": t.term, "english": t.en, "vietnamese": t.vi, "current": t.draft,
             "state": states[t.reviewed], "note": t.note, "reviewer": ""}
            for t in _glossary(db, directory, code)]


def has_scripts(db, code):
    """Scripts are reviewed in the languages they are written in, but their Vietnamese source,
    which supervisors keep on the scripts page."""
    return code != scripts.DEFAULT_LANGUAGE and code in scripts.script_languages(db)


def _script_parts(text):
    """{part: text} of a script text row (or of none)."""
    if not text:
        return {key: "" for key, _label in PARTS}
    questions = text["questions"]
    if isinstance(questions, str):
        questions = json.loads(questions)
    return {"title": text["title"], "key_messages": text["key_messages"],
            "questions": format_questions(questions)}


def _script_texts(db, script_id, code):
    """(Vietnamese text, the language's own latest text or None)."""
    vietnamese, _shown = scripts.text(db, script_id, scripts.DEFAULT_LANGUAGE)
    own, shown = scripts.text(db, script_id, code)
    return vietnamese, (own if shown == code else None)


def script_rows(db, directory, code):
    terms = _glossary(db, directory, code)
    groups, topics = lists.labels(db, "target_group"), lists.labels(db, "topic")
    rows = []
    for script in scripts.scripts(db):
        vietnamese, own = _script_texts(db, script["id"], code)
        source, current = _script_parts(vietnamese), _script_parts(own)
        state = "missing" if own is None else "reviewed" if own["reviewed"] else "draft"
        for key, label in PARTS:
            if not source[key] and not current[key]:
                continue
            rows.append({
                "script": script["id"], "part": _(label),
                "target_group": groups.get(script["target_group"], script["target_group"]),
                "topic": topics.get(script["topic"], script["topic"]),
                "vietnamese": source[key], "current": current[key], "state": _(STATES[state]),
                "glossary": _terms_text([t for t in terms if t.vi and glossary.holds(
                    source[key], t.vi)]),
                "reviewer": ""})
    return rows


# ---- Export ----------------------------------------------------------------------------------

def export(db, directory, code, *, static_folder=None):
    """The language's review sheet as XLSX bytes, headers in the current language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    language = LANGUAGES[code]
    book = Workbook()
    about = book.active
    about.title = _sheet_title(_("About this sheet"))
    about.append([MARKER, VERSION])
    about.append(["language", code, language.autonym])
    about.append(["exported", clock.utcnow().isoformat(timespec="seconds")])
    about.append([])
    for line in (_("A review sheet of the app's texts in %(language)s. Write your version of a"
                   " text in the column “%(column)s”: it replaces the draft once the sheet is"
                   " imported on the Translations page, and is marked as reviewed. Copy the"
                   " current text there to approve it as it is; leave the column empty to"
                   " leave the text as it is.", language=language.autonym,
                   column=_("Reviewer's version")),
                 _("Keep the placeholders such as %(example)s exactly as in the source, and"
                   " write %(double)s for a percent sign in the strings.",
                   example="%(name)s", double="%%"),
                 _("Do not rename, add or delete sheets, columns or rows' first cells: a sheet"
                   " changed in shape is refused whole.")):
        about.append([line])
        about.cell(about.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 100
    fill = PatternFill("solid", start_color="FFF7D6")
    font = Font(name=FONTS[code]) if code in FONTS else None
    sheets = [(N_("Strings"), STRING_COLUMNS, string_rows(db, directory, code, static_folder))]
    if glossary.terms(directory, code):
        sheets.append((N_("Glossary"), TERM_COLUMNS, term_rows(db, directory, code)))
    if has_scripts(db, code):
        sheets.append((N_("Scripts"), SCRIPT_COLUMNS, script_rows(db, directory, code)))
    for title, columns, rows in sheets:
        sheet = book.create_sheet(_sheet_title(_(title)))
        sheet.append([_(label) for _key, label in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell_text(row[key]) for key, _label in columns])
        for i, (key, _label) in enumerate(columns, start=1):
            letter = sheet.cell(1, i).column_letter
            sheet.column_dimensions[letter].width = 50 if key in (
                "msgid", "vietnamese", "current", "reviewer", "note") else 24
            for cells in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell = cells[0]
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula, even when it starts with =
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if key == "reviewer":
                    cell.fill = fill
                if font is not None and key in IN_LANGUAGE:
                    cell.font = font
        sheet.freeze_panes = "B2"
    book.properties.title = f"fieldapp: {language.name}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_text(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


# ---- Import ----------------------------------------------------------------------------------

class _Labels:
    """Every way a header or a sheet name may be written: in each of the app's languages (its
    catalog and its in-app reviews) and the English source."""

    def __init__(self, db):
        catalogs = current_app.extensions["fieldapp_catalogs"]
        self._texts = lambda msgid: {msgid} | {
            catalogs.gettext(code, msgid, overrides) for code, overrides in self._overrides}
        self._overrides = [(code, load_overrides(db, code)) for code in LANGUAGES]
        self._cache = {}

    def matches(self, msgid, text):
        if msgid not in self._cache:
            self._cache[msgid] = {_norm(t) for t in self._texts(msgid)} | {
                _norm(_sheet_title(t)) for t in self._texts(msgid)}
        return _norm(text) in self._cache[msgid]


def _value(value):
    """A cell's value as text: numbers as typed, no CR, trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _open(data):
    """The workbook, read-only; Refused when it is no XLSX or unpacks to too much."""
    not_a_sheet = Refused([_("This file is not a review sheet exported by the app (an XLSX"
                             " workbook): export the review sheet of a language on the"
                             " Translations page, fill in its reviewer's column and import"
                             " that file.")])
    if len(data) > MAX_BYTES:
        raise Refused([too_large_message()])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_a_sheet
    if len(infos) > 5000 or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise Refused([too_large_message()])
    from openpyxl import load_workbook
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file it cannot read
        raise not_a_sheet


def too_large_message():
    return _("The file is too large for a review sheet: at most %(size)d MB.",
             size=MAX_BYTES // (1024 * 1024))


def _rows(sheet, most=None):
    """[(row number, [values as text])] of a sheet (its first `most` rows), empty rows left
    out; Refused past MAX_ROWS."""
    found = []
    for n, values in enumerate(sheet.iter_rows(values_only=True, max_row=most), start=1):
        if n > MAX_ROWS:
            raise Refused([too_large_message()])
        texts = [_value(v) for v in values]
        if any(texts):
            found.append((n, texts))
    return found


@dataclass
class _Row:
    sheet: str
    number: int
    key: object
    current: str
    reviewer: str


def _read_sheet(book, labels, title_msgid, columns, problems):
    """(title as found, [(row number, {column key: text})]) of one data sheet, every column
    as exported present (the context ones too: a sheet out of shape is refused, whatever its
    columns). Problems of shape go to `problems`; None when the sheet is missing, (title,
    None) when a column is."""
    sheet = next((s for s in book.worksheets if labels.matches(title_msgid, s.title)), None)
    if sheet is None:
        problems.append(_("The sheet “%(sheet)s” is missing: it was renamed or deleted. Export"
                          " the review sheet again and copy your versions into it.",
                          sheet=_sheet_title(_(title_msgid))))
        return None
    rows = _rows(sheet)
    header = rows[0][1] if rows and rows[0][0] == 1 else []
    index = {}
    for key, msgid in columns:
        at = next((i for i, text in enumerate(header) if text and labels.matches(msgid, text)),
                  None)
        if at is None:
            problems.append(_("Sheet “%(sheet)s”: the column “%(column)s” is missing (renamed"
                              " or deleted). Its columns are: %(found)s.", sheet=sheet.title,
                              column=_(msgid),
                              found=", ".join(f"“{h}”" for h in header if h) or "—"))
        else:
            index[key] = at
    if len(index) < len(columns):
        return sheet.title, None
    cell = lambda values, key: values[index[key]] if index[key] < len(values) else ""  # noqa
    return sheet.title, [(n, {key: cell(values, key) for key, _m in columns})
                         for n, values in rows[1:]]


def _about(book, problems):
    """The sheet's language code, from its About sheet; None when it is not a review sheet."""
    for sheet in book.worksheets:
        rows = _rows(sheet, 3)
        if rows and rows[0][1][:1] == [MARKER]:
            values = dict((r[1][0], r[1][1] if len(r[1]) > 1 else "") for r in rows[1:])
            if rows[0][1][1:2] != [str(VERSION)] or values.get("language") not in LANGUAGES:
                break
            return values["language"]
    problems.append(_not_a_review_sheet())
    return None


def _not_a_review_sheet():
    return _("This workbook is not a review sheet exported by the app, or its first sheet"
             " (“%(sheet)s”) was changed: export the review sheet again.",
             sheet=_sheet_title(_("About this sheet")))


def _placeholder_problem(sheet, number, source):
    return _("Sheet “%(sheet)s”, row %(row)d: the reviewer's version does not keep the"
             " placeholders of its source “%(source)s” (%(names)s; a percent sign is written"
             " %(double)s).", sheet=sheet, row=number, source=_short(source),
             names=", ".join(placeholders.written(source)) or "—", double="%%")


def _braces(text):
    return sorted(p for p in placeholders.written(text) if p.startswith("{"))


def import_sheet(db, directory, data, *, user_id, language=None):
    """Read a review sheet and save its reviewer's versions; a Summary. Refused (nothing
    written) when the sheet is out of shape or, with `language`, another language's."""
    book = _open(data)
    try:
        return _import(db, directory, book, user_id=user_id, language=language)
    finally:
        book.close()


def _import(db, directory, book, *, user_id, language):
    problems = []
    code = _about(book, problems)
    if code is None or code == SOURCE:
        raise Refused(problems or [_not_a_review_sheet()])
    if language is not None and code != language:
        raise Refused([_("This is the review sheet of %(sheet_language)s, not of %(language)s:"
                         " import it for its own language.",
                         sheet_language=LANGUAGES[code].autonym,
                         language=LANGUAGES[language].autonym)])
    labels = _Labels(db)
    plan = _plan_strings(db, directory, code, book, labels, problems)
    terms = {t.term: t for t in _glossary(db, directory, code)}
    if terms:
        plan += _plan_terms(terms, book, labels, problems)
    if has_scripts(db, code):
        plan += _plan_scripts(db, code, book, labels, problems)
    if problems:
        raise Refused(problems)
    summary = Summary(code)
    with db.atomic():
        _apply(db, code, plan, summary, user_id)
    return summary


def _keyed_rows(book, labels, title, columns, key, problems):
    """[(row, value)] of a data sheet's rows, each key once (a second one is a problem)."""
    found = _read_sheet(book, labels, title, columns, problems)
    if not found or found[1] is None:
        return []
    title, rows = found
    seen, result = {}, []
    for n, values in rows:
        value = key(n, values)
        if value is None:
            continue
        if value in seen:
            problems.append(_("Sheet “%(sheet)s”, row %(row)d: “%(key)s” is already on row"
                              " %(first)d.", sheet=title, row=n,
                              key=_short(" ".join(map(str, value)) if isinstance(value, tuple)
                                         else value), first=seen[value]))
            continue
        seen[value] = n
        result.append((_Row(title, n, value, values["current"], values["reviewer"]), values))
    return result


def _plan_strings(db, directory, code, book, labels, problems):
    entries = {e.msgid: e for e in queries.entries(db, directory, code)}

    def key(n, values):
        if values["msgid"] in entries:
            return values["msgid"]
        problems.append(_("Sheet “%(sheet)s”, row %(row)d: “%(msgid)s” is not a string of the"
                          " app's catalog: the sheet was edited out of shape, or is older than"
                          " the app. Export it again.", sheet=_(N_("Strings")), row=n,
                          msgid=_short(values["msgid"])))
        return None

    plan = []
    for row, _values in _keyed_rows(book, labels, N_("Strings"), STRING_COLUMNS, key,
                                    problems):
        if row.reviewer and placeholders.problems(row.key, row.reviewer):
            problems.append(_placeholder_problem(row.sheet, row.number, row.key))
        plan.append(("string", row, entries[row.key]))
    return plan


def _plan_terms(terms, book, labels, problems):
    def key(n, values):
        if values["term"] in terms:
            return values["term"]
        problems.append(_("Sheet “%(sheet)s”, row %(row)d: “%(term)s” is not a term of the"
                          " glossary: export the sheet again.", sheet=_(N_("Glossary")), row=n,
                          term=_short(values["term"])))
        return None

    plan = []
    for row, _values in _keyed_rows(book, labels, N_("Glossary"), TERM_COLUMNS, key, problems):
        if row.reviewer and placeholders.problems(glossary.review_key(row.key), row.reviewer):
            problems.append(_placeholder_problem(row.sheet, row.number, terms[row.key].en))
        plan.append(("term", row, terms[row.key]))
    return plan


def _plan_scripts(db, code, book, labels, problems):
    texts = {}

    def key(n, values):
        part = next((k for k, msgid in PARTS if labels.matches(msgid, values["part"])), None)
        script = scripts.script(db, values["script"]) if values["script"] else None
        if script is not None and part is not None:
            return script["id"], part
        problems.append(_("Sheet “%(sheet)s”, row %(row)d: the app has no script “%(script)s”"
                          " with a part “%(part)s”: export the sheet again.",
                          sheet=_(N_("Scripts")), row=n, script=_short(values["script"]),
                          part=_short(values["part"])))
        return None

    plan = []
    for row, _values in _keyed_rows(book, labels, N_("Scripts"), SCRIPT_COLUMNS, key,
                                    problems):
        script_id, part = row.key
        if script_id not in texts:
            texts[script_id] = _script_texts(db, script_id, code)
        source = _script_parts(texts[script_id][0])[part]
        # A script's figures are {placeholders}, filled in when it is shown
        # (policy_figures.fill).
        if row.reviewer and _braces(row.reviewer) != _braces(source):
            problems.append(_placeholder_problem(row.sheet, row.number, source))
        plan.append(("script", row, texts[script_id]))
    return plan


def _apply(db, code, plan, summary, user_id):
    by_script = {}
    for kind, row, what in plan:
        if kind == "script":
            if row.reviewer:
                by_script.setdefault(row.key[0], (what, []))[1].append(row)
            else:
                _empty(row, _value(_cell_text(_script_parts(what[1])[row.key[1]])), summary)
            continue
        now, reviewed = ((what.text, what.state == "reviewed") if kind == "string"
                         else (what.draft, what.reviewed))
        now = _value(_cell_text(now))
        if not row.reviewer:
            _empty(row, now, summary)
            continue
        if row.reviewer == now and reviewed:
            summary.unchanged += 1
        elif row.current != now and row.reviewer != now:
            summary.refused.append((row.sheet, row.number, row.key, _changed(now)))
        elif len(row.reviewer) > LIMITS[kind]:
            summary.refused.append((row.sheet, row.number, row.key, _too_long(LIMITS[kind])))
        else:
            msgid = row.key if kind == "string" else glossary.review_key(row.key)
            try:
                queries.save_review(db, code, msgid, row.reviewer, True, user_id=user_id)
            except store.Invalid as e:
                summary.refused.append((row.sheet, row.number, row.key, _stored(e)))
            else:
                summary.reviewed += 1
    for script_id, ((vietnamese, own), rows) in by_script.items():
        _apply_script(db, code, script_id, vietnamese, own, rows, summary, user_id)


def _empty(row, now, summary):
    """A row without a reviewer's version: nothing to save, but a current text that is not the
    app's is said (typed in the wrong column, or changed since the export)."""
    if row.current != now:
        summary.refused.append((row.sheet, row.number, row.key, _changed(now)))
    else:
        summary.empty += 1


def _changed(now):
    return _("its current text is not the one in the sheet (changed in the app since the"
             " export, or edited in the sheet), so nothing was saved; it is now “%(now)s”.",
             now=_short(now) or "—")


def _too_long(most):
    return _("At most %(max)d characters.", max=most)


def _stored(error):
    return _("the app could not store it (%(reason)s).", reason=str(error))


def _apply_script(db, code, script_id, vietnamese, own, rows, summary, user_id):
    """One new revision of a script's text in the language with the reviewer's parts; the
    revision is marked reviewed when every part the script has was given a version."""
    current = {k: _value(_cell_text(v)) for k, v in _script_parts(own).items()}
    what = lambda row: f"{script_id} {row.key[1]}"  # noqa: E731
    fresh = []
    for row in rows:
        part = row.key[1]
        if row.current != current[part] and row.reviewer != current[part]:
            summary.refused.append((row.sheet, row.number, what(row), _changed(current[part])))
        elif len(row.reviewer) > LIMITS[part]:
            summary.refused.append((row.sheet, row.number, what(row), _too_long(LIMITS[part])))
        elif part == "questions" and (
                len(parse_questions(row.reviewer)) > MAX_QUESTIONS
                or any(len(t) > MAX_QUESTION_CHARS for p in parse_questions(row.reviewer)
                       for t in p.values())):
            summary.refused.append((row.sheet, row.number, what(row), _(
                "At most %(max)d questions, each question and each answer at most %(chars)d"
                " characters.", max=MAX_QUESTIONS, chars=MAX_QUESTION_CHARS)))
        else:
            fresh.append(row)
    if not fresh:
        return
    given = {row.key[1]: row.reviewer for row in fresh}
    if own is None and not (given.get("title") and given.get("key_messages")):
        for row in fresh:
            summary.refused.append((row.sheet, row.number, what(row), _(
                "this script has no text in this language yet: give its title and its key"
                " messages together.")))
        return
    source = _script_parts(vietnamese)
    parts = {**current, **given}
    complete = all(key in given or not source[key] for key, _label in PARTS)
    if own is not None and all(current[k] == v for k, v in given.items()) and (
            own["reviewed"] or not complete):
        summary.unchanged += len(fresh)
        return
    try:
        with db.atomic():
            scripts.save_text(db, script_id, code, title=parts["title"],
                              key_messages=parts["key_messages"],
                              questions=parse_questions(parts["questions"]),
                              reviewed=complete or bool(own and own["reviewed"]),
                              user_id=user_id)
    except store.Invalid as e:
        summary.refused += [(row.sheet, row.number, what(row), _stored(e)) for row in fresh]
    else:
        summary.reviewed += len(fresh)
