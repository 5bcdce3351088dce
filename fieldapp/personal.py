"""Personal numbers: CCCD, mã số BHXH and phone numbers; checked, normalised and masked."""

import re

_NOT_DIGITS = re.compile(r"[\s.\-()]")

# CCCD digit 4 encodes the century of birth and the sex: 0/1 = 1900s male/female, 2/3 = 2000s.
_CCCD_CENTURY = {0: (1900, "male"), 1: (1900, "female"), 2: (2000, "male"), 3: (2000, "female")}


def digits(text):
    return _NOT_DIGITS.sub("", text or "")


def cccd_problem(cccd, birth_year=None, gender=None):
    """Why a CCCD cannot be right (a key for the form's message), or None."""
    if not re.fullmatch(r"\d{12}", cccd):
        return "format"
    if not 1 <= int(cccd[:3]) <= 96:
        return "province"
    century = _CCCD_CENTURY.get(int(cccd[3]))
    if century and birth_year:
        if century[0] + int(cccd[4:6]) != int(birth_year):
            return "birth_year"
        if gender in ("male", "female") and century[1] != gender:
            return "gender"
    return None


def bhxh_number_ok(number):
    return re.fullmatch(r"\d{10}", number) is not None


def normalise_phone(text):
    """A Vietnamese mobile or landline number as 0xxxxxxxxx, or None when it is not one."""
    number = digits(text)
    if number.startswith("+84"):
        number = "0" + number[3:]
    elif number.startswith("84") and len(number) in (11, 12):
        number = "0" + number[2:]
    # Mobile: 10 digits starting 03, 05, 07, 08 or 09; landline: 11 digits starting 02.
    if re.fullmatch(r"0[35789]\d{8}", number) or re.fullmatch(r"02\d{9}", number):
        return number
    return None


def mask(number):
    """Show only the last four digits, for lists and printouts."""
    if not number:
        return ""
    return "•" * (len(number) - 4) + number[-4:]
