"""The shared vocabulary: every code the store accepts has a label, and no label lacks a code."""

import pytest

from fieldapp import accounts, rules, vocabulary

PAIRS = [
    (vocabulary.GENDERS, vocabulary.GENDER_LABELS),
    (vocabulary.BHXH_STATUSES, vocabulary.BHXH_STATUS_LABELS),
    (vocabulary.VSSID_STATES, vocabulary.VSSID_LABELS),
    (vocabulary.OUTCOMES, vocabulary.OUTCOME_LABELS),
    (vocabulary.SESSION_OUTCOMES, vocabulary.SESSION_OUTCOME_LABELS),
    (vocabulary.VILLAGE_KINDS, vocabulary.VILLAGE_KIND_LABELS),
    (vocabulary.ROLES, vocabulary.ROLE_LABELS),
]


@pytest.mark.parametrize("codes, labels", PAIRS)
def test_each_code_has_its_label(codes, labels):
    assert tuple(labels) == codes


def test_session_outcomes_are_visit_outcomes():
    assert set(vocabulary.SESSION_OUTCOMES) < set(vocabulary.OUTCOMES)


def test_the_store_checks_and_the_accounts_use_the_same_codes():
    # One vocabulary: what a form offers is what the store and the merge accept.
    assert rules.problems("people", {"gender": "female", "bhxh_status": "pension",
                                     "vssid": "unknown"}) == []
    assert [name for name, _ in rules.problems("people", {"gender": "unknown"})] == ["gender"]
    assert accounts.ROLES is vocabulary.ROLES


def test_report_figures_include_every_metric():
    assert set(vocabulary.METRIC_LABELS) <= set(vocabulary.FIGURE_LABELS)
