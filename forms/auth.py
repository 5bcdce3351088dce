"""Login form."""

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
