"""HTML to PDF with WeasyPrint, fetching nothing but the app's own static files."""

import io
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, path2url

logger = logging.getLogger(__name__)

PAGE_SIZES = ("A5", "A4")


class RefusedURL(ValueError):
    """A document asked for something other than one of the app's static files."""


class StaticFilesOnly(URLFetcher):
    """Serve files under one folder; refuse every other URL, so a PDF never reaches the network."""

    def __init__(self, folder):
        super().__init__()
        self.folder = Path(folder).resolve()
        self.refused = []

    def fetch(self, url, headers=None):
        path = (Path(url2pathname(urlsplit(url).path)).resolve()
                if url.startswith("file://") else None)
        if path is None or not path.is_file() or not path.is_relative_to(self.folder):
            self.refused.append(url)
            logger.warning("PDF renderer refused %s", url)
            raise RefusedURL(f"only the app's static files may be used in a PDF: {url}")
        return super().fetch(path2url(str(path)), headers)


def html_to_pdf(html, static_folder, font_config=None):
    """PDF bytes of an HTML document whose relative URLs point into `static_folder`."""
    fetcher = StaticFilesOnly(static_folder)
    base_url = path2url(str(Path(static_folder).resolve())) + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(font_config=font_config or FontConfiguration())


def render_html(template_name, *, page_size="A5", **context):
    """The HTML of templates/pdf/<template_name>, within the app context."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {PAGE_SIZES}")
    return render_template(f"pdf/{template_name}", page_size=page_size, **context)


def render_pdf(template_name, *, page_size="A5", **context):
    """Render templates/pdf/<template_name> to PDF bytes, within the app context."""
    return html_to_pdf(render_html(template_name, page_size=page_size, **context),
                       current_app.static_folder)


def cores():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


@lru_cache(maxsize=1)
def _workers():
    # Spawned, not forked: the server process has threads, and a fork copies their locks.
    return ProcessPoolExecutor(max_workers=cores(), mp_context=multiprocessing.get_context("spawn"))


def documents_to_pdf(documents):
    """Lay out several HTML documents at once, one per core, and join their pages in order."""
    if len(documents) == 1:
        return html_to_pdf(documents[0], current_app.static_folder)
    static_folder = current_app.static_folder
    try:
        parts = list(_workers().map(html_to_pdf, documents, [static_folder] * len(documents)))
    except BrokenProcessPool:
        _workers.cache_clear()
        logger.warning("PDF workers stopped; laying the pages out in this process")
        parts = [html_to_pdf(html, static_folder) for html in documents]
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

