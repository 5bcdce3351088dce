"""Backing up the database now, to the laptop's own folder or to a USB drive."""

import os

from wtforms import RadioField, StringField
from wtforms.validators import Length, ValidationError

from fieldapp.i18n import lazy_gettext as _l

from . import Form

TYPED = "typed"


class BackUpNowForm(Form):
    """One button: a backup in this install's backups folder."""


class BackUpToDriveForm(Form):
    folder = RadioField(_l("Drive"), choices=[], validate_choice=False)
    typed = StringField(_l("Or type a folder"), validators=[
        Length(max=1000, message=_l("At most %(max)d characters."))],
        description=_l("e.g. /media/canbo/USB"), render_kw={"autocomplete": "off"})

    def chosen(self):
        """The folder to write to: the drive picked, or the folder typed."""
        if self.folder.data == TYPED or not self.folder.data:
            return (self.typed.data or "").strip()
        return self.folder.data

    def validate_folder(self, field):
        known = {value for value, _label in self.folder.choices}
        if field.data and field.data not in known:
            raise ValidationError(_l("Choose one of the drives listed."))

    def validate_typed(self, field):
        folder = self.chosen()
        if not folder:
            raise ValidationError(_l("Choose a drive, or type the folder to write to."))
        if not os.path.isabs(folder):
            raise ValidationError(_l("Type the whole path, starting with /."))
        if not os.path.isdir(folder):
            raise ValidationError(_l("There is no such folder: is the drive plugged in?"))
        if not os.access(folder, os.W_OK):
            raise ValidationError(_l("This folder cannot be written to."))
