"""Communication scripts: a script's text in one language."""

import json

from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from fieldapp.i18n import lazy_gettext as _l
from fieldapp.rules import LENGTHS
from fieldapp.text import parse_questions

from . import Form, required

# What a script's questions may hold (fieldapp.rules: a list of at most 100, each question and
# each answer at most LENGTHS["notes"] characters).
MAX_QUESTIONS = 100


class ScriptTextForm(Form):
    class Meta:
        tables = ("script_texts",)

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

    def validate_questions(self, field):
        pairs = parse_questions(field.data)
        if len(pairs) > MAX_QUESTIONS:
            raise ValidationError(_l("At most %(max)d questions.", max=MAX_QUESTIONS))
        if any(len(text) > LENGTHS["notes"] for pair in pairs for text in pair.values()):
            raise ValidationError(_l("A question or its answer has at most %(max)d characters.",
                                     max=LENGTHS["notes"]))

    def stored_values(self):
        # Stored as the list of questions and answers the blocks make.
        return {**super().stored_values(), "questions": json.dumps(
            parse_questions(self.questions.data), ensure_ascii=False)}


class NewScriptForm(ScriptTextForm):
    class Meta:
        tables = ("script_texts", "scripts")

    target_group = SelectField(_l("Target group"), validators=[required()])
    topic = SelectField(_l("Topic"), validators=[required()])
