"""Step 0005, released: the sample scripts and the policy figures they quote.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

import uuid

NAME = "0005_sample_scripts_and_policy_figures"


def _seeded_id(kind, key):
    """The same id on every laptop for a row seeded by a migration."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp:{kind}:{key}"))


# Policy figures as of the sample scripts: each with its legal source; offices add newer rows.
_POLICY_FIGURES_V1 = [
    ("base_salary", 2_340_000, "VND/month", "2024-07-01", "Nghị định 73/2024/NĐ-CP"),
    ("rural_poverty_line", 1_500_000, "VND/month", "2022-01-01", "Nghị định 07/2021/NĐ-CP"),
    ("voluntary_bhxh_rate", 0.22, "share of income", "2018-01-01", "Luật BHXH 2014, Điều 87"),
    ("voluntary_bhxh_support_poor", 0.30, "share of contribution", "2018-01-01",
     "Nghị định 134/2015/NĐ-CP, Điều 14"),
    ("voluntary_bhxh_support_near_poor", 0.25, "share of contribution", "2018-01-01",
     "Nghị định 134/2015/NĐ-CP, Điều 14"),
    ("voluntary_bhxh_support_other", 0.10, "share of contribution", "2018-01-01",
     "Nghị định 134/2015/NĐ-CP, Điều 14"),
    ("household_bhyt_rate", 0.045, "share of base salary", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_second", 0.70, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_third", 0.60, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_fourth", 0.50, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
    ("household_bhyt_fifth", 0.40, "share of the first member's", "2018-12-01",
     "Nghị định 146/2018/NĐ-CP, Điều 7"),
]


def migrate(db):
    import json
    from pathlib import Path

    stamp = "2026-11-23T00:00:00.000+00:00"
    synced = {"created_at": stamp, "updated_at": stamp}
    db["policy_figures"].insert_all(
        {"id": _seeded_id("policy", f"{key}:{since}"), **synced, "key": key, "value": value,
         "unit": unit, "effective_from": since, "source": source}
        for key, value, unit, since, source in _POLICY_FIGURES_V1)
    samples = json.loads((Path(__file__).parent.parent / "seed" / "0005_sample_scripts.json")
                         .read_text(encoding="utf-8"))
    for sample in samples:
        script_id = _seeded_id("script", sample["key"])
        db["scripts"].insert({"id": script_id, **synced, "target_group": sample["target_group"],
                              "topic": sample["topic"], "sample": 1})
        db["script_texts"].insert({
            "id": _seeded_id("script_text", f"{sample['key']}:vi:1"), **synced,
            "script_id": script_id, "language": "vi", "revision": 1, "title": sample["title"],
            "key_messages": sample["key_messages"],
            "questions": json.dumps(sample["questions"], ensure_ascii=False), "reviewed": 0})
