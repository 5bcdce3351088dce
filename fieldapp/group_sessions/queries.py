"""Small-group sessions (truyền thông nhóm nhỏ): attendance, roster and outcomes."""

import json
from datetime import date

from .. import rules, store
from ..households import queries as households
from ..places import queries as places
from ..visits.queries import status_changes
from ..vocabulary import SESSION_OUTCOMES


class NoVillage(ValueError):
    """People met at a session are registered in its village, and it has none in the office."""


class Inconsistent(ValueError):
    """Attendance figures that do not add up: {field: (message key, figures)}."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def _quick_add(db, village_id, people, user_id):
    """Register people met at a session as heads of new households in the village."""
    ids = []
    for quick in people:
        household_id = households.register_household(
            db, village_id, {"language": quick.get("language") or "vi"},
            {"full_name": quick["full_name"], "gender": quick["gender"],
             "birth_year": quick["birth_year"], "bhxh_status": "none", "vssid": "unknown"},
            user_id=user_id)
        ids.append(store.get(db, "households", household_id)["head_person_id"])
    return ids


def record_session(db, *, commune_code, village_id, held_at, format, target_group, place="",
                   topics=(),
                   languages=(), facilitators=(), outside_facilitators="", total,
                   female=0, male=0, gender_unknown=0, by_ethnicity=None, materials=(),
                   notes="", roster=(), quick_people=(), user_id):
    """Save a session with its roster (quick-added people registered too), in one transaction."""
    by_ethnicity = {k: v for k, v in (by_ethnicity or {}).items() if v}
    roster = list(dict.fromkeys(roster))
    problems = rules.attendance_problems(total, female, male, gender_unknown, by_ethnicity,
                                         len(roster) + len(quick_people))
    if problems:
        raise Inconsistent(problems)
    with db.atomic():
        row = store.insert(db, "group_sessions", {
            "held_at": held_at.isoformat(timespec="minutes"), "commune_code": commune_code,
            "village_id": village_id, "place": place.strip(), "format": format,
            "target_group": target_group, "topics": json.dumps(list(topics)),
            "languages": json.dumps(list(languages)),
            "facilitators": json.dumps(list(facilitators)),
            "outside_facilitators": outside_facilitators.strip(), "attendees_total": total,
            "attendees_female": female, "attendees_male": male,
            "attendees_gender_unknown": gender_unknown,
            "attendees_by_ethnicity": json.dumps(by_ethnicity),
            "materials": json.dumps(list(materials)), "notes": notes.strip(),
        }, user_id=user_id)
        for person_id in roster + _quick_add(db, village_id, quick_people, user_id):
            store.insert(db, "session_attendees", {"session_id": row["id"],
                                                   "person_id": person_id, "outcomes": "[]"},
                         user_id=user_id)
    return row["id"]


def add_attendees(db, session_id, person_ids=(), quick_people=(), *, office_id, user_id):
    """Add people of the office to a session of the office; the roster may not outgrow the
    attendance. People met there are registered in the session's village, which must lie in the
    office (NoVillage otherwise)."""
    with db.atomic():
        found = session(db, session_id, office_id)
        if found is None:
            raise store.NotFound(f"group_sessions {session_id}")
        already = {a["person_id"] for a in attendees(db, session_id)}
        new = [p for p in dict.fromkeys(person_ids) if p not in already]
        outside = [p for p in new if households.person(db, p, office_id) is None]
        if outside:
            raise ValueError(f"{outside} are not people of office {office_id}")
        if quick_people and not found["village_id"]:
            raise NoVillage(session_id)
        size = len(already) + len(new) + len(quick_people)
        if size > found["attendees_total"]:
            raise Inconsistent({"roster": ("roster_size", {
                "roster": size, "total": found["attendees_total"]})})
        for person_id in new + _quick_add(db, found["village_id"], quick_people, user_id):
            store.insert(db, "session_attendees", {"session_id": session_id,
                                                   "person_id": person_id, "outcomes": "[]"},
                         user_id=user_id)


def set_outcomes(db, session_id, outcomes, *, user_id):
    """Save each attendee's outcomes; only newly ticked ones change their statuses. Attendees
    outside the session's office (see attendees) are neither read nor written."""
    with db.atomic():
        session = store.get(db, "group_sessions", session_id)
        held_on = date.fromisoformat(session["held_at"][:10])
        for attendee in attendees(db, session_id):
            wanted = [c for c in SESSION_OUTCOMES if c in outcomes.get(attendee["person_id"], ())]
            added = set(wanted) - set(attendee["outcomes"])
            store.update(db, "session_attendees", attendee["id"],
                         {"outcomes": json.dumps(wanted)}, user_id=user_id)
            person = store.get(db, "people", attendee["person_id"])
            changes = status_changes(person, added, held_on)
            if changes:
                store.update(db, "people", person["id"], changes, user_id=user_id)


def _decoded(row):
    for key in ("topics", "languages", "facilitators", "materials"):
        row[key] = json.loads(row[key])
    row["attendees_by_ethnicity"] = json.loads(row["attendees_by_ethnicity"])
    return row


def session(db, session_id, office_id):
    """A live session held in one of the office's communes, else None. A village outside the
    office reads as none (`village_id` None)."""
    rows = list(db.query(f"""
        select s.*, c.name as commune_name, v.id as office_village_id, v.name as village_name
          from group_sessions s
          join communes c on c.code = s.commune_code
          {places.in_office("s.commune_code", ":office")}
          left join villages v on v.id = s.village_id
               and {households.village_in_office("v.id", ":office")}
         where s.id = :session and s.deleted_at is null""",
        {"office": office_id, "session": session_id}))
    if not rows:
        return None
    row = rows[0]
    row["village_id"] = row.pop("office_village_id")
    return _decoded(row)


def attendees(db, session_id):
    """The roster: attendees with their person's details and outcomes; only people of the
    session's own office (an attendee row naming another office's person is not shown), and
    not removed (entered twice, say: the roster names the one kept)."""
    return [{**r, "outcomes": json.loads(r["outcomes"])} for r in db.query(f"""
        select a.id, a.person_id, a.outcomes, p.full_name, p.gender, p.birth_year,
               p.household_id, v.name as village_name
          from session_attendees a
          join group_sessions s on s.id = a.session_id
          join people p on p.id = a.person_id
          join households h on h.id = p.household_id
          join villages v on v.id = h.village_id
          {places.in_office("v.commune_code", households.office_of("s.commune_code"))}
         where a.session_id = ? and a.deleted_at is null and p.deleted_at is null
         order by p.name_key""", [session_id])]


def sessions(db, office_id, month, village_id=None, format=None, target_group=None,
             language=None):
    """Sessions of a month ('YYYY-MM') in the office's communes, newest first."""
    conditions = ["s.deleted_at is null", "substr(s.held_at, 1, 7) = :month"]
    if village_id:
        conditions.append("s.village_id = :village")
    if format:
        conditions.append("s.format = :format")
    if target_group:
        conditions.append("s.target_group = :target_group")
    if language:
        conditions.append(f"exists (select 1 from {db.dialect.json_values('s.languages', 'l')}"
                          " where l.value = :language)")
    return [_decoded(r) for r in db.query(f"""
        select s.*, c.name as commune_name, v.name as village_name,
               (select count(*) from session_attendees a
                 where a.session_id = s.id and a.deleted_at is null
                   and {households.person_in_office("a.person_id", ":office")}) as roster_size
          from group_sessions s
          join communes c on c.code = s.commune_code
          {places.in_office("s.commune_code", ":office")}
          left join villages v on v.id = s.village_id
               and {households.village_in_office("v.id", ":office")}
         where {" and ".join(conditions)}
         order by s.held_at desc""", {
        "office": office_id, "month": month, "village": village_id, "format": format,
        "target_group": target_group, "language": language})]


def remove_session(db, session_id, reason, *, user_id):
    """Remove a session with its roster; its figures go with it."""
    store.remove_with(db, "group_sessions", session_id, user_id=user_id, reason=reason)


def restore_session(db, session_id, *, user_id):
    """Undo a session's removal, with the roster removed along with it."""
    store.restore_with(db, "group_sessions", session_id, user_id=user_id)
