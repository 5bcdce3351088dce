"""Error pages in the user's language."""

from urllib.parse import urlsplit

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from . import store
from .i18n import gettext as _
from .text import local_path


def page(status, title, message):
    """The error page in the user's language, with its status and a way back."""
    return render_template("error.html", status=status, title=title, message=message,
                           back=_back()), status


def _back():
    """The page the user came from, when it is one of this site's and not this one: the way
    back from an error. Only a path is kept, so the link cannot lead off the site."""
    came_from = urlsplit(request.referrer or "")
    if came_from.netloc != request.host:
        return None
    back = local_path(came_from.path + (f"?{came_from.query}" if came_from.query else ""),
                      None)
    # A browser reads "/\x" as "//x", another site.
    if back is None or "\\" in back or back == request.full_path.rstrip("?"):
        return None
    return back


def bad_request(e):
    # A link changed by hand, cut short by a messaging app or garbled on the way (an export's
    # dates, a page's filters): nothing was done.
    return page(400, _("This link does not work"),
                _("The address is incomplete or was changed, so the page cannot be shown. Go"
                  " back and follow the link or send the form again."))


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


def other_error(e):
    """Any other refusal (a request too large, ...) in the user's language; a redirect of the
    router is no error and goes on as it is."""
    if e.code is None or e.code < 400:
        return e
    if e.code >= 500:
        return server_error(e)[0], e.code
    return page(e.code, _("This request cannot be answered"),
                _("Nothing was done. Go back and try again; if it keeps happening, tell your"
                  " administrator."))


def init_app(app):
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(400, bad_request)
    app.register_error_handler(403, forbidden)
    app.register_error_handler(404, not_found)
    app.register_error_handler(405, method_not_allowed)
    app.register_error_handler(store.Invalid, not_saved)
    app.register_error_handler(500, server_error)
    app.register_error_handler(HTTPException, other_error)
