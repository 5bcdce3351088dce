"""Personal numbers and name folding."""

import pytest

from fieldapp import personal
from fieldapp.text import fold


@pytest.mark.parametrize("name, folded", [
    ("Nguyễn Văn  An", "nguyen van an"),
    ("ĐẶNG Thị Hoa", "dang thi hoa"),
    ("  Giàng   A Páo ", "giang a pao"),
    ("Mí Háng", "mi hang"),
])
def test_fold_ignores_case_diacritics_and_spacing(name, folded):
    assert fold(name) == folded


@pytest.mark.parametrize("cccd, year, gender, problem", [
    ("015080001234", 1980, "male", None),
    ("015180001234", 1980, "female", None),
    ("015208001234", 2008, "male", None),
    ("015308001234", 2008, "female", None),
    ("01508000123", 1980, "male", "format"),
    ("01508000123x", 1980, "male", "format"),
    ("099080001234", 1980, "male", "province"),
    ("015081001234", 1980, "male", "birth_year"),
    ("015280001234", 1980, "male", "birth_year"),
    ("015180001234", 1980, "male", "gender"),
    ("015180001234", 1980, "other", None),
])
def test_cccd_checks_format_province_century_year_and_sex(cccd, year, gender, problem):
    assert personal.cccd_problem(cccd, year, gender) == problem


@pytest.mark.parametrize("typed, stored", [
    ("0912 345 678", "0912345678"),
    ("+84 912 345 678", "0912345678"),
    ("84912345678", "0912345678"),
    ("0216.3878.123", "02163878123"),
    ("091234567", None),
    ("0112345678", None),
    ("hello", None),
])
def test_phone_numbers_are_normalised_or_refused(typed, stored):
    assert personal.normalise_phone(typed) == stored


def test_mask_keeps_only_last_four_digits():
    assert personal.mask("015080001234") == "••••••••1234"
    assert personal.mask("") == ""
    assert personal.bhxh_number_ok("0123456789")
    assert not personal.bhxh_number_ok("012345678")
