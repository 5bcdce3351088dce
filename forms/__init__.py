"""Flask-WTF forms, one module per area; labels and messages go through fieldapp's gettext."""

from datetime import date

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, ValidationError

from fieldapp import submissions
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
    # A fresh key when first shown, the sent one when shown again with errors: hidden_tag()
    # carries it, and fieldapp.submissions.once saves a form sent twice only once. Never
    # shown, so no label (WTForms would otherwise make one and look it up in the catalogs).
    form_key = HiddenField("", default=submissions.new_key, render_kw={"id": False})

    class Meta:
        # Forms read from the address, and subforms, write nothing of their own: no key.
        form_key = True

        def get_translations(self, form):
            return _WTFormsTranslations()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.meta.form_key:
            del self.form_key


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
# after the end, the month after) leaves the calendar and a typing mistake would be a 500.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)


def within_calendar():
    """A date between FIRST_DAY and LAST_DAY, with a message beside the field."""
    def check(form, field):
        if field.data and not FIRST_DAY <= field.data <= LAST_DAY:
            raise ValidationError(gettext("Enter a date between %(first)s and %(last)s.",
                                          first=format_date(FIRST_DAY, "short"),
                                          last=format_date(LAST_DAY, "short")))
    return check


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
