"""Policy figures in force on a date, the amounts they give, and scripts' placeholders filled.

Every figure is a row of `policy_figures`: a key, a value, the day it applies from, its legal
source, a note and whether it was confirmed from the official text (migration 0017). Only the
central server writes them (the sync's write policy, `sync/policy.py`, keeps them off what
laptops may change); `fieldapp/estimates.py` works out the amounts."""

import re

from . import clock, estimates
from .i18n import format_number, lazy_gettext as _l

MONEY, SHARE, TIMES = "money", "share", "times"

# The figures the app reads: {key: (what it is, how its value is written, unit stored)}.
FIGURES = {
    "base_salary": (_l("Base salary"), MONEY, "VND/month"),
    "reference_level": (_l("Reference level (the base salary until it is abolished)"), MONEY,
                        "VND/month"),
    "rural_poverty_line": (_l("Rural poverty line (the lowest income for voluntary BHXH)"),
                           MONEY, "VND/month"),
    "voluntary_bhxh_rate": (_l("Voluntary BHXH contribution rate"), SHARE, "share of income"),
    "voluntary_bhxh_ceiling_multiple": (
        _l("Highest income for voluntary BHXH, in reference levels"), TIMES,
        "times the reference level"),
    "voluntary_bhxh_support_poor": (
        _l("State support, poor households and especially difficult communes"), SHARE,
        "share of contribution"),
    "voluntary_bhxh_support_near_poor": (_l("State support, near-poor households"), SHARE,
                                         "share of contribution"),
    "voluntary_bhxh_support_ethnic_minority": (_l("State support, ethnic minorities"), SHARE,
                                               "share of contribution"),
    "voluntary_bhxh_support_other": (_l("State support, other participants"), SHARE,
                                     "share of contribution"),
    "household_bhyt_rate": (_l("Household BHYT, first member (of the base salary)"), SHARE,
                            "share of base salary"),
    "household_bhyt_second": (_l("Household BHYT, second member (of the first's)"), SHARE,
                              "share of the first member's"),
    "household_bhyt_third": (_l("Household BHYT, third member (of the first's)"), SHARE,
                             "share of the first member's"),
    "household_bhyt_fourth": (_l("Household BHYT, fourth member (of the first's)"), SHARE,
                              "share of the first member's"),
    "household_bhyt_fifth": (_l("Household BHYT, fifth member on (of the first's)"), SHARE,
                             "share of the first member's"),
    "social_pension": (_l("Social pension"), MONEY, "VND/month"),
}


def label(key):
    return FIGURES[key][0] if key in FIGURES else key


def kind(key, value=None):
    """How a figure's value is written: an amount, a share or a multiple."""
    if key in FIGURES:
        return FIGURES[key][1]
    return SHARE if value is not None and value < 1 else MONEY


def _in_force(db, on):
    return db.query("""
        select * from policy_figures f
         where deleted_at is null and effective_from <= :on
           and effective_from = (select max(effective_from) from policy_figures g
                                  where g.key = f.key and g.deleted_at is null
                                    and g.effective_from <= :on)
         order by key, id""", {"on": (on or clock.today()).isoformat()})


def in_force(db, on=None):
    """{key: row} of each figure's latest row effective on the date (today by default): its
    value, effective_from, source, note and confirmed."""
    return {row["key"]: row for row in _in_force(db, on)}


def figures(db, on=None):
    """{key: value} of each figure's latest row effective on the date (today by default)."""
    return {key: row["value"] for key, row in in_force(db, on).items()}


def figure_rows(db):
    """Every figure row, newest first within each key, for the settings page."""
    return list(db.query("select * from policy_figures where deleted_at is null"
                         " order by key, effective_from desc"))


def amounts(f):
    """What people pay, worked out from the figures (estimates.script_amounts); whole đồng."""
    return estimates.script_amounts(f)


def placeholders(f):
    """Every {name} a script may use, formatted for the current language."""
    values = {}
    for key, value in f.items():
        if value < 1:
            values[f"{key}_percent"] = format_number(round(value * 100, 2))
        else:
            values[key] = format_number(round(value))
    values.update({k: format_number(v) for k, v in amounts(f).items()})
    return values


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(text, values):
    """Replace {name} with its value; an unknown name stays visible as typed."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)
