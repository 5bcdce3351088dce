"""Households and the people in them."""

from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from fieldapp import clock, personal
from fieldapp.i18n import lazy_gettext as _l
from fieldapp.vocabulary import BHXH_STATUS_LABELS, GENDER_LABELS, VSSID_LABELS

from . import Form, options, required


_CCCD_MESSAGES = {
    "format": _l("A CCCD has exactly 12 digits."),
    "province": _l("A CCCD starts with a province code from 001 to 096."),
    "birth_year": _l("This CCCD belongs to someone born in another year: check the number "
                     "and the birth year."),
    "gender": _l("This CCCD belongs to someone of the other sex: check the number and the "
                 "sex."),
}


def _max_length(n):
    return Length(max=n, message=_l("At most %(max)d characters."))


class PhoneField(StringField):
    """A Vietnamese phone number, stored as 0xxxxxxxxx."""

    def pre_validate(self, form):
        # Spaces alone are not left out silently: like a CCCD of spaces, they get the message.
        if self.data:
            number = personal.normalise_phone(self.data)
            if number is None:
                raise ValidationError(_l(
                    "Enter a Vietnamese phone number, e.g. 0912 345 678 or 0216 3878 123."))
            self.data = number
        else:
            self.data = ""


class HouseholdFields:
    address_note = StringField(_l("Address note"), validators=[Optional(), _max_length(200)],
                               description=_l("Where the house is, e.g. near the school."))
    ethnicity = SelectField(_l("Ethnicity"), validators=[Optional()])
    language = SelectField(_l("Preferred language"), validators=[required()],
                           description=_l("Used for the summaries printed for this household."))
    phone = PhoneField(_l("Phone"))


class PersonFields:
    full_name = StringField(_l("Full name"), validators=[required(), _max_length(120)])
    gender = SelectField(_l("Sex"), choices=options(GENDER_LABELS),
                         validators=[required()])
    birth_year = IntegerField(_l("Birth year"), validators=[Optional()],
                              render_kw={"inputmode": "numeric"})
    birth_date = DateField(_l("Birth date (if known)"), validators=[Optional()])
    ethnicity = SelectField(_l("Ethnicity"), validators=[Optional()])
    cccd = StringField(_l("CCCD (12 digits)"), validators=[Optional()],
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})
    bhxh_number = StringField(_l("Mã số BHXH (10 digits)"), validators=[Optional()],
                              render_kw={"inputmode": "numeric", "autocomplete": "off"})
    bhyt_card_type = SelectField(_l("BHYT card"), validators=[Optional()])
    bhyt_expiry = DateField(_l("Card valid until"), validators=[Optional()])
    # A card needs its end date, a person a birth year or date: checked in validate(), after
    # the fields, as Optional() ends an empty field's chain before any validate_<field>.
    bhxh_status = SelectField(_l("Social insurance (BHXH)"),
                              choices=options(BHXH_STATUS_LABELS), default="none")
    vssid = SelectField(_l("VssID app"), choices=options(VSSID_LABELS), default="unknown")
    confirm_duplicate = BooleanField(_l("Save anyway: this is a different person"))

    def validate_birth_year(self, field):
        # An empty year never gets here (Optional() ends the chain): validate() checks that.
        if field.data is not None and not 1900 <= field.data <= clock.today().year:
            raise ValidationError(_l("Enter a year between %(min)s and %(max)s.",
                                     min=1900, max=clock.today().year))

    def validate_birth_date(self, field):
        if field.data:
            if field.data > clock.today():
                raise ValidationError(_l("This date is in the future."))
            if self.birth_year.data and self.birth_year.data != field.data.year:
                raise ValidationError(_l("The birth date and the birth year differ."))

    def validate_cccd(self, field):
        field.data = personal.digits(field.data)
        if field.data:
            year = self.birth_year.data or (self.birth_date.data and self.birth_date.data.year)
            problem = personal.cccd_problem(field.data, year, self.gender.data)
            if problem:
                raise ValidationError(_CCCD_MESSAGES[problem])

    def validate_bhxh_number(self, field):
        field.data = personal.digits(field.data)
        if field.data and not personal.bhxh_number_ok(field.data):
            raise ValidationError(_l("A mã số BHXH has exactly 10 digits."))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if (self.birth_year.data is None and not self.birth_date.data
                and not self.birth_year.errors and not self.birth_date.errors):
            self.birth_year.errors.append(_l("Enter the birth year or the birth date."))
            ok = False
        if self.bhyt_card_type.data and not self.bhyt_expiry.data and not self.bhyt_expiry.errors:
            self.bhyt_expiry.errors.append(_l("Enter the date until which the card is valid."))
            ok = False
        return ok

    def person_values(self):
        """The person's fields as the registry stores them."""
        birth_date = self.birth_date.data
        return {
            "full_name": self.full_name.data, "gender": self.gender.data,
            "birth_year": self.birth_year.data or birth_date.year,
            "birth_date": birth_date.isoformat() if birth_date else None,
            "ethnicity": self.ethnicity.data, "cccd": self.cccd.data,
            "bhxh_number": self.bhxh_number.data, "bhyt_card_type": self.bhyt_card_type.data,
            "bhyt_expiry": self.bhyt_expiry.data.isoformat() if self.bhyt_expiry.data else None,
            "bhxh_status": self.bhxh_status.data, "vssid": self.vssid.data,
        }


class RegisterHouseholdForm(HouseholdFields, PersonFields, Form):
    """A new household and its head, on one page."""

    class Meta:
        tables = ("households", "people")


class HouseholdForm(HouseholdFields, Form):
    class Meta:
        tables = ("households",)


class PersonForm(PersonFields, Form):
    relation = SelectField(_l("Relation to the head"), validators=[required()])

    class Meta:
        tables = ("people",)


class MovePersonForm(Form):
    household_id = StringField(_l("Move to household"), validators=[required()],
                               description=_l("Pick the household from the search results."))
    relation = SelectField(_l("Relation to the head there"), validators=[required()])
