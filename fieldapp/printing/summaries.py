"""What the printed summaries show: a visit's for the household, a session's for the office."""

from datetime import date, datetime

from .. import accounts, lists, offices, policy_figures
from ..group_sessions import queries as group_sessions
from ..households import queries as households
from ..i18n import gettext as _
from ..places import queries as places
from ..scripts import queries as scripts
from ..text import short_code
from ..visits import costs, queries as visits
from ..vocabulary import OUTCOME_LABELS

# A printed batch is one PDF: past this many summaries the officer narrows the choice.
BATCH_LIMIT = 500
# Topics plus people with outcomes past which a summary is set smaller to stay on one page, and
# only the first topics keep their key message.
DENSE_FROM = 8
MESSAGES_WHEN_DENSE = 3


def day(iso):
    """'2026-11-20' or '2026-11-20T09:30' as printed in Vietnam: 20/11/2026 (09:30)."""
    moment = datetime.fromisoformat(iso)
    return moment.strftime("%d/%m/%Y %H:%M" if "T" in iso else "%d/%m/%Y")


def key_message(db, topic, language, values):
    """The first talking point of the topic's script in the household's language; none when the
    script has no text in it (a household keeps a page wholly in its language)."""
    script_id = scripts.matching(db, topic)
    if script_id is None:
        return ""
    text, written_in = scripts.text(db, script_id, language)
    if written_in != language:
        return ""
    paragraphs = [p.strip() for p in text["key_messages"].split("\n") if p.strip()]
    # Sample scripts open with a note to the province office, not meant for households.
    points = [p for p in paragraphs if p[:1].isdigit()] or paragraphs
    message = points[0] if points else ""
    return policy_figures.fill(message.lstrip("0123456789. "), values)


def next_step(outcome, visit):
    """What happens next for a person after an outcome (with their card's expiry), in the
    current language."""
    if outcome["outcome"] == "voluntary_bhxh":
        return _("Pay the contribution for the period you chose; the officer can help you.")
    if outcome["outcome"] == "household_bhyt":
        if outcome["bhyt_expiry"]:
            return _("Your BHYT card is valid until %(date)s.", date=day(outcome["bhyt_expiry"]))
        return _("Your BHYT card will be delivered by the officer.")
    if outcome["outcome"] == "vssid_installed":
        return _("Log in to VssID to see your cards and contributions.")
    if outcome["outcome"] == "interested" and visit["follow_up_on"]:
        return _("The officer will come back on %(date)s.", date=day(visit["follow_up_on"]))
    if outcome["outcome"] == "interested":
        return _("The officer will come back to help you register.")
    return _("You can ask the officer again at any time.")


def _people_outcomes(db, visit, labels):
    """Per person met: the outcomes' labels and the next steps they lead to."""
    people = {}
    for row in visits.visit_outcomes(db, visit["id"]):
        entry = people.setdefault(row["person_id"], {"name": row["full_name"], "outcomes": [],
                                                     "steps": []})
        label = str(OUTCOME_LABELS[row["outcome"]])
        if row["decline_reason"]:
            label += ": " + labels["decline_reason"].get(row["decline_reason"],
                                                         row["decline_reason"])
        entry["outcomes"].append(label)
        step = next_step(row, visit)
        if step not in entry["steps"]:
            entry["steps"].append(step)
    return list(people.values())


def visit_summary(db, visit_id, office_id, language, estimate=None):
    """Everything a visit's summary shows, labels in the current language; None if not found.

    `estimate`: (monthly income or None, period, group or None) of what it would cost the
    family (visits/costs.py); the defaults when None."""
    visit = visits.visit(db, visit_id, office_id)
    if visit is None:
        return None
    household = households.household(db, visit["household_id"], office_id)
    labels = {name: lists.labels(db, name) for name in ("topic", "decline_reason", "language")}
    names = {r["id"]: r["full_name"] for r in db.query(
        "select id, full_name from people where household_id = ?", [visit["household_id"]])}
    values = policy_figures.placeholders(
        policy_figures.figures(db, date.fromisoformat(visit["visited_at"][:10])))
    people = _people_outcomes(db, visit, labels)
    dense = len(visit["topics"]) + len(people) >= DENSE_FROM
    return {
        "visit": visit, "code": short_code("V", visit["id"]),
        "office": offices.office(db, office_id),
        "village_name": household["village_name"], "commune_name": household["commune_name"],
        "met": [names[pid] for pid in visit["present"] if pid in names],
        "topics": [{"label": labels["topic"].get(t, t),
                    "message": key_message(db, t, language, values)
                    if not dense or n < MESSAGES_WHEN_DENSE else ""}
                   for n, t in enumerate(visit["topics"])],
        "people": people, "dense": dense,
        "visited": day(visit["visited_at"]),
        "follow_up_on": day(visit["follow_up_on"]) if visit["follow_up_on"] else None,
        "cost": _cost(db, visit, household, estimate),
    }


def _cost(db, visit, household, estimate):
    """The estimate of what it would cost the family, its day as the printed page writes it."""
    cost = costs.estimate(db, visit, household, *(estimate or (None, "monthly", None)))
    return {**cost, "day": day(cost["day"].isoformat())}


def session_summary(db, session_id, office_id):
    """A session's details, attendance and roster for its summary sheet; None if not found."""
    session = group_sessions.session(db, session_id, office_id)
    if session is None:
        return None
    roster = group_sessions.attendees(db, session_id)
    staff = {u["id"]: u["full_name"] for u in accounts.users(db, office_id)}
    return {
        "session": session, "code": short_code("S", session["id"]), "roster": roster,
        "held": day(session["held_at"]),
        "office": offices.office(db, office_id),
        "facilitators": [staff.get(f, "—") for f in session["facilitators"]],
        "blank_rows": max(session["attendees_total"] - len(roster), 0),
        "labels": {name: lists.labels(db, name) for name in (
            "session_format", "target_group", "topic", "language", "material", "ethnicity")},
    }


def batch_visits(db, office_id, *, officer_id=None, start=None, end=None, village_id=None):
    """Ids and households' languages of the office's visits matching the choice, in order."""
    conditions, params = ["v.deleted_at is null"], {"office": office_id}
    if officer_id:
        conditions.append("v.officer_id = :officer")
        params["officer"] = officer_id
    if start:
        conditions.append("v.visited_at >= :start")
        params["start"] = start.isoformat()
    if end:
        # visited_at is 'YYYY-MM-DDTHH:MM': the whole end day counts.
        conditions.append("v.visited_at < :end")
        params["end"] = date.fromordinal(end.toordinal() + 1).isoformat()
    if village_id:
        conditions.append("h.village_id = :village")
        params["village"] = village_id
    return list(db.query(f"""
        select v.id, h.language from visits v
          join households h on h.id = v.household_id
          join villages vi on vi.id = h.village_id
          {places.in_office("vi.commune_code", ":office")}
         where {" and ".join(conditions)}
         order by v.visited_at, v.id
         limit {BATCH_LIMIT + 1}""", params))
