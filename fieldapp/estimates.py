"""What voluntary BHXH and household BHYT would cost a family, from the policy figures.

Pure: each function takes the figures in force ({key: value}, as `policy_figures.figures`
gives them for a day) and what the person chose, and returns amounts in whole đồng. No Flask,
no database, no figure written here: every rate, line and share is a row of `policy_figures`
with its effective date and legal source. A function returns None when a figure it needs is
not in force on that day (no guess). Each rule is written once, here; `policy_figures.amounts`
(the figures scripts quote) reads them through these functions.

The rules (`docs/architecture.md`, "What it would cost"):

- Voluntary BHXH: `voluntary_bhxh_rate` (22 %) of a monthly income the person chooses, between
  the floor, `rural_poverty_line`, and the ceiling, `voluntary_bhxh_ceiling_multiple` (20) ×
  the reference level (`reference_level`, which is the base salary, `base_salary`, until a
  reference level of its own is in force). An income outside is taken at the bound, and the
  estimate says so. The state pays `voluntary_bhxh_support_<group>` of the contribution at the
  floor, whatever income is chosen. Paid monthly, quarterly or yearly: that many months at once.
- Household BHYT: `household_bhyt_rate` (4.5 %) of the base salary a month for the first member
  who needs a card; the second, third and fourth pay `household_bhyt_second`, `_third`,
  `_fourth` of the first's amount, and every one from the fifth `household_bhyt_fifth`.
- Who needs a card: a child under 6 is covered by the state; anyone holding a card valid on the
  day (state-paid, a pupil's, an employer's, a household card) has one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# Months paid at once for each way of paying.
PERIODS = {"monthly": 1, "quarterly": 3, "yearly": 12}
# The groups the state supports, most supported first.
GROUPS = ("poor", "near_poor", "ethnic_minority", "other")
# The figure holding each rank's share of the first member's BHYT amount; the last one serves
# every member from there on.
BHYT_RANKS = ("household_bhyt_second", "household_bhyt_third", "household_bhyt_fourth",
              "household_bhyt_fifth")
# A child is covered by the state until this age.
CHILD_COVERED_UNTIL = 6
# List codes (configurable lists, seeded by migration 0003) the defaults read.
STATE_POOR_CARD = "state_poor"
MAJORITY_ETHNICITY = "kinh"


def _d(value):
    return Decimal(str(value))


def whole(amount):
    """Whole đồng, halves rounded up."""
    return int(_d(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def support_key(group):
    return f"voluntary_bhxh_support_{group}"


def reference_level(f):
    """The level the ceiling multiplies: the reference level once one is in force, the base
    salary until then (Law 41/2024/QH15: the reference level equals the base salary until
    the base salary is abolished). Returns (value, the figure's key) or None."""
    for key in ("reference_level", "base_salary"):
        if key in f:
            return f[key], key
    return None


def income_bounds(f):
    """(floor, ceiling, keys used) of the monthly income one may choose, or None."""
    reference = reference_level(f)
    if reference is None or not {"rural_poverty_line",
                                 "voluntary_bhxh_ceiling_multiple"} <= f.keys():
        return None
    level, level_key = reference
    return (whole(f["rural_poverty_line"]),
            whole(_d(f["voluntary_bhxh_ceiling_multiple"]) * _d(level)),
            ("rural_poverty_line", "voluntary_bhxh_ceiling_multiple", level_key))


def monthly_contribution(f, income):
    """The rate of an income, exact (a Decimal), or None."""
    if "voluntary_bhxh_rate" not in f:
        return None
    return _d(f["voluntary_bhxh_rate"]) * _d(income)


def monthly_support(f, group):
    """What the state pays a month for a participant of the group: its share of the
    contribution at the floor, exact (a Decimal), or None."""
    at_floor = monthly_contribution(f, f["rural_poverty_line"]) \
        if "rural_poverty_line" in f else None
    if at_floor is None or support_key(group) not in f:
        return None
    return _d(f[support_key(group)]) * at_floor


@dataclass(frozen=True)
class VoluntaryBhxh:
    asked: int           # the monthly income asked for (None: the floor, by default)
    income: int          # the income the estimate uses, within the bounds
    floor: int
    ceiling: int
    adjusted: str        # "", "floor" or "ceiling": the income asked for was outside them
    group: str
    period: str
    months: int
    contribution: int    # a month, before the state's support
    support: int         # a month, paid by the state
    pays: int            # a month, paid by the person
    uses: tuple          # the keys of the figures it was worked out from

    @property
    def contribution_per_period(self):
        return self.contribution * self.months

    @property
    def support_per_period(self):
        return self.support * self.months

    @property
    def pays_per_period(self):
        return self.pays * self.months


def voluntary_bhxh(f, income=None, period="monthly", group="other"):
    """Voluntary BHXH at a chosen monthly income (the floor when None), paid by `period`,
    with the state's support for `group`; None without the figures it needs."""
    if period not in PERIODS or group not in GROUPS:
        raise ValueError(f"no such period or group: {period!r}, {group!r}")
    bounds = income_bounds(f)
    support = monthly_support(f, group)
    if bounds is None or support is None:
        return None
    floor, ceiling, bound_keys = bounds
    used = floor if income is None else min(max(income, floor), ceiling)
    adjusted = "" if income is None or used == income else (
        "floor" if income < floor else "ceiling")
    contribution = whole(monthly_contribution(f, used))
    helped = whole(support)
    return VoluntaryBhxh(
        asked=income, income=used, floor=floor, ceiling=ceiling, adjusted=adjusted,
        group=group, period=period, months=PERIODS[period], contribution=contribution,
        support=helped, pays=contribution - helped,
        uses=("voluntary_bhxh_rate", support_key(group), *bound_keys))


@dataclass(frozen=True)
class BhytMember:
    rank: int            # 1 for the first member who needs a card
    share: float         # of the first member's amount
    monthly: int
    yearly: int


@dataclass(frozen=True)
class HouseholdBhyt:
    first_monthly: int
    members: tuple       # BhytMember, by rank
    uses: tuple

    @property
    def monthly(self):
        return sum(m.monthly for m in self.members)

    @property
    def yearly(self):
        return sum(m.yearly for m in self.members)


def rank_share_key(rank):
    """The figure holding a rank's share of the first member's amount (None for the first)."""
    if rank < 2:
        return None
    return BHYT_RANKS[min(rank - 2, len(BHYT_RANKS) - 1)]


def member_monthly(f, rank):
    """What the member of a rank (1 for the first) pays a month, exact (a Decimal), or None."""
    key = rank_share_key(rank)
    if not {"base_salary", "household_bhyt_rate"} <= f.keys() or (key and key not in f):
        return None
    share = _d(f[key]) if key else Decimal(1)
    return _d(f["base_salary"]) * _d(f["household_bhyt_rate"]) * share


def household_bhyt(f, members):
    """Household BHYT for `members` people who need a card; None without the figures it needs
    (the base salary, the rate and the share of every rank counted)."""
    if members < 0:
        raise ValueError("a household has no negative members")
    amounts = [member_monthly(f, rank) for rank in range(1, max(members, 1) + 1)]
    if None in amounts:
        return None
    rows = tuple(BhytMember(rank=rank, share=float(_d(f[rank_share_key(rank)]))
                            if rank > 1 else 1.0,
                            monthly=whole(monthly), yearly=whole(monthly * 12))
                 for rank, monthly in enumerate(amounts[:members], start=1))
    keys = {"base_salary", "household_bhyt_rate",
            *(rank_share_key(rank) for rank in range(2, members + 1))}
    return HouseholdBhyt(first_monthly=whole(amounts[0]), members=rows,
                         uses=tuple(k for k in ("base_salary", "household_bhyt_rate",
                                                *BHYT_RANKS) if k in keys))


def under_six(person, on):
    """Whether a person (birth_date, else birth_year) is a child under 6 on the day. With the
    year alone, a child who turns 6 during that year counts as 6: the estimate shows their
    card rather than leave it out."""
    if person.get("birth_date"):
        born = date.fromisoformat(person["birth_date"])
        try:
            sixth = born.replace(year=born.year + CHILD_COVERED_UNTIL)
        except ValueError:  # born on 29 February
            sixth = date(born.year + CHILD_COVERED_UNTIL, 3, 1)
        return on < sixth
    return on.year - person["birth_year"] < CHILD_COVERED_UNTIL


def holds_card(person, on):
    """Whether a person holds a BHYT card valid on the day (one with no expiry recorded
    counts as valid, as the worklists count it)."""
    expiry = person.get("bhyt_expiry")
    return bool(person.get("bhyt_card_type")) and (not expiry or expiry >= on.isoformat())


def needs_card(person, on):
    """Whether a person needs a household BHYT card on the day."""
    return not under_six(person, on) and not holds_card(person, on)


def default_group(household, members):
    """The support group a household's record points to: a state-paid card of a poor or
    near-poor household gives near-poor (the lesser support of the two: the officer picks
    poor where it is so), an ethnicity other than Kinh gives ethnic minority, else other."""
    if any(m.get("bhyt_card_type") == STATE_POOR_CARD for m in members):
        return "near_poor"
    ethnicities = {household.get("ethnicity")} if household.get("ethnicity") else \
        {m.get("ethnicity") for m in members if m.get("ethnicity")}
    if ethnicities - {MAJORITY_ETHNICITY}:
        return "ethnic_minority"
    return "other"


def script_amounts(f):
    """The amounts scripts quote ({name: whole đồng}), for the figures that are in force."""
    out = {}
    if "rural_poverty_line" in f:
        at_floor = monthly_contribution(f, f["rural_poverty_line"])
        if at_floor is not None:
            out["voluntary_bhxh_min_monthly"] = whole(at_floor)
            support = monthly_support(f, "poor")
            if support is not None:
                out["voluntary_bhxh_min_monthly_poor"] = whole(at_floor) - whole(support)
    first = member_monthly(f, 1)
    if first is not None:
        out["household_bhyt_first_monthly"] = whole(first)
        out["household_bhyt_first_yearly"] = whole(first * 12)
        for rank, key in enumerate(BHYT_RANKS, start=2):
            monthly = member_monthly(f, rank)
            if monthly is not None:
                out[f"{key}_yearly"] = whole(monthly * 12)
    return out
