"""Choosing what an estimate of a family's costs assumes: the income, how often one pays, and
the group the state supports. Read from the address: it changes nothing."""

import re

from wtforms import SelectField, StringField
from wtforms.validators import Optional

from fieldapp.i18n import gettext, lazy_gettext as _l

from . import Form, options

PERIOD_LABELS = {"monthly": _l("Every month"), "quarterly": _l("Every 3 months"),
                 "yearly": _l("Every 12 months")}
GROUP_LABELS = {
    "poor": _l("Poor household, or living in an especially difficult commune"),
    "near_poor": _l("Near-poor household"),
    "ethnic_minority": _l("Ethnic minority"),
    "other": _l("Other participants"),
}

# "2.000.000", "2,000,000", "2 000 000 đ", "2000000 VND": the digits are the amount.
_GROUPING = re.compile(r"[\s.,\u00a0\u202f]")
_CURRENCY = re.compile(r"(đồng|đ|vnd)$", re.IGNORECASE)
_MOST_DIGITS = 15


class AmountField(StringField):
    """An amount in đồng, typed with or without thousands separators; data is an int or None."""

    def process_formdata(self, valuelist):
        self.data = None
        self.typed = valuelist[0] if valuelist else ""
        text = _CURRENCY.sub("", _GROUPING.sub("", self.typed.strip()).lower())
        if not text:
            return
        if not text.isdigit() or len(text) > _MOST_DIGITS:
            raise ValueError(_l("Enter an amount in đồng, for example 2.000.000."))
        self.data = int(text)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


class EstimateForm(Form):
    """What the estimate on a visit's page and summary assumes; empty fields take the
    defaults (the lowest income, monthly, the household's group)."""

    class Meta:
        csrf = False
        form_key = False

    income = AmountField(_l("Monthly income chosen (đồng)"), validators=[Optional()],
                         description=_l("Leave empty for the lowest income one may choose."))
    period = SelectField(_l("Pays"), choices=options(PERIOD_LABELS), default="monthly")
    group = SelectField(_l("State support for"), default="")

    def __init__(self, *args, default_group="other", **kwargs):
        super().__init__(*args, **kwargs)
        self.group.choices = options({"": gettext("As the household's record says: %(group)s",
                                                  group=str(GROUP_LABELS[default_group])),
                                      **GROUP_LABELS})

    def chosen(self):
        """(income or None, period, group or None) once validated; a refused field gives its
        default."""
        income = None if self.income.errors else self.income.data
        period = "monthly" if self.period.errors else (self.period.data or "monthly")
        group = None if self.group.errors else (self.group.data or None)
        return income, period, group
