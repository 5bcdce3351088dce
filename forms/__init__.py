"""Flask-WTF forms, one module per area; labels and messages go through fieldapp's gettext."""

import json
import re
from datetime import date, datetime

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import FieldList, FormField, HiddenField
from wtforms.csrf.core import CSRFTokenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from fieldapp import form_errors, rules, submissions
from fieldapp.bounds import INTEGER_RANGE, UNSTORABLE
from fieldapp.i18n import format_date, get_locale, gettext, lazy_gettext as _l


class _WTFormsTranslations:
    """Hands WTForms' built-in messages to fieldapp's catalogs."""

    def gettext(self, string):
        return gettext(string)

    def ngettext(self, singular, plural, n):
        # Unformatted: WTForms fills in %(max)d, %(value)s and the like itself.
        catalogs = current_app.extensions["fieldapp_catalogs"]
        return catalogs.ngettext(get_locale(), singular, plural, n)


class Form(FlaskForm):
    """Every form: besides its own checks, what the store would refuse (fieldapp.rules) comes
    back beside its field, in the page's language, before anything is written.

    Whatever the form, text that holds a NUL or a lone surrogate is refused before the
    fields' own checks run (they never see it); after them, a field they let through is refused
    if it holds a date outside the calendar or a number SQLite cannot hold, and a field named
    like a column of one of `Meta.tables` is checked as the store checks that column, with the
    value the store would get (`stored_values`)."""

    # A fresh key when first shown, the sent one when shown again with errors: hidden_tag()
    # carries it, and fieldapp.submissions.once saves a form sent twice only once. Never
    # shown, so no label (WTForms would otherwise make one and look it up in the catalogs).
    form_key = HiddenField("", default=submissions.new_key, render_kw={"id": False})

    class Meta:
        # Forms read from the address, and subforms, write nothing of their own: no key.
        form_key = True
        # The synced tables (fieldapp.rules.RECORDS) whose columns the form's fields fill.
        tables = ()
        # Dates between FIRST_DAY and LAST_DAY only; a filter whose query takes any day as
        # "no bound there" sets this False.
        calendar = True

        def get_translations(self, form):
            return _WTFormsTranslations()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The error summary at the top of the page lists what its forms refused.
        form_errors.seen(self)
        if not self.meta.form_key:
            del self.form_key
        for field in self.leaves():
            most = limit(field)
            if most is not None:
                # Not `maxlength`, which WTForms would render from Length: the browser cuts a
                # longer paste there without a word. The limit is shown beside the field
                # instead (templates/_forms.html, static/js/limits.js), and a longer value
                # comes back with a message, the typing kept.
                vars(field.flags).pop("maxlength", None)
                field.render_kw = {**(field.render_kw or {}), "data-limit": most}

    def validate(self, extra_validators=None):
        refused = [field for field in self.leaves() if unstorable(field)]
        # Set aside while the fields' own checks run: what they would say of it is beside the
        # point, and they may hand it on (to SQLite, which cannot take a lone surrogate).
        kept = {field: field.data for field in refused}
        for field in refused:
            field.data = _EMPTY.get(type(field.data))
        try:
            ok = super().validate(extra_validators)
        finally:
            for field, data in kept.items():
                field.data = data
        for field in refused:
            field.errors = [unstorable_message()]
        by_rules = self.refused_by_rules()
        for field in self.leaves():
            if not field.errors:
                message = ((self.meta.calendar and outside_calendar(field.data))
                           or too_large(field.data) or by_rules.get(field.name))
                if message:
                    field.errors = [message]
        return ok and not any(field.errors for field in self.leaves())

    def refuse(self, field, message):
        """Show a refusal found after the checks (a wrong password, say) beside its field."""
        field.errors = [*field.errors, message]

    def leaves(self):
        """The form's own fields; a subform's (FormField, FieldList) check themselves."""
        return [field for name, field in self._fields.items()
                if name != submissions.FIELD and not isinstance(
                    field, (CSRFTokenField, FieldList, FormField))]

    def stored_values(self):
        """{field name: the value the store gets} for fields named like a column of
        Meta.tables; a form whose field is stored otherwise overrides this."""
        columns = {c for table in self.meta.tables for c in rules.RECORDS[table]}
        return {field.name: stored_value(field.data) for field in self.leaves()
                if field.name in columns}

    def refused_by_rules(self):
        """{field name: message} for what rules.problems refuses of the stored values, judged
        together as the store judges a row's values."""
        # Emptiness is the form's own business (required() and the like), and a field already
        # refused by its own checks keeps their message.
        given = {name: value for name, value in self.stored_values().items()
                 if value is not None and value != "" and not self[name].errors}
        found = {}
        for table in self.meta.tables:
            row = {name: value for name, value in given.items() if name in rules.RECORDS[table]}
            for name, problem in rules.problems(table, row) if row else ():
                found.setdefault(name, rule_message(problem))
        return found


def limit(field):
    """The most characters a field takes (its Length validators' max), or None."""
    found = [v.max for v in field.validators if isinstance(v, Length) and v.max >= 0]
    return min(found) if found else None


# What a refused field holds while the form's own checks run.
_EMPTY = {str: "", list: []}



def unstorable(field):
    """Whether what was sent in this field holds a NUL or a lone surrogate, which no text
    column can hold (rules refuse a NUL; SQLite cannot encode a lone surrogate)."""
    return any(isinstance(raw, str) and UNSTORABLE.search(raw) for raw in field.raw_data or ())


def outside_calendar(data):
    """A message for a date (or a date and time) outside FIRST_DAY..LAST_DAY, or None."""
    day = data.date() if isinstance(data, datetime) else data
    if isinstance(day, date) and not FIRST_DAY <= day <= LAST_DAY:
        return calendar_message()
    return None


def unstorable_message():
    return gettext("This text holds a hidden control character (NUL) or a broken character: "
                   "type it again.")


def too_large(data):
    """A message for a number SQLite cannot hold, or None."""
    if type(data) is int and not INTEGER_RANGE[0] <= data <= INTEGER_RANGE[1]:
        return gettext("Enter a number with fewer digits.")
    return None


def stored_value(data):
    """A field's data as the store writes it (ISO dates, JSON lists, 0 or 1)."""
    if isinstance(data, bool):
        return int(data)
    if isinstance(data, (date, datetime)):
        return data.isoformat()
    if isinstance(data, (list, tuple)):
        return json.dumps(list(data))
    return data


def rule_message(problem):
    """fieldapp.rules' words for a refused value, as a message for the field."""
    for pattern, message in _RULE_MESSAGES:
        found = pattern.fullmatch(problem)
        if found:
            return message(*found.groups())
    return gettext("This value is not accepted for this field.")


_RULE_MESSAGES = (
    (re.compile(r"required"), lambda: gettext("This field is required.")),
    (re.compile(r"longer than (\d+) characters"),
     lambda n: gettext("At most %(max)d characters.", max=int(n))),
    (re.compile(r"not a whole number from (-?\d+) to (-?\d+)"),
     lambda low, high: gettext("Enter a whole number from %(min)s to %(max)s.", min=low,
                               max=high)),
    (re.compile(r"not a date.*"), lambda: calendar_message()),
    (re.compile(r"holds a NUL character"), lambda: unstorable_message()),
    (re.compile(r"not a list code|not one of .*"), lambda: gettext("Not a valid choice.")),
    (re.compile(r"not a CCCD"), lambda: gettext("A CCCD has exactly 12 digits.")),
    (re.compile(r"not a mã số BHXH"), lambda: gettext("A mã số BHXH has exactly 10 digits.")),
    (re.compile(r"not a phone number"), lambda: gettext(
        "Enter a Vietnamese phone number, e.g. 0912 345 678 or 0216 3878 123.")),
)


def options(pairs):
    """Select options from (value, label) pairs or a {value: label} dict."""
    if isinstance(pairs, dict):
        pairs = pairs.items()
    return [SelectChoice(value, label) for value, label in pairs]


def required():
    """DataRequired with a message in the user's language."""
    return DataRequired(message=_l("This field is required."))


def entered():
    """InputRequired, for numbers where 0 is an answer."""
    return InputRequired(message=_l("This field is required."))


# Dates a period, a batch or a record can sensibly name: beyond them a day's arithmetic (the day
# after the end, the month after) leaves the calendar and a typing mistake would be a 500. Every
# form refuses a date outside them (Form.validate); the store's (rules) are a little wider.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)


def calendar_message():
    return gettext("Enter a date between %(first)s and %(last)s.",
                   first=format_date(FIRST_DAY, "short"), last=format_date(LAST_DAY, "short"))


def N_plural(singular, plural):
    """Mark a plural message for extraction only."""
    return singular


# WTForms' own messages that our fields can raise, listed so that extraction puts them in the
# catalogs (WTForms ships no Vietnamese).
_WTFORMS_MESSAGES = (
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Invalid Choice: could not coerce."),
    N_plural("'%(value)s' is not a valid choice for this field.",
             "'%(value)s' are not valid choices for this field."),
)
