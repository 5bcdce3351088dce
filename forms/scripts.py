"""Communication scripts: a script's text in one language."""

from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from fieldapp.i18n import lazy_gettext as _l

from . import Form, required


class ScriptTextForm(Form):
    title = StringField(_l("Title"), validators=[
        required(), Length(max=200, message=_l("At most %(max)d characters."))])
    key_messages = TextAreaField(_l("Key messages"), validators=[
        required(), Length(max=10000, message=_l("At most %(max)d characters."))],
        description=_l("Figures such as {base_salary} or {voluntary_bhxh_min_monthly} are "
                       "filled in from the policy figures in force."))
    questions = TextAreaField(_l("Common questions and answers"), validators=[
        Length(max=10000, message=_l("At most %(max)d characters."))],
        description=_l("One block per question: the question on the first line, the answer "
                       "below, a blank line between blocks."))
    reviewed = BooleanField(_l("Reviewed by a speaker of this language"))


class NewScriptForm(ScriptTextForm):
    target_group = SelectField(_l("Target group"), validators=[required()])
    topic = SelectField(_l("Topic"), validators=[required()])
