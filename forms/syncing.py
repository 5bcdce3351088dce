"""Enrolling a laptop with the central server, enrolment codes, and resolving conflicts."""

from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from fieldapp.i18n import lazy_gettext as _l

from . import Form, options, required


class EnrolForm(Form):
    central_url = StringField(_l("Address of the central server"), validators=[
        required(), Regexp(r"^https?://[^\s/]+(:\d+)?(/\S*)?$",
                           message=_l("Enter an address such as https://bhxh-laocai.example.vn"))],
        render_kw={"placeholder": "https://", "inputmode": "url"})
    code = StringField(_l("Enrolment code"), validators=[
        required(), Regexp(r"^\s*[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}\s*$",
                           message=_l("The code has 12 letters and digits, e.g. ABCD-EFGH-JKLM."))],
        render_kw={"autocomplete": "off"})
    device_name = StringField(_l("Name of this laptop"), validators=[
        required(), Length(max=100, message=_l("At most %(max)d characters."))],
        description=_l("e.g. the officer's name and the laptop's label"))


class EnrolmentCodeForm(Form):
    office_id = SelectField(_l("Office"), validators=[required()])


class ResolveConflictForm(Form):
    choice = RadioField(_l("Keep"), choices=options({
        "kept": _l("The value kept now"), "lost": _l("The other value"),
        "new": _l("A new value")}), default="kept")
    value = TextAreaField(_l("New value"), validators=[
        Optional(), Length(max=2000, message=_l("At most %(max)d characters."))],
        render_kw={"rows": 2})

    def validate_value(self, field):
        if self.choice.data == "new" and not (field.data or "").strip():
            raise ValidationError(_l("Enter the new value."))


class DiscardRefusedForm(Form):
    """Stop sending a refused record: the user says so knowingly."""
    table_name = HiddenField(validators=[required()])
    row_id = HiddenField(validators=[required()])
    understood = BooleanField(
        _l("I understand: the central server will never have this record; it stays on this"
           " laptop only"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))])
