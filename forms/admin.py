"""Administration: area offices and user accounts."""

from wtforms import (BooleanField, PasswordField, SelectField, SelectMultipleField, StringField,
                     widgets)
from wtforms.validators import EqualTo, Length, Optional, Regexp, ValidationError

from fieldapp.accounts import password_weakness
from fieldapp.i18n import lazy_gettext as _l
from fieldapp.rules import LENGTHS
from fieldapp.vocabulary import ROLE_LABELS

from . import Form, options, required


class OfficeForm(Form):
    name = StringField(_l("Office name"), validators=[
        required(), Length(max=120, message=_l("At most %(max)d characters."))])
    province_code = SelectField(_l("Province"), coerce=int, validators=[required()])
    phone = StringField(_l("Phone"), validators=[Optional(), Regexp(
        r"^\+?[0-9 .()-]{8,20}$", message=_l("Enter a phone number of 8 to 20 digits."))])
    address = StringField(_l("Address"), validators=[
        Optional(), Length(max=200, message=_l("At most %(max)d characters."))])
    communes = SelectMultipleField(_l("Communes covered"), coerce=int,
                                   widget=widgets.ListWidget(prefix_label=False),
                                   option_widget=widgets.CheckboxInput())


def good_password(form, field):
    """accounts.password_weakness, against the username and name typed or of the account."""
    account = form.account or {}
    username = form.username.data if "username" in form else account.get("username")
    full_name = form.full_name.data if "full_name" in form else account.get("full_name")
    weakness = password_weakness(field.data or "", username=username or "",
                                 full_name=full_name or "")
    if weakness:
        raise ValidationError(str(weakness))


def _password(label):
    return PasswordField(label, validators=[required(), good_password],
                         render_kw={"autocomplete": "new-password"})


def _confirm():
    return PasswordField(_l("Repeat the password"), validators=[
        EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"})


class PasswordForm(Form):
    password = _password(_l("New password"))
    confirm = _confirm()

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Whose password: it may not be their username or name.
        self.account = account


class _UsernameLength(Length):
    """The store takes fewer characters than the pattern allows: the limit is shown beside the
    field and said when the pattern is met, one message at a time."""

    def __call__(self, form, field):
        if not field.errors:
            super().__call__(form, field)


class UserForm(Form):
    class Meta:
        tables = ("users",)

    username = StringField(_l("Username"), validators=[required(), Regexp(
        r"^[A-Za-z0-9._-]{3,64}$",
        message=_l("3 to 64 letters without diacritics, digits, dots, dashes or underscores.")),
        _UsernameLength(max=LENGTHS["code"], message=_l("At most %(max)d characters."))])
    full_name = StringField(_l("Full name"), validators=[
        required(), Length(max=120, message=_l("At most %(max)d characters."))])
    role = SelectField(_l("Role"), choices=options(ROLE_LABELS))
    office_id = SelectField(_l("Office"), validators=[required()])
    translator = BooleanField(_l("May review translations"))
    account = None


class NewUserForm(UserForm):
    password = _password(_l("Password"))
    confirm = _confirm()


class ListItemForm(Form):
    code = StringField(_l("Code"), validators=[required(), Regexp(
        r"^[a-z0-9_]{2,40}$", message=_l("2 to 40 lower-case letters, digits or underscores."))],
        description=_l("A stable key used in reports; it cannot change later."))
    label = StringField(_l("Label"), validators=[
        required(), Length(max=120, message=_l("At most %(max)d characters."))])
