"""Error pages in the user's language."""

from flask import render_template
from flask_wtf.csrf import CSRFError

from . import store
from .i18n import gettext as _


def page(status, title, message):
    """The error page in the user's language, with its status."""
    return render_template("error.html", status=status, title=title, message=message), status


def forbidden(e):
    return page(403, _("Not allowed"), _("Your role does not allow this page."))


def not_found(e):
    return page(404, _("Page not found"),
                _("This page does not exist, or it belongs to another office."))


def method_not_allowed(e):
    body, status = page(405, _("Not allowed"), _("This address cannot be used that way."))
    # HTTP requires a 405 to say which methods the address does take.
    return body, status, {"Allow": ", ".join(sorted(e.valid_methods or ()))}


def csrf_error(e):
    return page(400, _("The form has expired"),
                _("Go back, reload the page and send the form again."))


def not_saved(e):
    """What the store refused (store.Invalid) and no form caught: nothing was written. The forms
    check the same rules first (forms.Form), so this is a last resort, never a 500."""
    return page(422, _("Not saved"),
                _("A value was not accepted, so nothing was saved. Go back, correct it and send "
                  "the form again."))


def server_error(e):
    return page(500, _("Something went wrong"),
                _("Nothing was saved from the last action. Try again; if it keeps happening, "
                  "tell your administrator."))


def init_app(app):
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(403, forbidden)
    app.register_error_handler(404, not_found)
    app.register_error_handler(405, method_not_allowed)
    app.register_error_handler(store.Invalid, not_saved)
    app.register_error_handler(500, server_error)
