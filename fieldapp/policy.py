"""Policy figures in force on a date, the amounts they give, and scripts' placeholders filled."""

import re

from . import clock
from .i18n import format_number


def figures(db, on=None):
    """{key: value} of each figure's latest row effective on the date (today by default)."""
    on = (on or clock.today()).isoformat()
    return {row["key"]: row["value"] for row in db.query("""
        select key, value from policy_figures f
         where deleted_at is null and effective_from <= :on
           and effective_from = (select max(effective_from) from policy_figures g
                                  where g.key = f.key and g.deleted_at is null
                                    and g.effective_from <= :on)""", {"on": on})}


def figure_rows(db):
    """Every figure row, newest first within each key, for the settings page."""
    return list(db.query("select * from policy_figures where deleted_at is null"
                         " order by key, effective_from desc"))


def amounts(f):
    """What people pay, worked out from the figures; rounded to whole đồng."""
    out = {}
    if {"rural_poverty_line", "voluntary_bhxh_rate"} <= f.keys():
        monthly = f["rural_poverty_line"] * f["voluntary_bhxh_rate"]
        out["voluntary_bhxh_min_monthly"] = round(monthly)
        if "voluntary_bhxh_support_poor" in f:
            out["voluntary_bhxh_min_monthly_poor"] = round(
                monthly * (1 - f["voluntary_bhxh_support_poor"]))
    if {"base_salary", "household_bhyt_rate"} <= f.keys():
        first = f["base_salary"] * f["household_bhyt_rate"]
        out["household_bhyt_first_monthly"] = round(first)
        out["household_bhyt_first_yearly"] = round(first * 12)
        for rank in ("second", "third", "fourth", "fifth"):
            share = f.get(f"household_bhyt_{rank}")
            if share is not None:
                out[f"household_bhyt_{rank}_yearly"] = round(first * share * 12)
    return out


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
