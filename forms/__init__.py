"""Flask-WTF forms, one module per area; labels and messages go through fieldapp's gettext."""

from flask_wtf import FlaskForm

from fieldapp.i18n import gettext, lazy_gettext as _l, ngettext


class _WTFormsTranslations:
    """Hands WTForms' built-in messages to fieldapp's catalogs."""

    def gettext(self, string):
        return gettext(string)

    def ngettext(self, singular, plural, n):
        return ngettext(singular, plural, n)


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _WTFormsTranslations()


def required():
    """DataRequired with a message in the user's language."""
    from wtforms.validators import DataRequired
    return DataRequired(message=_l("This field is required."))


# WTForms' own messages that our fields can raise, listed so that extraction puts them in the
# catalogs (WTForms ships no Vietnamese).
_WTFORMS_MESSAGES = (
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Invalid Choice: could not coerce."),
)
