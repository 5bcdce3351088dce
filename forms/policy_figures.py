"""A policy figure (a rate, a line, a share) with the day it applies from and its legal source;
written on the central server only."""

from decimal import Decimal, InvalidOperation

from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from fieldapp import rules
from fieldapp.i18n import gettext, lazy_gettext as _l
from fieldapp.policy_figures import FIGURES, MONEY, SHARE, kind

from . import Form, options, required

_GROUPING = str.maketrans("", "", " .,\u00a0\u202f")


def typed_value(text, how):
    """The value stored for what was typed: đồng as a whole number (thousands separators
    allowed), a share typed as a percentage (22 or 4,5; at most 100), a multiple as a number
    (at most 1000). None if it is not a number of that kind."""
    text = (text or "").strip().rstrip("%").strip()
    try:
        if how == MONEY:
            digits = text.translate(_GROUPING)
            return int(digits) if digits.isdigit() and len(digits) <= 13 else None
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or len(text) > 20:
        return None
    if how == SHARE:
        return float(number / 100) if number <= 100 else None
    if number > 1000:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def shown_value(value, how):
    """A stored value as the form shows it for typing again."""
    if how == MONEY:
        return str(round(value))
    if how == SHARE:
        value = round(value * 100, 6)
    return f"{value:g}"


class FigureForm(Form):
    class Meta:
        tables = ("policy_figures",)

    key = SelectField(_l("Figure"), choices=options({k: label for k, (label, _kind, _unit)
                                                     in FIGURES.items()}))
    value = StringField(_l("Value"), validators=[required()], description=_l(
        "Amounts in đồng (2.340.000); shares as a percentage (22 for 22 %); a multiple as a "
        "number (20)."))
    effective_from = DateField(_l("In force from"), validators=[required()])
    source = StringField(_l("Legal source"), validators=[
        required(), Length(max=rules.LENGTHS["note"])],
        description=_l("The law, decree or circular and its article; where the figure was "
                       "seen, if no official text has been found."))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=rules.LENGTHS["notes"])],
                         description=_l("What is known of it: what is doubtful, other values "
                                        "seen."))
    confirmed = BooleanField(_l("Checked against the official text"))

    def __init__(self, *args, figure_key=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.figure_key = figure_key
        if figure_key is not None:
            # A figure's kind stays what it is: a new kind is a new row.
            del self.key

    def chosen_key(self):
        return self.figure_key if self.figure_key is not None else self.key.data

    def validate_value(self, field):
        if field.data and typed_value(field.data, kind(self.chosen_key())) is None:
            raise ValidationError(gettext("Enter a number: đồng without decimals, a share as "
                                          "a percentage."))

    def stored_values(self):
        stored = super().stored_values()
        if "value" in stored:
            stored["value"] = typed_value(self.value.data, kind(self.chosen_key()))
        return stored

    def row(self):
        """The values the store writes."""
        key = self.chosen_key()
        return {"value": typed_value(self.value.data, kind(key)),
                "effective_from": self.effective_from.data.isoformat(),
                "source": self.source.data.strip(), "note": (self.note.data or "").strip(),
                "confirmed": int(self.confirmed.data)}
