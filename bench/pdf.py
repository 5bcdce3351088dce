"""Printed summaries: one visit and a batch of 100, next to plain WeasyPrint pages alike in size."""

import io
import statistics
import tempfile
import time
from html import escape
from pathlib import Path

from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from fieldapp import create_app
from fieldapp.db import connect
from fieldapp.printing import documents

from .pages import emit

BATCH = 100
REPEATS = 3
TARGET_RATIO = 1.3
STATIC = Path(__file__).resolve().parent.parent / "fieldapp" / "static"

# The plain pages: the same vendored fonts and page size, the same text, no template or data.
PLAIN_STYLE = """
@font-face { font-family: "Noto Sans"; src: url("fonts/NotoSans-Regular.ttf"); }
@font-face { font-family: "Noto Sans"; font-weight: 700; src: url("fonts/NotoSans-Bold.ttf"); }
@font-face { font-family: "Noto Sans Tai Viet"; src: url("fonts/NotoSansTaiViet-Regular.ttf"); }
@page { size: A5 portrait; margin: 9mm 9mm 11mm; }
body { font-family: "Noto Sans", "Noto Sans Tai Viet"; font-size: 8pt; line-height: 1.3; }
p { margin: 0; }
section { page-break-after: always; }
"""


def plain_pdf(pages_text):
    """WeasyPrint alone: one section of paragraphs per page, nothing else."""
    body = "".join("<section>" + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
                   + "</section>" for text in pages_text)
    html = f"<!doctype html><html><head><style>{PLAIN_STYLE}</style></head><body>{body}"
    return HTML(string=html, base_url=STATIC.as_uri() + "/").write_pdf(
        font_config=FontConfiguration())


def best_of(repeats, make):
    """(fastest seconds, last result): the least disturbed of a few runs."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - started)
    return min(times), result, statistics.median(times)


def run(db_path, batch=BATCH, repeats=REPEATS):
    """Time one summary and a batch, and WeasyPrint on the same text; print JSON lines."""
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as instance:
        app = create_app({"TESTING": False, "DATABASE": str(db_path), "SECRET_KEY": "bench"},
                         instance_path=instance)
        with app.app_context():
            db = connect(str(db_path))
            office_id = db.execute("select id from offices order by created_at").fetchone()[0]
            # Visits that say something: topics discussed and an outcome to print.
            chosen = list(db.query(f"""
                select v.id, h.language from visits v
                  join households h on h.id = v.household_id
                 where v.nobody_home = 0 and exists (select 1 from visit_outcomes o
                                                      where o.visit_id = v.id)
                 order by v.visited_at desc limit {batch}"""))
            documents.visit_summaries_pdf(db, office_id, chosen[:1])  # fonts and templates warm
            results = {}
            for name, visits in (("one visit summary", chosen[:1]),
                                 (f"batch of {len(chosen)} visit summaries", chosen)):
                seconds, pdf, median = best_of(repeats, lambda: documents.visit_summaries_pdf(
                    db, office_id, visits))
                reader = PdfReader(io.BytesIO(pdf))
                text = [page.extract_text() for page in reader.pages]
                plain_seconds, plain, plain_median = best_of(repeats, lambda: plain_pdf(text))
                result = {"measure": name, "seconds": round(seconds, 3),
                          "median_seconds": round(median, 3), "pages": len(reader.pages),
                          "bytes": len(pdf), "plain_weasyprint_seconds": round(plain_seconds, 3),
                          "plain_pages": len(PdfReader(io.BytesIO(plain)).pages),
                          "ratio_to_plain": round(seconds / plain_seconds, 2)}
                emit(result)
                results[name] = result
            db.close()
    one, many = results.values()
    emit({"bench": "pdf", "one_seconds": one["seconds"], "one_ratio": one["ratio_to_plain"],
          "batch": many["pages"], "batch_seconds": many["seconds"],
          "batch_plain_seconds": many["plain_weasyprint_seconds"],
          "batch_ratio": many["ratio_to_plain"], "target_ratio": TARGET_RATIO,
          "within_target": many["ratio_to_plain"] <= TARGET_RATIO})
