"""Door-to-door visits and what came of them for each person."""

import json
from datetime import date

from .. import store
from ..households.queries import head_in_office, office_of, person_in_office
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
    with db.atomic():
        plan = _Outcomes(db, household_id, visited_at.date(), present, outcomes or {})
        visit = store.insert(db, "visits", {
            "household_id": household_id, "visited_at": visited_at.isoformat(timespec="minutes"),
            "officer_id": officer_id, "companions": companions.strip(), "language": language,
            "nobody_home": 1 if nobody_home else 0, **plan.visit_fields(),
            "topics": json.dumps(list(topics)), "materials": json.dumps(list(materials)),
            "follow_up_on": follow_up_on.isoformat() if follow_up_on else None,
            "notes": notes.strip(),
        }, user_id=officer_id)
        plan.write(db, visit["id"], officer_id)
    return visit["id"]


def correct_outcomes(db, visit_id, *, present, outcomes, user_id):
    """Who was met and what came of it, corrected: statuses the old outcomes changed are put
    back, and the new ones change them, in one transaction."""
    with db.atomic():
        visit = store.get(db, "visits", visit_id)
        _revert_statuses(db, visit, user_id)
        plan = _Outcomes(db, visit["household_id"], date.fromisoformat(visit["visited_at"][:10]),
                         present, outcomes)
        store.update(db, "visits", visit_id, plan.visit_fields(), user_id=user_id)
        plan.write(db, visit_id, user_id)


class _Outcomes:
    """The people met at a visit and their outcomes, with the statuses those change."""

    def __init__(self, db, household_id, day, present, outcomes):
        outcomes = {pid: o for pid, o in outcomes.items() if o[0]}
        self.present = list(dict.fromkeys([*present, *outcomes]))
        self.wanted = {(pid, code): (reason if code == "declined" else None)
                       for pid, (codes, reason) in outcomes.items() for code in codes}
        self.changes = {}
        for person_id, (codes, _reason) in outcomes.items():
            person = store.get(db, "people", person_id)
            if person["household_id"] != household_id:
                raise ValueError(f"{person_id} is not in household {household_id}")
            changes = status_changes(person, codes, day)
            if changes:
                self.changes[person_id] = {f: [person[f], v] for f, v in changes.items()}

    def visit_fields(self):
        return {"present": json.dumps(self.present),
                "status_changes": json.dumps(self.changes)}

    def write(self, db, visit_id, user_id):
        """The outcome rows made these (others removed), and the statuses changed."""
        held = {(o["person_id"], o["outcome"]): o for o in db.query(
            "select * from visit_outcomes where visit_id = ? and deleted_at is null",
            [visit_id])}
        for key, row in held.items():
            if key not in self.wanted:
                store.soft_delete(db, "visit_outcomes", row["id"], user_id=user_id)
            elif row["decline_reason"] != self.wanted[key]:
                store.update(db, "visit_outcomes", row["id"],
                             {"decline_reason": self.wanted[key]}, user_id=user_id)
        for (person_id, code), reason in self.wanted.items():
            if (person_id, code) not in held:
                store.insert(db, "visit_outcomes", {
                    "visit_id": visit_id, "person_id": person_id, "outcome": code,
                    "decline_reason": reason}, user_id=user_id)
        for person_id, fields in self.changes.items():
            store.update(db, "people", person_id, {f: new for f, (_, new) in fields.items()},
                         user_id=user_id)


def _revert_statuses(db, visit, user_id, again=False):
    """Put back the statuses the visit's outcomes changed, where nothing changed them since;
    `again`: apply them once more (the visit restored)."""
    for person_id, fields in json.loads(visit["status_changes"] or "{}").items():
        try:
            person = store.get(db, "people", person_id)
        except store.NotFound:
            continue
        pairs = {f: (after, before) if again else (before, after)
                 for f, (before, after) in fields.items()}
        back = {f: to for f, (to, now) in pairs.items() if person[f] == now}
        if back:
            store.update(db, "people", person_id, back, user_id=user_id)


def remove_visit(db, visit_id, reason, *, user_id):
    """Remove a visit with its outcomes, putting back the statuses they changed."""
    with db.atomic():
        _revert_statuses(db, store.get(db, "visits", visit_id), user_id)
        store.remove_with(db, "visits", visit_id, user_id=user_id, reason=reason)


def restore_visit(db, visit_id, *, user_id):
    """Undo a visit's removal: it, the outcomes removed with it and their statuses come back."""
    with db.atomic():
        visit = store.restore_with(db, "visits", visit_id, user_id=user_id)
        if visit is not None:
            _revert_statuses(db, visit, user_id, again=True)


def move_visit(db, visit_id, household_id, *, user_id):
    """Move a visit recorded on the wrong household to the right one. Who was met and their
    outcomes were the other household's people: they go, their statuses put back."""
    with db.atomic():
        visit = store.get(db, "visits", visit_id)
        _revert_statuses(db, visit, user_id)
        plan = _Outcomes(db, household_id, None, [], {})
        store.update(db, "visits", visit_id, {"household_id": household_id,
                                              **plan.visit_fields()}, user_id=user_id)
        plan.write(db, visit_id, user_id)


def update_visit(db, visit_id, *, topics, materials, companions, follow_up_on, notes, user_id):
    """Correct what a visit recorded, outcomes aside (correct_outcomes corrects those)."""
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
    """A household's visits, newest first, with the officer's name and outcome count (outcomes
    for people of the household's office only)."""
    return [_decoded(r) for r in db.query(f"""
        select v.id, v.visited_at, v.nobody_home, v.topics, v.follow_up_on,
               u.full_name as officer_name,
               (select count(*) from visit_outcomes o
                 where o.visit_id = v.id and o.deleted_at is null
                   and {person_in_office("o.person_id", office_of("hv.commune_code"))}
               ) as outcome_count
          from visits v join users u on u.id = v.officer_id
          join households h on h.id = v.household_id
          join villages hv on hv.id = h.village_id
         where v.household_id = ? and v.deleted_at is null
         order by v.visited_at desc""", [household_id])]


def visit(db, visit_id, office_id):
    """A live visit to a household of the office, else None. The head and the people present
    are those of the office: a link to another office's person reads as empty."""
    rows = list(db.query(f"""
        select v.*, u.full_name as officer_name, h.village_id, h.language as household_language,
               head.full_name as head_name,
               (select {db.dialect.group_list("m.value")}
                  from {db.dialect.json_values("v.present", "m")}
                 where {person_in_office("m.value", ":office")}) as present_in_office
          from visits v
          join users u on u.id = v.officer_id
          join households h on h.id = v.household_id
          join villages vi on vi.id = h.village_id
          {places.in_office("vi.commune_code", ":office")}
          left join people head on head.id = h.head_person_id and {head_in_office(":office")}
         where v.id = :visit and v.deleted_at is null""",
        {"office": office_id, "visit": visit_id}))
    if not rows:
        return None
    row = rows[0]
    row["present"] = row.pop("present_in_office")
    return _decoded(row)


def visit_outcomes(db, visit_id):
    """A visit's outcomes with the people they were for, those of the visit's office only."""
    return list(db.query(f"""
        select o.outcome, o.decline_reason, p.id as person_id, p.full_name, p.bhyt_expiry
          from visit_outcomes o
          join visits v on v.id = o.visit_id
          join households vh on vh.id = v.household_id
          join villages vv on vv.id = vh.village_id
          join people p on p.id = o.person_id
          join households h on h.id = p.household_id
          join villages pv on pv.id = h.village_id
          {places.in_office("pv.commune_code", office_of("vv.commune_code"))}
         where o.visit_id = ? and o.deleted_at is null
         order by p.full_name, o.outcome""", [visit_id]))


def person_outcomes(db, person_id):
    """What visits achieved with one person, newest first, whichever household they were in:
    visits to households of the person's office only."""
    return list(db.query(f"""
        select o.outcome, o.decline_reason, v.id as visit_id, v.visited_at,
               u.full_name as officer_name
          from visit_outcomes o
          join visits v on v.id = o.visit_id and v.deleted_at is null
          join users u on u.id = v.officer_id
          join households vh on vh.id = v.household_id
          join villages vv on vv.id = vh.village_id
          join people p on p.id = o.person_id
          join households h on h.id = p.household_id
          join villages pv on pv.id = h.village_id
          {places.in_office("vv.commune_code", office_of("pv.commune_code"))}
         where o.person_id = ? and o.deleted_at is null
         order by v.visited_at desc""", [person_id]))
