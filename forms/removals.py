"""Removing a record with its reason, and moving a visit to the right household."""

from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import Length

from fieldapp.i18n import lazy_gettext as _l
from fieldapp.rules import LENGTHS

from . import Form, required


class RemoveForm(Form):
    reason = TextAreaField(_l("Why is it removed?"), validators=[
        required(), Length(max=LENGTHS["note"], message=_l("At most %(max)d characters."))],
        description=_l("e.g. entered twice, recorded on the wrong household"))
    # Read only where the page offers it (a person, a household): decree 13/2023/NĐ-CP.
    erase_numbers = BooleanField(
        _l("Erase personal numbers (CCCD, mã số BHXH, phone)"),
        description=_l("Cannot be undone: they are erased here, on the central server and on"
                       " every laptop; Undo brings the record back without them."))


class MoveVisitForm(Form):
    household_id = SelectField(_l("The right household"), validators=[required()])
