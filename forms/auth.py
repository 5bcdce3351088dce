"""Login form, and the recovery code's form that opens a locked laptop."""

from wtforms import PasswordField, StringField
from wtforms.validators import Length

from fieldapp.i18n import lazy_gettext as _l

from . import Form, required


class LoginForm(Form):
    username = StringField(_l("Username"), validators=[required(), Length(
        max=64, message=_l("At most %(max)d characters."))],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[required()],
                             render_kw={"autocomplete": "current-password"})



class RecoveryForm(Form):
    """The office's recovery code, then a normal login: opens a locked laptop for a user who
    has no key slot on it yet."""
    recovery_code = StringField(
        _l("Recovery code"), validators=[required(), Length(
            max=64, message=_l("At most %(max)d characters."))],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                   "autofocus": True})
    username = StringField(_l("Username"), validators=[required(), Length(
        max=64, message=_l("At most %(max)d characters."))],
                           render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[required()],
                             render_kw={"autocomplete": "current-password"})
