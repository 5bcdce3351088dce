"""Choosing what to print: page size and language of a summary, and a batch of visits."""

from wtforms import DateField, SelectField
from wtforms.validators import Optional

from wtforms.fields.choices import SelectChoice

from fieldapp.i18n import LANGUAGES, lazy_gettext as _l

from . import Form, options

PAGE_SIZES = {"A5": _l("A5 (portable printer)"), "A4": "A4"}


def _languages(first):
    """Each language named in itself (its autonym), as the language switcher does."""
    return [SelectChoice("", first)] + [
        SelectChoice(code, lang.autonym + (f" · {lang.autonym_latin}" if lang.autonym_latin
                                           else ""), {"lang": code, "translate": "no"})
        for code, lang in LANGUAGES.items()]


class PrintForm(Form):
    """Page size and language; read from the address, so no CSRF token (it changes nothing)."""

    class Meta:
        csrf = False
        form_key = False

    size = SelectField(_l("Page size"), choices=options(PAGE_SIZES), default="A5")
    language = SelectField(_l("Language"), default="")

    def __init__(self, *args, default_size="A5", for_household=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = _languages(_l("The household's language") if for_household
                                           else _l("The language of these pages"))
        if not self.size.raw_data:
            self.size.data = default_size


class BatchForm(PrintForm):
    """Which visits to print as one PDF: an officer's, a day's or a range's, a village's."""

    officer = SelectField(_l("Officer"), default="")
    village = SelectField(_l("Village"), default="")
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()],
                    description=_l("Leave empty for the one day chosen in From."))

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        if not (self.start.data or self.end.data or self.village.data):
            self.start.errors.append(_l("Choose a day, a date range or a village."))
            return False
        if self.end.data and not self.start.data:
            self.start.errors.append(_l("Choose the first day of the range."))
            return False
        if self.start.data and self.end.data and self.end.data < self.start.data:
            self.end.errors.append(_l("The last day must not come before the first."))
            return False
        return True
