"""Reports: the period and place asked for, the export options, and the targets grid."""

from wtforms import BooleanField, DateField, IntegerField, SelectField
from wtforms.validators import Optional, ValidationError

from fieldapp import clock
from fieldapp.i18n import lazy_gettext as _l
from fieldapp.vocabulary import DATASET_LABELS, METRIC_LABELS

from . import Form, options, required

FORMAT_LABELS = {"xlsx": _l("Excel (XLSX)"), "csv": _l("CSV (UTF-8)")}

# A target above this is a typing mistake rather than a plan.
MAX_TARGET = 10_000_000
# Longer periods make reports nobody reads and queries nobody waits for.
MAX_PERIOD_DAYS = 5 * 366


class PeriodForm(Form):
    """The period and place of a report; read from the address, so no CSRF token."""

    class Meta:
        csrf = False
        form_key = False

    start = DateField(_l("From"), validators=[required()])
    end = DateField(_l("To"), validators=[required()])
    # Places and officers are checked against what the user may see by the view (404 outside).
    province = SelectField(_l("Province"), validate_choice=False)
    office = SelectField(_l("Office"), validate_choice=False)
    commune = SelectField(_l("Commune"), validate_choice=False)
    officer = SelectField(_l("Officer"), validate_choice=False)

    def validate_end(self, field):
        if self.start.data and field.data:
            if field.data < self.start.data:
                raise ValidationError(_l("The end of the period must not come before its "
                                         "start."))
            if (field.data - self.start.data).days > MAX_PERIOD_DAYS:
                raise ValidationError(_l("A report covers at most five years."))


class ExportForm(PeriodForm):
    dataset = SelectField(_l("What"), choices=options(DATASET_LABELS), default="report")
    format = SelectField(_l("File type"), choices=options(FORMAT_LABELS), default="xlsx")
    personal = BooleanField(_l("Include CCCD and mã số BHXH"),
                            description=_l("Only for people's lists; keep the file safe."))


def _in_range(form, field):
    # Only a number is checked: text that is not one already has its own message.
    if field.data is not None and not 0 <= field.data <= MAX_TARGET:
        raise ValidationError(_l("Enter a whole number from 0 to %(max)d.", max=MAX_TARGET))


def _target_field(label):
    return IntegerField(label, validators=[Optional(), _in_range],
                        render_kw={"inputmode": "numeric", "min": 0})


class TargetsForm(Form):
    """One row of target fields for the office and one per commune."""

    def rows(self):
        """(commune code or None, {metric: field}) in the order shown."""
        return [(code, {m: self[f"{key}-{m}"] for m in self.meta.metrics})
                for code, key in self.meta.row_keys]

    def values(self):
        """{commune code or None: {metric: value or None}}."""
        return {code: {m: f.data for m, f in fields.items()} for code, fields in self.rows()}

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        # A month's target is a share of the year's: it cannot be larger.
        for code, fields in self.rows():
            yearly = self.meta.yearly.get(code, {})
            for metric, field in fields.items():
                if field.data is not None and yearly.get(metric) is not None \
                        and field.data > yearly[metric]:
                    field.errors.append(_l("More than the year's target (%(year)d).",
                                           year=yearly[metric]))
                    ok = False
        return ok


def targets_form(communes, metrics, yearly=None, **kwargs):
    """A targets form for the office and its communes; `yearly` bounds a month's targets."""
    row_keys = [(None, "office")] + [(c["code"], f"c{c['code']}") for c in communes]
    fields = {f"{key}-{m}": _target_field(METRIC_LABELS[m]) for _code, key in row_keys
              for m in metrics}
    form_class = type("OfficeTargetsForm", (TargetsForm,), fields)
    return form_class(meta={"row_keys": row_keys, "metrics": metrics, "yearly": yearly or {}},
                      **kwargs)


def year_choices(today=None):
    """Years a target can be set for: a few back, next year ahead."""
    today = today or clock.today()
    return list(range(today.year - 3, today.year + 2))
