"""Exports: tables of visits, sessions, people or the report, as CSV or XLSX.

A table is (title, headers, rows). Headers and coded values are written in the user's language;
CSV files start with a byte order mark so that spreadsheet programs read them as UTF-8.
"""

import csv
import io
import json
import re

from .. import lists
from ..i18n import gettext as _
from ..vocabulary import (BHXH_STATUS_LABELS, FIGURE_LABELS, GENDER_LABELS, OUTCOME_LABELS,
                          VSSID_LABELS)
from . import listings

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# Control characters an XLSX file cannot hold (and no name needs): dropped from every cell.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A text cell starting with one of these runs as a formula in a spreadsheet (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    """A cell's text without control characters; numbers and empty cells as they are."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def _csv_cell(value):
    """CSV has no types: text that would start a formula gets a leading apostrophe."""
    value = _text(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(tables):
    """One table as plain CSV; several one after the other, each under its title."""
    out = io.StringIO()
    writer = csv.writer(out)
    for i, (title, headers, rows) in enumerate(tables):
        if len(tables) > 1:
            if i:
                writer.writerow([])
            writer.writerow([_csv_cell(str(title))])
        writer.writerow([_csv_cell(str(h)) for h in headers])
        writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(tables):
    """A workbook with one sheet per table, headers in bold on a frozen first row."""
    # Imported here, like WeasyPrint: only an XLSX export pays for it.
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used = set()
    for title, headers, rows in tables:
        sheet = book.create_sheet(_sheet_title(title, used))
        sheet.freeze_panes = "A2"
        sheet.append([_xlsx_cell(sheet, str(header), bold=True) for header in headers])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# A spreadsheet program shows Tai Viet only in a font that has it: the one the pages bundle.
TAI_VIET_FONT = "Noto Sans Tai Viet"
_TAI_VIET = re.compile("[\uaa80-\uaadf]")


def _xlsx_cell(sheet, value, bold=False):
    """Text is stored as text, never as a formula, even when it starts with '='; Thái text
    names the Tai Viet font."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=_text(value))
    if isinstance(value, str):
        cell.data_type = "s"
        if _TAI_VIET.search(value):
            cell.font = Font(name=TAI_VIET_FONT, bold=bold)
            return cell
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet_title(title, used):
    """At most 31 characters, none of []:*?/\\, and unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31] or "Sheet"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[:28]} {n}"
    used.add(name.lower())
    return name


def _labels(codes, labels):
    return ", ".join(str(labels.get(c, c)) for c in codes)


def _yes_no(value):
    return _("Yes") if value else _("No")


def _in_language(labels):
    """{code: label} with each label translated once, not once per row (a lazy label is
    looked up again each time it is written: 13 of a 20 s export of 80,000 people)."""
    return {code: str(label) for code, label in labels.items()}


def visits_table(db, area, start, end, central=False):
    topic, material, language = (lists.labels(db, n) for n in ("topic", "material", "language"))
    outcome_labels, yes_no = _in_language(OUTCOME_LABELS), {True: _yes_no(True),
                                                             False: _yes_no(False)}
    headers = [_("Date and time"), *([_("Office")] if central else []), _("Commune"),
               _("Village"), _("Head of household"), _("Officer"), _("Nobody home"),
               _("People present"), _("Language used"), _("Topics discussed"),
               _("Materials left"), _("Outcomes"), _("Accompanied by"), _("Come back on"),
               _("Notes")]

    def rows():
        for r in listings.visit_rows(db, area, start, end):
            outcomes = [f"{name}: {outcome_labels.get(code, code)}"
                        for name, code in json.loads(r["outcomes"] or "[]")]
            yield [r["visited_at"].replace("T", " "),
                   *([r["office_name"]] if central else []), r["commune_name"],
                   r["village_name"], r["head_name"] or "", r["officer_name"] or "",
                   yes_no[bool(r["nobody_home"])], r["present_count"],
                   language.get(r["language"], r["language"]),
                   _labels(json.loads(r["topics"]), topic),
                   _labels(json.loads(r["materials"]), material), "; ".join(outcomes),
                   r["companions"], r["follow_up_on"] or "", r["notes"]]
    return _("Visits"), headers, rows()


def sessions_table(db, area, start, end, central=False):
    labels = {n: lists.labels(db, n) for n in (
        "session_format", "target_group", "topic", "language", "ethnicity")}
    headers = [_("Date and time"), *([_("Office")] if central else []), _("Commune"),
               _("Village"), _("Place"), _("Format"), _("Target group"), _("Topics"),
               _("Languages used"), _("Facilitators (staff)"), _("Other facilitators"),
               _("People attending"), _("Women"), _("Men"), _("Sex not recorded"),
               _("By ethnic group"), _("On the roster"), _("Notes")]

    def rows():
        for r in listings.session_rows(db, area, start, end):
            ethnicity = json.loads(r["attendees_by_ethnicity"])
            yield [r["held_at"].replace("T", " "), *([r["office_name"]] if central else []),
                   r["commune_name"], r["village_name"] or "", r["place"],
                   labels["session_format"].get(r["format"], r["format"]),
                   labels["target_group"].get(r["target_group"], r["target_group"]),
                   _labels(json.loads(r["topics"]), labels["topic"]),
                   _labels(json.loads(r["languages"]), labels["language"]),
                   ", ".join(json.loads(r["facilitator_names"])), r["outside_facilitators"],
                   r["attendees_total"], r["attendees_female"], r["attendees_male"],
                   r["attendees_gender_unknown"],
                   "; ".join(f"{_ethnicity(labels['ethnicity'], code)}: {n}"
                             for code, n in ethnicity.items()),
                   r["roster_size"], r["notes"]]
    return _("Sessions"), headers, rows()


def _ethnicity(labels, code):
    return _("Not recorded") if code == "unknown" else labels.get(code, code)


def people_table(db, area, personal=False, central=False, personal_office=None):
    """The registry; CCCD and mã số BHXH only when `personal` (the caller checks the role), and
    then, if `personal_office` is given, only for that office's people."""
    labels = {n: lists.labels(db, n) for n in ("relation", "ethnicity", "bhyt_card_type")}
    gender, bhxh_status, vssid = (_in_language(labels) for labels in (
        GENDER_LABELS, BHXH_STATUS_LABELS, VSSID_LABELS))
    headers = [_("Full name"), _("Sex"), _("Birth year"), _("Birth date"),
               _("Relation to the head"), _("Ethnicity"),
               *([_("Office")] if central else []), _("Commune"), _("Village"),
               _("BHYT card"), _("Card valid until"), _("Social insurance (BHXH)"),
               _("VssID"), *([_("CCCD"), _("Mã số BHXH")] if personal else [])]

    def rows():
        for r in listings.people_rows(db, area):
            yield [r["full_name"], str(gender.get(r["gender"], r["gender"])),
                   r["birth_year"],
                   r["birth_date"] or "", labels["relation"].get(r["relation"], r["relation"]),
                   labels["ethnicity"].get(r["ethnicity"], r["ethnicity"] or ""),
                   *([r["office_name"]] if central else []), r["commune_name"],
                   r["village_name"],
                   labels["bhyt_card_type"].get(r["bhyt_card_type"], r["bhyt_card_type"] or ""),
                   r["bhyt_expiry"] or "", bhxh_status.get(r["bhxh_status"], ""),
                   vssid.get(r["vssid"], ""),
                   *(([r["cccd"] or "", r["bhxh_number"] or ""]
                      if personal_office in (None, r["office_id"]) else ["", ""])
                     if personal else [])]
    return _("People"), headers, rows()


def report_tables(report):
    """The report's tables (see assemble.report) as export tables."""
    figures = report["columns"]
    headers = [str(FIGURE_LABELS[f]) for f in figures]
    tables = [(_("Summary"), [_("Figure"), _("Count"), _("Target")],
               [[str(FIGURE_LABELS[f]), report["total"][f],
                 "" if report["target"].get(f) is None else report["target"][f]]
                for f in figures])]
    for title, label, rows in report["tables"]:
        tables.append((title, [label, *headers],
                       [[r["name"], *(r["figures"][f] for f in figures)] for r in rows]))
    tables.append((_("Attendees by ethnic group"), [_("Ethnicity"), _("People attending")],
                   [[name, n] for name, n in report["ethnicity"]]))
    return [(str(t), [str(h) for h in hs], list(rows)) for t, hs, rows in tables]
