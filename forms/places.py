"""Villages and hamlets (thôn, bản, tổ dân phố) under a commune."""

from wtforms import RadioField, SelectField, StringField
from wtforms.validators import Length

from fieldapp.i18n import lazy_gettext as _l
from fieldapp.vocabulary import VILLAGE_KIND_LABELS

from . import Form, options, required


class VillageForm(Form):
    class Meta:
        tables = ("villages",)

    name = StringField(_l("Name"), validators=[
        required(), Length(max=100, message=_l("At most %(max)d characters."))])
    kind = SelectField(_l("Kind"), choices=options(VILLAGE_KIND_LABELS), default="ban")


class MergeVillagesForm(Form):
    """Which of the same-named villages stays; the others' households move into it."""
    keep = RadioField(_l("Village to keep"), validators=[required()])
