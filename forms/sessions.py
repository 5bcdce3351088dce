"""Small-group sessions: details, attendance figures, roster and quick-added attendees."""

from wtforms import (DateTimeLocalField, FieldList, FormField, IntegerField, SelectField,
                     SelectMultipleField, StringField, TextAreaField, widgets)
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from fieldapp import clock
from fieldapp.i18n import lazy_gettext as _l
from fieldapp.rules import attendance_problems, not_in_future
from fieldapp.vocabulary import GENDER_LABELS

from . import Form, entered, options, required


ATTENDANCE_MESSAGES = {
    "total_positive": _l("At least one person attended."),
    "gender_sum": _l("Women, men and unknown add up to %(sum)d, but the total is %(total)d."),
    "ethnicity_sum": _l("The ethnic groups add up to %(sum)d, but the total is %(total)d."),
    "roster_size": _l("The roster names %(roster)d people, more than the %(total)d who "
                      "attended."),
}


# Where each attendance problem is shown: beside the bucket that usually absorbs the difference.
PROBLEM_FIELDS = {"attendees_female": "attendees_gender_unknown", "ethnicity": "eth_unknown"}


def _checkboxes(label, **kwargs):
    return SelectMultipleField(label, widget=widgets.ListWidget(prefix_label=False),
                               option_widget=widgets.CheckboxInput(), **kwargs)


def _count(label):
    return IntegerField(label, default=0, validators=[
        Optional(), NumberRange(min=0, max=10000, message=_l("Enter a number from 0 to 10000."))],
        render_kw={"inputmode": "numeric", "min": 0})


class QuickPersonForm(Form):
    """Someone not yet in the registry, added from the session."""

    class Meta:
        csrf = False
        form_key = False
        tables = ("people",)

    full_name = StringField(_l("Full name"), validators=[
        Optional(), Length(max=120, message=_l("At most %(max)d characters."))])
    gender = SelectField(_l("Sex"), choices=options(GENDER_LABELS), default="female")
    birth_year = IntegerField(_l("Birth year"), validators=[Optional()],
                              render_kw={"inputmode": "numeric"})

    def validate_birth_year(self, field):
        if self.person_named() and field.data is not None \
                and not 1900 <= field.data <= clock.now().year:
            raise ValidationError(_l("Enter a year between %(min)s and %(max)s.",
                                     min=1900, max=clock.now().year))

    def validate(self, extra_validators=None):
        # Here, not in validate_birth_year: Optional() ends an empty year's chain before it.
        ok = super().validate(extra_validators)
        if self.person_named() and self.birth_year.data is None and not self.birth_year.errors:
            self.birth_year.errors.append(_l("Enter the birth year or the birth date."))
            ok = False
        return ok

    def person_named(self):
        return bool((self.full_name.data or "").strip())

    def person(self):
        if not self.person_named():
            return None
        return {"full_name": self.full_name.data, "gender": self.gender.data,
                "birth_year": self.birth_year.data}


class AttendeesForm(Form):
    roster = _checkboxes(_l("Attendees from the registry"))
    quick = FieldList(FormField(QuickPersonForm, label=_l("Person")),
                      label=_l("People not yet in the registry"), min_entries=3, max_entries=20)

    def quick_people(self):
        return [p for p in (entry.form.person() for entry in self.quick) if p]


class SessionForm(AttendeesForm):
    class Meta:
        tables = ("group_sessions",)

    held_at = DateTimeLocalField(_l("Date and time"), validators=[required()],
                                 format="%Y-%m-%dT%H:%M", default=clock.now)
    place = StringField(_l("Place"), validators=[
        Optional(), Length(max=200, message=_l("At most %(max)d characters."))],
        description=_l("e.g. the village cultural house"))
    format = SelectField(_l("Format"), validators=[required()])
    target_group = SelectField(_l("Target group"), validators=[required()])
    topics = _checkboxes(_l("Topics"))
    languages = _checkboxes(_l("Languages used"))
    facilitators = _checkboxes(_l("Facilitators (staff)"))
    outside_facilitators = StringField(_l("Other facilitators"), validators=[
        Optional(), Length(max=200, message=_l("At most %(max)d characters."))],
        description=_l("e.g. the village head, a Women's Union member"))
    attendees_total = IntegerField(_l("People attending"), validators=[
        entered(), NumberRange(min=1, max=10000, message=_l("Enter a number from 1 to 10000."))],
        render_kw={"inputmode": "numeric", "min": 1})
    attendees_female = _count(_l("Women"))
    attendees_male = _count(_l("Men"))
    attendees_gender_unknown = _count(_l("Sex not recorded"))
    materials = _checkboxes(_l("Materials handed out"))
    notes = TextAreaField(_l("Notes"), validators=[
        Optional(), Length(max=2000, message=_l("At most %(max)d characters."))])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok:
            counts = self.counts()
            problems = attendance_problems(
                counts["total"], counts["female"], counts["male"], counts["gender_unknown"],
                self.by_ethnicity(), len(self.roster.data or []) + len(self.quick_people()))
            for field_name, (key, figures) in problems.items():
                self[PROBLEM_FIELDS.get(field_name, field_name)].errors.append(
                    ATTENDANCE_MESSAGES[key] % figures)
            ok = not problems
        return ok

    def validate_held_at(self, field):
        if field.data and not not_in_future(field.data):
            raise ValidationError(_l("A session cannot be in the future."))

    def ethnicity_fields(self):
        return [(code, self[f"eth_{code}"]) for code in self.meta.ethnicity_codes]

    def by_ethnicity(self):
        return {code: f.data or 0 for code, f in self.ethnicity_fields()}

    def counts(self):
        return {"total": self.attendees_total.data or 0,
                "female": self.attendees_female.data or 0,
                "male": self.attendees_male.data or 0,
                "gender_unknown": self.attendees_gender_unknown.data or 0}


def session_form(ethnicities, **kwargs):
    """A session form with a count field per ethnic group and one for 'not recorded'."""
    fields = {f"eth_{code}": _count(label) for code, label in ethnicities}
    fields["eth_unknown"] = _count(_l("Not recorded"))
    form_class = type("EthnicitySessionForm", (SessionForm,), fields)
    codes = [code for code, _label in ethnicities] + ["unknown"]
    return form_class(meta={"ethnicity_codes": codes}, **kwargs)
