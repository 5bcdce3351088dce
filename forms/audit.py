"""The audit trail's filters, read from the address."""

from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from fieldapp.i18n import lazy_gettext as _l

from . import Form, options


def _text(label, **kwargs):
    return StringField(label, validators=[
        Optional(), Length(max=200, message=_l("At most %(max)d characters."))], **kwargs)


# What each action code of fieldapp.audit means, in the order the filter lists them.
ACTION_LABELS = {
    "login": _l("Logged in"),
    "login_failed": _l("Login refused"),
    "logout": _l("Logged out"),
    "export_personal": _l("Exported personal numbers"),
    "user_created": _l("User created"),
    "user_edited": _l("User edited"),
    "password_set": _l("Password set"),
    "user_activated": _l("User activated"),
    "user_deactivated": _l("User deactivated"),
    "office_created": _l("Office created"),
    "office_edited": _l("Office edited"),
    "list_item_added": _l("List item added"),
    "list_item_activated": _l("List item shown again"),
    "list_item_deactivated": _l("List item hidden"),
    "enrolment_code": _l("Enrolment code made"),
    "device_revoked": _l("Laptop revoked"),
    "translation_reviewed": _l("Translation reviewed"),
    "conflict_resolved": _l("Conflict resolved"),
    "targets_saved": _l("Targets saved"),
    "merged": _l("Change merged from a laptop"),
}


class AuditFilterForm(Form):
    """Who, what, where and when; every field may stay empty."""

    class Meta:
        csrf = False
        form_key = False

    action = SelectField(_l("Action"), validators=[Optional()],
                         choices=options({"": _l("All"), **ACTION_LABELS}))
    user = _text(_l("Username"))
    device = _text(_l("Laptop"), description=_l("Its name or id"))
    table = _text(_l("Table"))
    row = _text(_l("Record id"))
    address = _text(_l("Address"),
                    description=_l("An address, or its beginning for a network (10.0.3.)"))
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("The end of the period must not come before its start."))

    def filters(self):
        """The filters given, for fieldapp.audit's queries."""
        return {name: self[name].data for name in ("action", "user", "device", "table", "row",
                                                    "address", "start", "end")
                if self[name].data}
