"""What it would cost a family (fieldapp/estimates.py): each rule at each boundary, from figures
given here, and the figures migration 0017 seeds, by the day they apply from."""

from datetime import date

import pytest

from fieldapp import estimates, policy_figures

# Figures as they stood on 1 July 2025, by the secondary sources domain.md quotes.
FIGURES = {
    "base_salary": 2_340_000.0, "rural_poverty_line": 1_500_000.0, "voluntary_bhxh_rate": 0.22,
    "voluntary_bhxh_ceiling_multiple": 20.0,
    "voluntary_bhxh_support_poor": 0.50, "voluntary_bhxh_support_near_poor": 0.40,
    "voluntary_bhxh_support_ethnic_minority": 0.30, "voluntary_bhxh_support_other": 0.20,
    "household_bhyt_rate": 0.045, "household_bhyt_second": 0.70, "household_bhyt_third": 0.60,
    "household_bhyt_fourth": 0.50, "household_bhyt_fifth": 0.40,
}
FLOOR, CEILING = 1_500_000, 46_800_000  # 20 × 2,340,000


# Voluntary BHXH: the income's bounds.

def test_the_floor_is_the_rural_poverty_line_and_the_ceiling_20_reference_levels():
    assert estimates.income_bounds(FIGURES)[:2] == (FLOOR, CEILING)
    # A reference level of its own, once in force, replaces the base salary.
    assert estimates.income_bounds({**FIGURES, "reference_level": 2_500_000})[:2] == \
        (FLOOR, 50_000_000)


def test_at_the_floor():
    e = estimates.voluntary_bhxh(FIGURES, FLOOR)
    assert (e.income, e.adjusted, e.contribution) == (FLOOR, "", 330_000)


def test_no_income_chosen_is_the_floor_without_a_message():
    e = estimates.voluntary_bhxh(FIGURES)
    assert (e.asked, e.income, e.adjusted, e.contribution) == (None, FLOOR, "", 330_000)


@pytest.mark.parametrize("income", [FLOOR - 1, 1_000_000, 1, 0])
def test_below_the_floor_is_taken_at_the_floor_and_says_so(income):
    e = estimates.voluntary_bhxh(FIGURES, income)
    assert (e.asked, e.income, e.adjusted, e.contribution) == (income, FLOOR, "floor", 330_000)


def test_at_the_ceiling():
    e = estimates.voluntary_bhxh(FIGURES, CEILING)
    assert (e.income, e.adjusted, e.contribution) == (CEILING, "", 10_296_000)


@pytest.mark.parametrize("income", [CEILING + 1, 100_000_000, 2 ** 63 - 1])
def test_above_the_ceiling_is_taken_at_the_ceiling_and_says_so(income):
    e = estimates.voluntary_bhxh(FIGURES, income)
    assert (e.income, e.adjusted, e.contribution) == (CEILING, "ceiling", 10_296_000)


def test_just_inside_the_bounds_is_kept():
    assert estimates.voluntary_bhxh(FIGURES, FLOOR + 1).adjusted == ""
    assert estimates.voluntary_bhxh(FIGURES, CEILING - 1).adjusted == ""
    # 22 % of 2,000,001 is 440,000.22: whole đồng.
    assert estimates.voluntary_bhxh(FIGURES, 2_000_001).contribution == 440_000


# Voluntary BHXH: the state's support, a share of the contribution at the floor.

@pytest.mark.parametrize("group, support", [
    ("poor", 165_000), ("near_poor", 132_000), ("ethnic_minority", 99_000), ("other", 66_000)])
def test_support_per_group_at_the_floor(group, support):
    e = estimates.voluntary_bhxh(FIGURES, FLOOR, group=group)
    assert (e.contribution, e.support, e.pays) == (330_000, support, 330_000 - support)


@pytest.mark.parametrize("group, support", [("poor", 165_000), ("other", 66_000)])
def test_support_stays_that_of_the_floor_at_a_higher_income(group, support):
    e = estimates.voluntary_bhxh(FIGURES, 5_000_000, group=group)
    assert (e.contribution, e.support, e.pays) == (1_100_000, support, 1_100_000 - support)


def test_the_copy_of_the_decree_that_says_50_30_25_10_gives_its_own_amounts():
    other_copy = {**FIGURES, "voluntary_bhxh_support_near_poor": 0.30,
                  "voluntary_bhxh_support_ethnic_minority": 0.25,
                  "voluntary_bhxh_support_other": 0.10}
    assert [estimates.voluntary_bhxh(other_copy, group=g).support for g in estimates.GROUPS] \
        == [165_000, 99_000, 82_500, 33_000]


@pytest.mark.parametrize("period, months", [("monthly", 1), ("quarterly", 3), ("yearly", 12)])
def test_paying_by_period_pays_that_many_months_at_once(period, months):
    e = estimates.voluntary_bhxh(FIGURES, 2_000_000, period, "near_poor")
    assert (e.months, e.contribution, e.support, e.pays) == (months, 440_000, 132_000, 308_000)
    assert (e.contribution_per_period, e.support_per_period, e.pays_per_period) == (
        440_000 * months, 132_000 * months, 308_000 * months)


def test_an_unknown_period_or_group_is_a_mistake_of_the_caller():
    with pytest.raises(ValueError):
        estimates.voluntary_bhxh(FIGURES, period="weekly")
    with pytest.raises(ValueError):
        estimates.voluntary_bhxh(FIGURES, group="rich")


@pytest.mark.parametrize("missing", ["rural_poverty_line", "voluntary_bhxh_rate",
                                     "voluntary_bhxh_ceiling_multiple", "base_salary",
                                     "voluntary_bhxh_support_other"])
def test_without_a_figure_it_needs_there_is_no_estimate(missing):
    figures = {k: v for k, v in FIGURES.items() if k != missing}
    assert estimates.voluntary_bhxh(figures) is None


def test_the_figures_an_estimate_used_are_named():
    assert set(estimates.voluntary_bhxh(FIGURES, group="poor").uses) == {
        "voluntary_bhxh_rate", "voluntary_bhxh_support_poor", "rural_poverty_line",
        "voluntary_bhxh_ceiling_multiple", "base_salary"}


# Household BHYT: 4.5 % of the base salary, then 70 %, 60 %, 50 % of that, 40 % from the fifth.

FIRST = 105_300  # 4.5 % of 2,340,000 a month
BY_RANK = [FIRST, 73_710, 63_180, 52_650, 42_120, 42_120]


@pytest.mark.parametrize("members", [1, 2, 3, 4, 5, 6])
def test_household_bhyt_for_1_to_6_members(members):
    e = estimates.household_bhyt(FIGURES, members)
    assert [m.rank for m in e.members] == list(range(1, members + 1))
    assert [m.monthly for m in e.members] == BY_RANK[:members]
    assert [m.yearly for m in e.members] == [12 * a for a in BY_RANK[:members]]
    assert [m.share for m in e.members] == [1.0, 0.7, 0.6, 0.5, 0.4, 0.4][:members]
    assert e.monthly == sum(BY_RANK[:members]) and e.yearly == 12 * e.monthly
    assert e.first_monthly == FIRST


def test_household_bhyt_totals_a_year():
    assert [estimates.household_bhyt(FIGURES, n).yearly for n in range(0, 7)] == [
        0, 1_263_600, 2_148_120, 2_906_280, 3_538_080, 4_043_520, 4_548_960]


def test_nobody_needing_a_card_costs_nothing():
    e = estimates.household_bhyt(FIGURES, 0)
    assert (e.members, e.monthly, e.yearly) == ((), 0, 0)


def test_household_bhyt_rounds_each_member_to_whole_dong():
    e = estimates.household_bhyt({**FIGURES, "base_salary": 2_530_000}, 6)
    assert [m.monthly for m in e.members] == [113_850, 79_695, 68_310, 56_925, 45_540, 45_540]
    odd = estimates.household_bhyt({**FIGURES, "base_salary": 2_340_001}, 2)
    # 4.5 % of 2,340,001 is 105,300.045; 70 % of it 73,710.0315.
    assert [(m.monthly, m.yearly) for m in odd.members] == [(105_300, 1_263_601),
                                                            (73_710, 884_520)]


def test_household_bhyt_needs_the_share_of_every_rank_it_counts():
    without_fifth = {k: v for k, v in FIGURES.items() if k != "household_bhyt_fifth"}
    assert estimates.household_bhyt(without_fifth, 4) is not None
    assert estimates.household_bhyt(without_fifth, 5) is None
    assert estimates.household_bhyt({k: v for k, v in FIGURES.items() if k != "base_salary"},
                                    1) is None
    assert set(estimates.household_bhyt(FIGURES, 2).uses) == {
        "base_salary", "household_bhyt_rate", "household_bhyt_second"}


# Who needs a card.

DAY = date(2026, 3, 15)


def member(**values):
    return {"birth_year": 1980, "birth_date": None, "bhyt_card_type": None, "bhyt_expiry": None,
            **values}


@pytest.mark.parametrize("card", ["state_poor", "state_ethnic", "pupil", "employer", "other"])
def test_a_valid_card_of_any_kind_means_no_card_is_needed(card):
    assert not estimates.needs_card(member(bhyt_card_type=card, bhyt_expiry="2026-12-31"), DAY)
    assert not estimates.needs_card(member(bhyt_card_type=card), DAY)  # no expiry recorded


def test_a_household_card_counts_until_its_last_day():
    assert not estimates.needs_card(member(bhyt_card_type="household",
                                           bhyt_expiry=DAY.isoformat()), DAY)
    assert estimates.needs_card(member(bhyt_card_type="household", bhyt_expiry="2026-03-14"),
                                DAY)


def test_without_a_card_one_is_needed():
    assert estimates.needs_card(member(), DAY)
    assert estimates.needs_card(member(bhyt_expiry="2027-01-01"), DAY)  # an expiry, no card


def test_a_child_under_6_is_covered_to_the_day_before_their_sixth_birthday():
    assert not estimates.needs_card(member(birth_year=2020, birth_date="2020-03-16"), DAY)
    assert estimates.needs_card(member(birth_year=2020, birth_date="2020-03-15"), DAY)
    # Born on 29 February: six on 1 March of a year that has none.
    assert not estimates.needs_card(member(birth_date="2020-02-29"), date(2026, 2, 28))
    assert estimates.needs_card(member(birth_date="2020-02-29"), date(2026, 3, 1))


def test_with_the_birth_year_alone_a_child_turning_6_that_year_needs_a_card():
    assert not estimates.needs_card(member(birth_year=2021), DAY)
    assert estimates.needs_card(member(birth_year=2020), DAY)


# The group the household's record points to.

@pytest.mark.parametrize("household, members, group", [
    ({"ethnicity": "mong"}, [member(bhyt_card_type="state_poor")], "near_poor"),
    ({"ethnicity": "mong"}, [member()], "ethnic_minority"),
    ({"ethnicity": None}, [member(ethnicity="kinh"), member(ethnicity="thai")],
     "ethnic_minority"),
    ({"ethnicity": "kinh"}, [member(ethnicity="thai")], "other"),
    ({"ethnicity": None}, [member()], "other"),
])
def test_the_default_group_from_the_household(household, members, group):
    assert estimates.default_group(household, members) == group


# Scripts' amounts come from the same rules.

def test_scripts_amounts_are_the_estimates():
    amounts = estimates.script_amounts(FIGURES)
    assert amounts["voluntary_bhxh_min_monthly"] == estimates.voluntary_bhxh(FIGURES).contribution
    assert amounts["voluntary_bhxh_min_monthly_poor"] == \
        estimates.voluntary_bhxh(FIGURES, group="poor").pays == 165_000
    bhyt = estimates.household_bhyt(FIGURES, 5)
    assert amounts["household_bhyt_first_monthly"] == bhyt.members[0].monthly
    assert [amounts[f"{key}_yearly"] for key in estimates.BHYT_RANKS] == \
        [m.yearly for m in bhyt.members[1:]]
    assert policy_figures.amounts(FIGURES) == amounts


# The seeded figures, by the day they apply from (migration 0017).

def in_force(db, on):
    return policy_figures.figures(db, on)


def test_support_changes_on_1_july_2025(db):
    before, after = in_force(db, date(2025, 6, 30)), in_force(db, date(2025, 7, 1))
    assert [estimates.voluntary_bhxh(before, group=g).support for g in estimates.GROUPS] == \
        [99_000, 82_500, 33_000, 33_000]  # Decree 134/2015: 30, 25, 10 and 10 %
    assert [estimates.voluntary_bhxh(after, group=g).support for g in estimates.GROUPS] == \
        [165_000, 132_000, 99_000, 66_000]


def test_the_base_salary_changes_on_1_july_2026(db):
    before, after = in_force(db, date(2026, 6, 30)), in_force(db, date(2026, 7, 1))
    assert (before["base_salary"], after["base_salary"]) == (2_340_000, 2_530_000)
    assert estimates.household_bhyt(before, 1).yearly == 1_263_600
    assert estimates.household_bhyt(after, 1).yearly == 1_366_200
    assert estimates.income_bounds(before)[1] == 46_800_000
    assert estimates.income_bounds(after)[1] == 50_600_000


def test_each_seeded_figure_has_a_source_and_says_whether_it_is_confirmed(db):
    rows = {(r["key"], r["effective_from"]): r for r in policy_figures.figure_rows(db)}
    assert all(r["source"] for r in rows.values())
    unconfirmed = {k for k, r in rows.items() if not r["confirmed"]}
    assert {("base_salary", "2026-07-01"), ("rural_poverty_line", "2026-01-01"),
            ("voluntary_bhxh_support_poor", "2025-07-01"),
            ("voluntary_bhxh_support_near_poor", "2025-07-01"),
            ("voluntary_bhxh_support_ethnic_minority", "2025-07-01"),
            ("voluntary_bhxh_support_other", "2025-07-01")} <= unconfirmed
    assert ("base_salary", "2024-07-01") not in unconfirmed
    assert ("household_bhyt_rate", "2018-12-01") not in unconfirmed
    assert "50 / 30 / 25 / 10" in rows[("voluntary_bhxh_support_poor", "2025-07-01")]["note"]
    assert rows[("voluntary_bhxh_support_poor", "2025-07-01")]["source"] == \
        "Nghị định 159/2025/NĐ-CP"
    assert set(k for k, _ in rows) <= set(policy_figures.FIGURES)


def test_no_figure_before_2018_means_no_estimate(db):
    early = in_force(db, date(2017, 12, 31))
    assert estimates.voluntary_bhxh(early) is None
    assert estimates.household_bhyt(early, 1) is None


def test_every_period_and_group_has_a_label_in_the_form():
    from forms.estimates import GROUP_LABELS, PERIOD_LABELS
    assert tuple(PERIOD_LABELS) == tuple(estimates.PERIODS)
    assert tuple(GROUP_LABELS) == estimates.GROUPS
