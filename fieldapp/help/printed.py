"""The guide as a PDF for training days: WeasyPrint over the app's static files only (fonts,
screenshots), as the printed summaries are made (`printing/render.py`)."""

import threading

from flask import current_app, render_template

from ..printing.render import html_to_pdf
from .guide import TITLES, screenshots

_made = {}
_lock = threading.Lock()


def guide_pdf(language):
    """The guide's PDF in this language. Laid out on the first request and kept for the process:
    the guide changes only with the app (in debug mode it is laid out every time)."""
    key = (language, current_app.static_folder)
    # One layout at a time: a second request waits for the first one's PDF.
    with _lock:
        if key not in _made or current_app.debug:
            _made[key] = html_to_pdf(guide_html(language), current_app.static_folder)
        return _made[key]


def guide_html(language):
    """The printed guide's HTML, its relative addresses pointing into the static folder."""
    return render_template("help/guide_pdf.html", lang=language, language=language,
                           page_size="A4", title=TITLES[language],
                           guide=f"help/guide_{language}.html",
                           shot=screenshots(language, current_app.static_folder, str))
