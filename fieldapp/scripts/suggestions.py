"""Which scripts to offer beside a form: for a household, from its members' situations; for a
group session, those of its target group.

A household's situations, in the order they are offered (the first is what most needs saying):
- someone without a valid BHYT card (none, or expired), neither of pupil age nor 75 or over:
  household BHYT;
- someone of working age without BHXH: voluntary BHXH;
- someone of pupil age without a valid card: pupils' BHYT (bought through the school);
- someone 75 or over: pensions and the social pension (with its free BHYT card);
- someone who has not installed VssID: VssID.
Each is offered as the script of the households' target group (queries.HOUSEHOLD_GROUP) for the
topic, in the household's language when it is written in it, with the people it is for.
"""

from datetime import date

from .. import clock, lists
from ..i18n import gettext as _
from . import queries

# Ages, in whole years on the day of the visit, that decide what is offered.
WORKING_AGE = (15, 60)
PUPIL_AGE = (6, 18)
SOCIAL_PENSION_AGE = 75


def age(person, on):
    """Whole years on the day: from the birth date when known, else from the birth year."""
    if person.get("birth_date"):
        try:
            born = date.fromisoformat(person["birth_date"])
        except ValueError:
            born = None
        if born is not None:
            return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return on.year - person["birth_year"]


def _valid_card(person, on):
    if not person.get("bhyt_card_type"):
        return False
    return not person.get("bhyt_expiry") or person["bhyt_expiry"] >= on.isoformat()


def situations(members, on=None):
    """[(topic, people)] for the household's members, in the order they are offered; a topic
    appears only when someone is in its situation."""
    on = on or clock.today()
    found = {topic: [] for topic in ("household_bhyt", "voluntary_bhxh", "pupil_bhyt",
                                     "pensions", "vssid")}
    for person in members:
        years = age(person, on)
        pupil = PUPIL_AGE[0] <= years <= PUPIL_AGE[1]
        old = years >= SOCIAL_PENSION_AGE
        if not _valid_card(person, on):
            found["pupil_bhyt" if pupil else "household_bhyt"].append(person)
        if WORKING_AGE[0] <= years <= WORKING_AGE[1] and person.get("bhxh_status") == "none":
            found["voluntary_bhxh"].append(person)
        if old:
            found["pensions"].append(person)
        if person.get("vssid") == "not_installed":
            found["vssid"].append(person)
    # Someone 75 or over without a card gets one with the social pension: their script says so.
    found["household_bhyt"] = [p for p in found["household_bhyt"]
                               if age(p, on) < SOCIAL_PENSION_AGE]
    return [(topic, people) for topic, people in found.items() if people]


def _reason(topic, names):
    if topic == "household_bhyt":
        return _("No valid BHYT card: %(names)s", names=names)
    if topic == "voluntary_bhxh":
        return _("Aged %(low)d to %(high)d without BHXH: %(names)s", low=WORKING_AGE[0],
                 high=WORKING_AGE[1], names=names)
    if topic == "pupil_bhyt":
        return _("Pupil age (%(low)d to %(high)d) without a valid BHYT card: %(names)s",
                 low=PUPIL_AGE[0], high=PUPIL_AGE[1], names=names)
    if topic == "pensions":
        return _("Aged %(age)d or over: %(names)s", age=SOCIAL_PENSION_AGE, names=names)
    return _("VssID not installed: %(names)s", names=names)


def _titled(db, script_id, language):
    text, shown = queries.text(db, script_id, language)
    return (text["title"], shown) if text else ("", queries.DEFAULT_LANGUAGE)


def for_household(db, members, language, on=None):
    """The scripts to offer on a visit to a household of these members: [{topic, script_id,
    title, shown (the language of the title), reason, people}], most needed first."""
    offered = []
    for topic, people in situations(members, on):
        script_id = queries.matching(db, topic, queries.HOUSEHOLD_GROUP)
        if script_id is None:
            continue
        title, shown = _titled(db, script_id, language)
        offered.append({
            "topic": topic, "script_id": script_id, "title": title, "shown": shown,
            "people": [p["id"] for p in people],
            "reason": _reason(topic, ", ".join(p["full_name"] for p in people))})
    return offered


def for_groups(db, chosen, language):
    """Every target group with its scripts, the session's (`chosen`) first and open: [{code,
    label, open, scripts: [{topic, script_id, title, shown}]}]."""
    groups = []
    for choice in lists.choices(db, "target_group"):
        rows = queries.scripts(db, target_group=choice.value, title_language=language)
        groups.append({
            "code": choice.value, "label": choice.label, "open": choice.value == chosen,
            "scripts": [{"topic": r["topic"], "script_id": r["id"], "title": r["title"],
                         "shown": r["shown"]} for r in rows]})
    return sorted(groups, key=lambda g: not g["open"])
