"""Door-to-door visits and what came of them for each person."""

import json
from datetime import date

from .. import store
from ..places import queries as places

# A household BHYT card bought or renewed at a visit runs for twelve months.
HOUSEHOLD_BHYT_MONTHS = 12


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for dd in (day.day, 30, 29, 28):
        try:
            return date(year, month, dd)
        except ValueError:
            continue


def status_changes(person, outcomes, visit_day):
    """How a visit's outcomes change a person's insurance statuses."""
    changes = {}
    if "voluntary_bhxh" in outcomes and person["bhxh_status"] != "voluntary":
        changes["bhxh_status"] = "voluntary"
    if "household_bhyt" in outcomes:
        start = visit_day
        if person["bhyt_card_type"] == "household" and person["bhyt_expiry"]:
            # A renewal continues from the current card's end rather than overlapping it.
            start = max(start, date.fromisoformat(person["bhyt_expiry"]))
        changes["bhyt_card_type"] = "household"
        changes["bhyt_expiry"] = _add_months(start, HOUSEHOLD_BHYT_MONTHS).isoformat()
    if "vssid_installed" in outcomes and person["vssid"] != "installed":
        changes["vssid"] = "installed"
    return changes


def record_visit(db, household_id, *, officer_id, visited_at, outcomes=None, present=(),
                 topics=(), materials=(), language="vi", companions="", nobody_home=False,
                 follow_up_on=None, notes=""):
    """Save a visit, its outcomes and the statuses they change, all in one transaction.

    `outcomes` maps person id -> (list of outcome codes, decline reason or None).
    """
    outcomes = {pid: o for pid, o in (outcomes or {}).items() if o[0]}
    present = list(dict.fromkeys([*present, *outcomes]))
    with db.atomic():
        visit = store.insert(db, "visits", {
            "household_id": household_id, "visited_at": visited_at.isoformat(timespec="minutes"),
            "officer_id": officer_id, "companions": companions.strip(), "language": language,
            "nobody_home": 1 if nobody_home else 0, "present": json.dumps(present),
            "topics": json.dumps(list(topics)), "materials": json.dumps(list(materials)),
            "follow_up_on": follow_up_on.isoformat() if follow_up_on else None,
            "notes": notes.strip(),
        }, user_id=officer_id)
        for person_id, (codes, reason) in outcomes.items():
            person = store.get(db, "people", person_id)
            if person["household_id"] != household_id:
                raise ValueError(f"{person_id} is not in household {household_id}")
            for code in codes:
                store.insert(db, "visit_outcomes", {
                    "visit_id": visit["id"], "person_id": person_id, "outcome": code,
                    "decline_reason": reason if code == "declined" else None,
                }, user_id=officer_id)
            changes = status_changes(person, codes, visited_at.date())
            if changes:
                store.update(db, "people", person_id, changes, user_id=officer_id)
    return visit["id"]


def update_visit(db, visit_id, *, topics, materials, companions, follow_up_on, notes, user_id):
    """Correct what a visit recorded, outcomes aside (they already changed statuses)."""
    return store.update(db, "visits", visit_id, {
        "topics": json.dumps(list(topics)), "materials": json.dumps(list(materials)),
        "companions": companions.strip(),
        "follow_up_on": follow_up_on.isoformat() if follow_up_on else None,
        "notes": notes.strip(),
    }, user_id=user_id)


def _decoded(row):
    return {**row, **{k: json.loads(row[k]) for k in ("present", "topics", "materials")
                      if k in row}}


def household_visits(db, household_id):
    """A household's visits, newest first, with the officer's name and outcome count."""
    return [_decoded(r) for r in db.query("""
        select v.id, v.visited_at, v.nobody_home, v.topics, v.follow_up_on,
               u.full_name as officer_name,
               (select count(*) from visit_outcomes o
                 where o.visit_id = v.id and o.deleted_at is null) as outcome_count
          from visits v join users u on u.id = v.officer_id
         where v.household_id = ? and v.deleted_at is null
         order by v.visited_at desc""", [household_id])]


def visit(db, visit_id, office_id):
    """A live visit to a household of the office, else None."""
    rows = list(db.query(f"""
        select v.*, u.full_name as officer_name, h.village_id, h.language as household_language,
               head.full_name as head_name
          from visits v
          join users u on u.id = v.officer_id
          join households h on h.id = v.household_id
          join villages vi on vi.id = h.village_id
          {places.in_office("vi.commune_code", "?")}
          left join people head on head.id = h.head_person_id
         where v.id = ? and v.deleted_at is null""", [office_id, visit_id]))
    return _decoded(rows[0]) if rows else None


def visit_outcomes(db, visit_id):
    return list(db.query("""
        select o.outcome, o.decline_reason, p.id as person_id, p.full_name, p.bhyt_expiry
          from visit_outcomes o join people p on p.id = o.person_id
         where o.visit_id = ? and o.deleted_at is null
         order by p.full_name, o.outcome""", [visit_id]))


def person_outcomes(db, person_id):
    """What visits achieved with one person, newest first, whichever household they were in."""
    return list(db.query("""
        select o.outcome, o.decline_reason, v.id as visit_id, v.visited_at,
               u.full_name as officer_name
          from visit_outcomes o
          join visits v on v.id = o.visit_id and v.deleted_at is null
          join users u on u.id = v.officer_id
         where o.person_id = ? and o.deleted_at is null
         order by v.visited_at desc""", [person_id]))
