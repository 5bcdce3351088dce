"""The printed documents, each page in its reader's language, rendered to PDF."""

from flask import render_template

from ..i18n import force_locale, language_is_draft
from . import summaries
from .render import cores, documents_to_pdf, render_html, render_pdf

# Below this many pages a batch is laid out in the request's own process: starting the work on
# other cores costs more than it saves.
PARALLEL_FROM = 24


def visit_summaries_pdf(db, office_id, chosen, *, page_size="A5", language="", estimate=None):
    """One PDF, a page per visit, each in its household's language unless `language` is set.

    `chosen`: dicts with the visit's id and its household's language. `estimate`: what the
    estimate of the family's costs assumes (summaries.visit_summary), the defaults when None.
    """
    pages = []
    for visit in chosen:
        with force_locale(language or visit["language"], db) as code:
            summary = summaries.visit_summary(db, visit["id"], office_id, code, estimate)
            pages.append(render_template("pdf/visit_summary.html", lang=code,
                                         draft=language_is_draft(code), **summary))
    parts = cores() if len(pages) >= PARALLEL_FROM else 1
    size = -(-len(pages) // parts)
    return documents_to_pdf([render_html("visit_summaries.html", page_size=page_size,
                                         pages=pages[start:start + size])
                             for start in range(0, len(pages), size)])


def session_summary_pdf(db, office_id, session_id, *, language, page_size="A4"):
    """The session's summary and attendance sheet; None if the office has no such session."""
    with force_locale(language, db) as code:
        summary = summaries.session_summary(db, session_id, office_id)
        if summary is None:
            return None
        return render_pdf("session_summary.html", page_size=page_size, lang=code,
                          draft=language_is_draft(code), **summary)
