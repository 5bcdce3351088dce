"""Correcting and approving one translated string."""

from wtforms import BooleanField, TextAreaField
from wtforms.validators import Length

from fieldapp.i18n import lazy_gettext as _l

from . import Form


class ReviewForm(Form):
    class Meta:
        tables = ("translation_reviews",)

    msgstr = TextAreaField(_l("Translation"), validators=[
        Length(max=2000, message=_l("At most %(max)d characters."))],
        render_kw={"rows": 3})
    reviewed = BooleanField(_l("Reviewed: I speak this language and the text is right"))
