"""The audit trail's filters, read from the address."""

from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from fieldapp.i18n import lazy_gettext as _l
from fieldapp.vocabulary import ACTION_LABELS

from . import Form, options


def _text(label, **kwargs):
    return StringField(label, validators=[
        Optional(), Length(max=200, message=_l("At most %(max)d characters."))], **kwargs)


class AuditFilterForm(Form):
    """Who, what, where and when; every field may stay empty."""

    class Meta:
        csrf = False
        form_key = False
        # A day past the calendar's ends is no bound there (fieldapp.audit): any day will do.
        calendar = False

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
