"""Step 0017, released: each policy figure says whether it is confirmed from an official text,
with a note on what is known of it; the figures found so far, with their sources.

Frozen: never edit this file (a test compares its SHA-256); change the schema in a new step.
"""

import uuid

NAME = "0017_policy_sources"

_STAMP = "2026-12-04T00:00:00.000+00:00"


def _seeded_id(kind, key):
    """The same id on every laptop for a row seeded by a migration."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp:{kind}:{key}"))


_BHYT_NOTE = "Thay đổi theo Luật BHYT sửa đổi năm 2024 chưa được đối chiếu."
_UNCHECKED = "Chưa đối chiếu với văn bản chính thức."

# The rows step 0005 seeded (key, effective from): confirmed or not, and a note.
_SEEDED_V5 = {
    ("base_salary", "2024-07-01"): (1, ""),
    ("rural_poverty_line", "2022-01-01"): (1, "Chuẩn nghèo khu vực nông thôn giai đoạn "
                                              "2022–2025."),
    ("voluntary_bhxh_rate", "2018-01-01"): (1, ""),
    ("voluntary_bhxh_support_poor", "2018-01-01"): (1, ""),
    ("voluntary_bhxh_support_near_poor", "2018-01-01"): (1, ""),
    ("voluntary_bhxh_support_other", "2018-01-01"): (1, ""),
    ("household_bhyt_rate", "2018-12-01"): (1, _BHYT_NOTE),
    ("household_bhyt_second", "2018-12-01"): (1, _BHYT_NOTE),
    ("household_bhyt_third", "2018-12-01"): (1, _BHYT_NOTE),
    ("household_bhyt_fourth", "2018-12-01"): (1, _BHYT_NOTE),
    ("household_bhyt_fifth", "2018-12-01"): (1, _BHYT_NOTE),
}

_SUPPORT_2025 = "Nghị định 159/2025/NĐ-CP"
_SUPPORT_2025_NOTE = "Chưa xác nhận: một bản sao của nghị định ghi 50 / 30 / 25 / 10 %."

# The figures found so far (../shared/domain.md, "Policy figures"): key, value, unit, effective
# from, legal source, confirmed, note.
_POLICY_FIGURES_V17 = [
    ("base_salary", 2_530_000, "VND/month", "2026-07-01",
     "Chưa xác định: tin báo chí về mức lương cơ sở từ 01/07/2026", 0, _UNCHECKED),
    ("rural_poverty_line", 1_500_000, "VND/month", "2026-01-01",
     "Chuẩn nghèo giai đoạn 2026–2030: văn bản chưa xác định", 0,
     "Chưa xác nhận: đã thấy cả 1.500.000 và 1.800.000 đồng/tháng."),
    ("voluntary_bhxh_rate", 0.22, "share of income", "2025-07-01", "Luật BHXH 41/2024/QH15", 0,
     "Nhiều nguồn thứ cấp thống nhất; chưa đối chiếu với văn bản chính thức."),
    ("voluntary_bhxh_ceiling_multiple", 20, "times the reference level", "2018-01-01",
     "Luật BHXH 2014, Điều 87", 1, "Cao nhất bằng 20 lần mức lương cơ sở."),
    ("voluntary_bhxh_ceiling_multiple", 20, "times the reference level", "2025-07-01",
     "Luật BHXH 41/2024/QH15", 0,
     "Nguồn thứ cấp: 20 lần mức tham chiếu (bằng mức lương cơ sở cho đến khi bỏ lương cơ sở)."),
    ("voluntary_bhxh_support_ethnic_minority", 0.10, "share of contribution", "2018-01-01",
     "Nghị định 134/2015/NĐ-CP, Điều 14", 1,
     "Nghị định này không có mức riêng cho người dân tộc thiểu số: họ được hỗ trợ như đối "
     "tượng khác."),
    ("voluntary_bhxh_support_poor", 0.50, "share of contribution", "2025-07-01",
     _SUPPORT_2025, 0, _SUPPORT_2025_NOTE),
    ("voluntary_bhxh_support_near_poor", 0.40, "share of contribution", "2025-07-01",
     _SUPPORT_2025, 0, _SUPPORT_2025_NOTE),
    ("voluntary_bhxh_support_ethnic_minority", 0.30, "share of contribution", "2025-07-01",
     _SUPPORT_2025, 0, _SUPPORT_2025_NOTE),
    ("voluntary_bhxh_support_other", 0.20, "share of contribution", "2025-07-01",
     _SUPPORT_2025, 0, _SUPPORT_2025_NOTE),
    ("social_pension", 500_000, "VND/month", "2025-07-01", "Nghị định 176/2025/NĐ-CP", 0,
     "Nguồn thứ cấp: từ 75 tuổi (70–74 tuổi ở hộ nghèo, cận nghèo), kèm thẻ BHYT miễn phí."),
]


def migrate(db):
    db.execute("ALTER TABLE policy_figures ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    # 1 once the figure was checked against the official text; 0 until then, and shown so.
    db.execute("ALTER TABLE policy_figures ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0")
    for (key, since), (confirmed, note) in _SEEDED_V5.items():
        db.execute("UPDATE policy_figures SET confirmed = ?, note = ? WHERE id = ?",
                   [confirmed, note, _seeded_id("policy", f"{key}:{since}")])
    for key, value, unit, since, source, confirmed, note in _POLICY_FIGURES_V17:
        # A figure the central server already holds for that day is left as it is.
        if db.execute("SELECT 1 FROM policy_figures WHERE key = ? AND effective_from = ?"
                      " AND deleted_at IS NULL", [key, since]).fetchone():
            continue
        db["policy_figures"].insert({
            "id": _seeded_id("policy", f"{key}:{since}"), "created_at": _STAMP,
            "updated_at": _STAMP, "key": key, "value": value, "unit": unit,
            "effective_from": since, "source": source, "note": note, "confirmed": confirmed},
            ignore=True)
