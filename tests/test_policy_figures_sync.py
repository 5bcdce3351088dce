"""Policy figures are the central server's: what its administrators set (a new value, a figure
confirmed) reaches every laptop at its next sync, with its source and status."""

from datetime import date

from fieldapp import estimates, policy_figures, store

# Run on a central server on SQLite and on PostgreSQL (tests/conftest.py).
CENTRAL_STORES = ("sqlite", "postgresql")


def test_a_figure_confirmed_and_one_added_centrally_reach_a_laptop(central, laptops):
    laptop = laptops("may-1")
    salary = policy_figures.in_force(central.db, date(2026, 7, 1))["base_salary"]
    assert not salary["confirmed"]
    store.update(central.db, "policy_figures", salary["id"], {
        "confirmed": 1, "source": "Nghị định 161/2026/NĐ-CP", "note": ""}, user_id=None)
    store.insert(central.db, "policy_figures", {
        "key": "household_bhyt_rate", "value": 0.05, "unit": "share of base salary",
        "effective_from": "2027-01-01", "source": "Luật BHYT (thử)", "note": "thử",
        "confirmed": 0}, user_id=None)
    laptop.sync()
    held = policy_figures.in_force(laptop.db, date(2026, 7, 1))["base_salary"]
    assert (held["value"], held["confirmed"], held["source"], held["note"]) == (
        2_530_000, 1, "Nghị định 161/2026/NĐ-CP", "")
    later = policy_figures.in_force(laptop.db, date(2027, 1, 1))["household_bhyt_rate"]
    assert (later["value"], later["confirmed"], later["note"]) == (0.05, 0, "thử")
    # The laptop's estimates follow: 5 % of 2,530,000 from 2027.
    assert estimates.household_bhyt(policy_figures.figures(laptop.db, date(2027, 1, 1)), 1) \
        .first_monthly == 126_500
