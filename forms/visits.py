"""Recording a door-to-door visit, with outcomes per person."""

from wtforms import (BooleanField, DateField, DateTimeLocalField, SelectField,
                     SelectMultipleField, StringField, TextAreaField, widgets)
from wtforms.validators import Length, Optional, ValidationError

from fieldapp import clock
from fieldapp.i18n import lazy_gettext as _l
from fieldapp.rules import not_in_future
from fieldapp.vocabulary import OUTCOME_LABELS

from . import Form, options, required


def _checkboxes(label, **kwargs):
    return SelectMultipleField(label, widget=widgets.ListWidget(prefix_label=False),
                               option_widget=widgets.CheckboxInput(), validate_choice=True,
                               **kwargs)


class VisitDetailsForm(Form):
    """What can be corrected after a visit was saved."""

    class Meta:
        tables = ("visits",)

    companions = StringField(_l("Accompanied by"), validators=[
        Optional(), Length(max=200, message=_l("At most %(max)d characters."))],
        description=_l("e.g. the village head, a Women's Union member"))
    topics = _checkboxes(_l("Topics discussed"))
    materials = _checkboxes(_l("Materials left"))
    follow_up_on = DateField(_l("Come back on"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[
        Optional(), Length(max=2000, message=_l("At most %(max)d characters."))])


class VisitForm(VisitDetailsForm):
    visited_at = DateTimeLocalField(_l("Date and time"), validators=[required()],
                                    format="%Y-%m-%dT%H:%M", default=clock.now)
    language = SelectField(_l("Language used"), validators=[required()])
    nobody_home = BooleanField(_l("Nobody home"))
    present = _checkboxes(_l("Who was present"))

    def validate_visited_at(self, field):
        if field.data and not not_in_future(field.data):
            raise ValidationError(_l("A visit cannot be in the future."))

    def validate_follow_up_on(self, field):
        if field.data and self.visited_at.data and field.data < self.visited_at.data.date():
            raise ValidationError(_l("The follow-up date must come after the visit."))

    def validate_nobody_home(self, field):
        if field.data and (self.present.data or self.outcomes()):
            raise ValidationError(_l("Nobody was home, so nobody can be present or have an "
                                     "outcome."))

    def outcome_fields(self):
        """(person id, outcomes field, reason field) for each member."""
        return [(pid, self[f"outcome_{key}"], self[f"reason_{key}"])
                for pid, key in self.meta.person_keys]

    def outcomes(self):
        """{person id: (outcome codes, decline reason)} for members with an outcome."""
        return {pid: (o.data, r.data or None) for pid, o, r in self.outcome_fields() if o.data}

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for _pid, outcome, reason in self.outcome_fields():
            if "declined" in (outcome.data or []) and not reason.data:
                reason.errors.append(_l("Say why the person declined."))
                ok = False
        if not (self.nobody_home.data or self.present.data or self.outcomes()
                or (self.notes.data or "").strip()):
            # An untouched form is not a visit: it would count a household as visited.
            self.present.errors = [*self.present.errors, _l(
                "Tick who was met, or “Nobody home”, or write in the notes what"
                " happened.")]
            ok = False
        return ok


def visit_form(members, reasons, **kwargs):
    """A visit form with an outcome and a decline-reason field for each member."""
    person_keys = [(m["id"], m["id"].replace("-", "")) for m in members]
    fields = {}
    for member, (_pid, key) in zip(members, person_keys):
        fields[f"outcome_{key}"] = _checkboxes(member["full_name"],
                                               choices=options(OUTCOME_LABELS))
        fields[f"reason_{key}"] = SelectField(_l("Reason for declining"), choices=reasons,
                                              validators=[Optional()])
    form_class = type("MemberVisitForm", (VisitForm,), fields)
    form = form_class(meta={"person_keys": person_keys}, **kwargs)
    form.present.choices = options((m["id"], m["full_name"]) for m in members)
    return form
