"""The user guide as a page and as a PDF, and the header's link to the section for each page.

Neither needs a login, on purpose: the guide is the app's own text and holds nothing of any
office or person, and those who need it most are the ones who cannot log in (an administrator
on an enrolled laptop, where administrators no longer log in; an officer whose new password has
not reached this laptop yet). The PDF is laid out once per language per process (`printed`), so
an anonymous request costs no more than a static file.
"""

import io

from flask import Blueprint, current_app, render_template, request, send_file, url_for

from ..i18n import get_locale
from .guide import guide_language, screenshots, section_for

bp = Blueprint("help", __name__, template_folder="templates")

FILENAMES = {"vi": "huong-dan-fieldapp.pdf", "en": "fieldapp-guide.pdf"}


@bp.app_template_global()
def help_url():
    """The address of the guide's section for the page being shown."""
    return url_for("help.guide", _anchor=section_for(request.endpoint, request.view_args))


@bp.get("/help")
def guide():
    language = guide_language(get_locale())
    shot = screenshots(language, current_app.static_folder,
                       lambda path: url_for("static", filename=path))
    return render_template("help/page.html", language=language, shot=shot,
                           guide=f"help/guide_{language}.html")


@bp.get("/help/guide.pdf")
def pdf():
    """The same guide to print for a training day, in the guide's language."""
    from . import printed  # WeasyPrint takes most of a second to import: only when asked for
    language = guide_language(get_locale())
    return send_file(io.BytesIO(printed.guide_pdf(language)), mimetype="application/pdf",
                     download_name=FILENAMES[language], as_attachment=False, max_age=0)
