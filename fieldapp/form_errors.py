"""What went wrong on a page: the forms that failed their checks, for the error summary at the
top of the page and the word "Error" at the start of its title."""

from flask import g, get_flashed_messages, has_request_context
from wtforms import FieldList, FormField, widgets
from wtforms.fields import HiddenField


def seen(form):
    """Note a form of this request: its errors, once checked, are the page's problems."""
    if has_request_context():
        g.setdefault("forms", []).append(form)


def problems():
    """(id of the control to go to or None, label, message) for each error of the forms."""
    found = []
    for form in g.get("forms", ()) if has_request_context() else ():
        # A subform checks itself and is walked again with its form: each error once.
        found.extend(p for p in _problems(form) if p not in found)
    return found


def _problems(form):
    for field in form:
        if isinstance(field, FormField):
            yield from _problems(field.form)
        elif isinstance(field, FieldList):
            for entry in field:
                yield from (_problems(entry.form) if isinstance(entry, FormField)
                            else _field_problems(entry))
        else:
            yield from _field_problems(field)


def _field_problems(field):
    hidden = isinstance(field, HiddenField)
    for message in field.errors if isinstance(field.errors, (list, tuple)) else ():
        yield (None if hidden else _control_id(field),
               "" if hidden else field.label.text, str(message))


def _control_id(field):
    # A group of checkboxes or radio buttons is reached through its first box.
    if isinstance(field.widget, widgets.ListWidget) and getattr(field, "choices", None):
        return f"{field.id}-0"
    return field.id


def page_failed():
    """Whether the page reports a failure: a form's errors or an error message."""
    return bool(problems()) or any(
        category == "error" for category, _ in get_flashed_messages(with_categories=True))


def init_app(app):
    app.jinja_env.globals.update(form_problems=problems, page_failed=page_failed)
