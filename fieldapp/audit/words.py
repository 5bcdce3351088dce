"""What an entry of the trail records, in the page's language: each fact and change named as
the forms name it, each value shown as the forms show it, never a code or a JSON text."""

import json
from dataclasses import dataclass
from datetime import date

from forms.reports import FORMAT_LABELS

from .. import history
from ..i18n import format_date, gettext as _, lazy_gettext as _l
from ..vocabulary import DATASET_LABELS

LOGIN_REFUSALS = {"wrong_password": _l("Wrong username or password."),
                  "inactive": _l("Account deactivated"),
                  "throttled": _l("Too many failed attempts")}
# A figure's fields as its form names them.
FIGURE_FIELDS = {"value": _l("Value"), "effective_from": _l("In force from"),
                 "source": _l("Legal source"), "note": _l("Note"),
                 "confirmed": _l("Checked against the official text")}
# The figures' legal sources and notes are Vietnamese official texts, as they were written.
_VIETNAMESE = {"source", "note"}


@dataclass(frozen=True)
class Said:
    """A value shown: words in the page's language, or in `lang`, or a code (`code`: an id,
    a username) that no language translates."""
    text: str
    lang: str = ""
    code: bool = False

    def __str__(self):
        return self.text


def in_words(db, action, table, detail):
    """{"facts": [(label or None, Said)], "changes": [(label, Said old, Said new)], "rest": what
    no fact names, as JSON text (a kind of entry this version does not know)}."""
    facts, changes = [], []
    rest = dict(detail) if isinstance(detail, dict) else detail
    said = _WORDS.get(action)
    if said is not None and isinstance(rest, dict):
        said(db, table, rest, facts, changes)
    return {"facts": facts, "changes": changes,
            "rest": _json(rest) if rest not in (None, {}, "") else None}


def _json(value):
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                             sort_keys=True, default=str)


def _office(db, office_id):
    return db.value("select name from offices where id = ?", [office_id])


def _office_fact(db, rest, facts):
    if "office_id" in rest:
        found = _office(db, rest["office_id"])
        if found:
            rest.pop("office_id")
            facts.append((_("Office"), Said(found)))


def _refused_login(db, table, rest, facts, changes):
    if "username" in rest:
        facts.append((_("Username"), Said(str(rest.pop("username")), code=True)))
    if rest.get("reason") in LOGIN_REFUSALS:
        facts.append((None, Said(str(LOGIN_REFUSALS[rest.pop("reason")]))))


def _account(db, table, rest, facts, changes):
    _office_fact(db, rest, facts)
    for field in [f for f in rest if f in history.FIELD_LABELS]:
        facts.append((history.field_label("users", field),
                      Said(history.shown(db, "users", field, rest.pop(field)))))


def _office_edited(db, table, rest, facts, changes):
    if isinstance(rest.get("communes"), list):
        codes = rest.pop("communes")
        names = dict(db.execute("select code, name from communes where code in (%s)" % ",".join(
            "?" * len(codes)), codes).fetchall()) if codes else {}
        facts.append((_("Communes"), Said(", ".join(names.get(c, str(c)) for c in codes)
                                           or "—")))


def _list_item(db, table, rest, facts, changes):
    from ..admin.views import LIST_TITLES
    if rest.get("list") in LIST_TITLES:
        facts.append((None, Said(str(LIST_TITLES[rest.pop("list")]))))
    rest.pop("code", None)  # the record column names the entry by its label


def _enrolment_code(db, table, rest, facts, changes):
    _office_fact(db, rest, facts)


def _device_revoked(db, table, rest, facts, changes):
    if isinstance(rest.get("accounts_disabled"), list):
        ids = rest.pop("accounts_disabled")
        names = dict(db.execute("select id, full_name from users where id in (%s)" % ",".join(
            "?" * len(ids)), ids).fetchall()) if ids else {}
        facts.append((_("Accounts closed with it"),
                      Said(", ".join(names.get(i, "…") for i in ids) or "—")))


def _reviewed(db, table, rest, facts, changes):
    if "language" in rest:
        facts.append((_("Language"), Said(history.shown(db, table, "language",
                                                         rest.pop("language")))))
    if rest.pop("sheet", None):
        facts.append((None, Said(_(
            "From a review sheet: %(reviewed)d reviewed, %(refused)d refused",
            reviewed=int(rest.pop("reviewed", 0) or 0),
            refused=int(rest.pop("refused", 0) or 0)))))
        return
    if "msgid" in rest:
        facts.append((_("English source"), Said(str(rest.pop("msgid")), lang="en")))
    if "reviewed" in rest:
        facts.append((_("Reviewed"), Said(history.shown(db, table, "reviewed",
                                                         rest.pop("reviewed")))))


def _conflict_resolved(db, table, rest, facts, changes):
    rest.pop("conflict_id", None)  # the conflict's own id: the record and field name it
    if "field" in rest:
        facts.append((_("Field"), Said(str(history.field_label(table, rest.pop("field"))))))
    if rest.get("choice") in history.CONFLICT_CHOICE_LABELS:
        facts.append((_("Keep"),
                      Said(str(history.CONFLICT_CHOICE_LABELS[rest.pop("choice")]))))


def _targets(db, table, rest, facts, changes):
    _office_fact(db, rest, facts)
    for field, label in (("year", _("Year")), ("month", _("Month"))):
        if field in rest:
            value = rest.pop(field)
            if value is not None:
                facts.append((label, Said(str(value))))


def _day(text):
    try:
        return format_date(date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def _exported(db, table, rest, facts, changes):
    if rest.get("dataset") in DATASET_LABELS:
        facts.append((_("What"), Said(str(DATASET_LABELS[rest.pop("dataset")]))))
    for field, label in (("start", _("From")), ("end", _("To"))):
        if field in rest:
            facts.append((label, Said(_day(rest.pop(field)))))
    if rest.get("format") in FORMAT_LABELS:
        facts.append((_("File type"), Said(str(FORMAT_LABELS[rest.pop("format")]))))
    if rest.get("personal"):
        rest.pop("personal")
        facts.append((_("Include CCCD and mã số BHXH"), Said(_("Yes"))))
    _office_fact(db, rest, facts)
    for field, label in (("province", _("Province")), ("commune", _("Commune"))):
        if str(rest.get(field) or "").isdigit():
            sql = {"province": "select name from provinces where code = ?",
                   "commune": "select name from communes where code = ?"}[field]
            found = db.value(sql, [int(rest[field])])
            if found:
                rest.pop(field)
                facts.append((label, Said(found)))
    if rest.get("officer"):
        found = db.value("select full_name from users where id = ?", [rest["officer"]])
        if found:
            rest.pop("officer")
            facts.append((_("Officer"), Said(found)))
    for empty in [k for k, v in rest.items() if v in ("", None)]:
        rest.pop(empty)


def _merged(db, table, rest, facts, changes):
    # With its history entry, the page shows it as the record's history does (views.py).
    if isinstance(rest.get("fields"), list) and "changes" not in rest:
        for field in rest.pop("fields"):
            changes.append((history.field_label(table, field), Said(""), Said("")))


def figure_value(key, value):
    """A figure's value as the figures page writes it."""
    from ..policy_pages.views import shown_figure
    return shown_figure(key, value)


def _figure_said(key, field, value):
    if value in (None, ""):
        return Said("—")
    if field == "value":
        return Said(figure_value(key, value))
    if field in _VIETNAMESE:
        return Said(str(value), lang="vi")
    return Said(history.shown(None, "policy_figures", field, value))


def _figure(db, table, rest, facts, changes):
    key = rest.pop("key", None)
    for field in ("effective_from", "value", "source"):
        if field in rest:
            facts.append((FIGURE_FIELDS[field], _figure_said(key, field, rest.pop(field))))
    if isinstance(rest.get("changes"), dict):
        for field, pair in rest.pop("changes").items():
            old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            changes.append((FIGURE_FIELDS.get(field) or history.field_label(table, field),
                            _figure_said(key, field, old), _figure_said(key, field, new)))


_WORDS = {
    "login_failed": _refused_login, "user_created": _account, "user_edited": _account,
    "office_edited": _office_edited, "list_item_added": _list_item,
    "enrolment_code": _enrolment_code, "device_revoked": _device_revoked,
    "translation_reviewed": _reviewed, "conflict_resolved": _conflict_resolved,
    "targets_saved": _targets, "export_personal": _exported, "merged": _merged,
    "policy_figure_added": _figure, "policy_figure_edited": _figure,
    "policy_figure_removed": _figure,
}
