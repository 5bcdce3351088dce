"""Correcting and approving one translated string; importing a filled-in review sheet."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import Length

from fieldapp.i18n import lazy_gettext as _l

from . import Form, required


class ReviewForm(Form):
    class Meta:
        tables = ("translation_reviews",)

    msgstr = TextAreaField(_l("Translation"), validators=[
        Length(max=2000, message=_l("At most %(max)d characters."))],
        render_kw={"rows": 3})
    reviewed = BooleanField(_l("Reviewed: I speak this language and the text is right"))


class ReviewSheetForm(Form):
    """A review sheet (XLSX) filled in by a reviewer, for one language."""

    language = SelectField(_l("Language"), validators=[required()])
    sheet = FileField(_l("Review sheet (.xlsx)"), validators=[
        FileRequired(message=_l("Choose the review sheet to import."))])
