"""What a visited household would pay: voluntary BHXH and household BHYT at the policy figures
in force on the visit's day, for the visit's page and the summary the household keeps.

The amounts come from `fieldapp.estimates` (pure rules); this module reads what they need: the
figures in force that day with their sources (`policy_figures.in_force`) and the household's members
as they stood at the visit (a status the visit's own outcomes changed is taken as it was
before, so that a family that bought its cards at the visit sees what they cost)."""

import json
from datetime import date

from forms.estimates import GROUP_LABELS, PERIOD_LABELS

from .. import estimates, policy_figures
from ..households import queries as households


def visit_day(visit):
    return date.fromisoformat(visit["visited_at"][:10])


def members_at_visit(db, visit):
    """The household's live members, each status the visit changed put back as it was."""
    changes = json.loads(visit.get("status_changes") or "{}")
    members = households.members(db, visit["household_id"])
    for member in members:
        for field, (before, _after) in changes.get(member["id"], {}).items():
            member[field] = before
    return members


def default_group(db, visit, household):
    return estimates.default_group(household or {}, members_at_visit(db, visit))


def _figure(row):
    return {"key": row["key"], "label": policy_figures.label(row["key"]), "value": row["value"],
            "kind": policy_figures.kind(row["key"], row["value"]),
            "effective_from": date.fromisoformat(row["effective_from"]), "source": row["source"],
            "note": row.get("note") or "", "confirmed": bool(row.get("confirmed"))}


def estimate(db, visit, household, income=None, period="monthly", group=None):
    """What the visit's page and summary show of the family's costs; `group` None takes the
    one the household's record points to."""
    day = visit_day(visit)
    rows = policy_figures.in_force(db, day)
    figures = {key: row["value"] for key, row in rows.items()}
    members = members_at_visit(db, visit)
    suggested = estimates.default_group(household or {}, members)
    group = group or suggested
    bhxh = estimates.voluntary_bhxh(figures, income, period, group)
    needing = [m for m in members if estimates.needs_card(m, day)]
    bhyt = estimates.household_bhyt(figures, len(needing))
    used = [*(bhxh.uses if bhxh else ()), *(bhyt.uses if bhyt else ())]
    used = [key for key in dict.fromkeys(used) if key in rows]
    unconfirmed = {key for key in used if not rows[key].get("confirmed")}
    return {
        "day": day, "group": group, "suggested_group": suggested,
        "group_label": GROUP_LABELS[group], "period_label": PERIOD_LABELS[period],
        "bhxh": bhxh, "bhxh_unconfirmed": bool(bhxh and unconfirmed & set(bhxh.uses)),
        "bhyt": bhyt, "bhyt_unconfirmed": bool(bhyt and unconfirmed & set(bhyt.uses)),
        "needing": [{"name": m["full_name"], "rank": row.rank, "share": row.share,
                     "monthly": row.monthly, "yearly": row.yearly}
                    for m, row in zip(needing, bhyt.members if bhyt else ())],
        "needing_count": len(needing),
        "covered": [m["full_name"] for m in members if m not in needing],
        "figures": [_figure(rows[key]) for key in used],
        "unconfirmed": bool(unconfirmed),
    }
