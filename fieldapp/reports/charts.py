"""Charts drawn on the server as inline SVG: no script, no font or file from elsewhere, and
plain dark shapes with their numbers written beside them, so that they read on paper too."""

from markupsafe import Markup, escape

from ..i18n import format_number

BAR = "#0b5cad"
TARGET = "#a4161a"
INK = "#1d2330"
GRID = "#9aa3b2"


def _n(value):
    return escape(format_number(value))


def bars(items, *, title, target_label=None, width=720):
    """Horizontal bars, one per (label, value, target or None), with a tick at each target."""
    row, label_width, value_width = 24, 220, 90
    plot = width - label_width - value_width
    top = max([v for _, v, _ in items] + [t or 0 for _, _, t in items] + [1])
    height = row * len(items) + (28 if target_label else 8)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f"<title>{escape(title)}</title>"]
    for i, (label, value, target) in enumerate(items):
        y = i * row
        length = round(plot * value / top, 1)
        parts.append(f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" '
                     f'font-size="12" fill="{INK}">{escape(_short(label))}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row - 8}" '
                     f'fill="{BAR}"/>')
        shown = _n(value) if target is None else Markup(f"{_n(value)} / {_n(target)}")
        parts.append(f'<text x="{label_width + length + 4}" y="{y + 16}" font-size="12" '
                     f'fill="{INK}">{shown}</text>')
        if target is not None:
            x = label_width + round(plot * target / top, 1)
            parts.append(f'<line x1="{x}" x2="{x}" y1="{y + 1}" y2="{y + row - 1}" '
                         f'stroke="{TARGET}" stroke-width="3"/>')
    if target_label:
        y = row * len(items) + 14
        parts.append(f'<line x1="{label_width}" x2="{label_width}" y1="{y - 6}" y2="{y + 6}" '
                     f'stroke="{TARGET}" stroke-width="3"/>')
        parts.append(f'<text x="{label_width + 8}" y="{y + 4}" font-size="12" '
                     f'fill="{INK}">{escape(target_label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def line(points, *, title, width=720, height=240):
    """A line through (label, value) points, each value written above its point."""
    left, right, top_pad, bottom = 48, 16, 24, 28
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max([v for _, v in points] + [1])
    step = plot_w / max(len(points) - 1, 1)
    xy = [(round(left + i * step, 1), round(top_pad + plot_h * (1 - v / top), 1))
          for i, (_, v) in enumerate(points)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f"<title>{escape(title)}</title>",
             f'<line x1="{left}" x2="{width - right}" y1="{top_pad + plot_h}" '
             f'y2="{top_pad + plot_h}" stroke="{GRID}"/>',
             f'<text x="{left - 6}" y="{top_pad + plot_h + 4}" text-anchor="end" font-size="11" '
             f'fill="{INK}">0</text>',
             f'<line x1="{left}" x2="{width - right}" y1="{top_pad}" y2="{top_pad}" '
             f'stroke="{GRID}" stroke-dasharray="4 4"/>',
             f'<text x="{left - 6}" y="{top_pad + 4}" text-anchor="end" font-size="11" '
             f'fill="{INK}">{_n(top)}</text>']
    if len(xy) > 1:
        parts.append(f'<polyline fill="none" stroke="{BAR}" stroke-width="2.5" '
                     f'points="{" ".join(f"{x},{y}" for x, y in xy)}"/>')
    for (label, value), (x, y) in zip(points, xy):
        parts.append(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{BAR}"/>')
        parts.append(f'<text x="{x}" y="{y - 8}" text-anchor="middle" font-size="11" '
                     f'fill="{INK}">{_n(value)}</text>')
        parts.append(f'<text x="{x}" y="{height - 8}" text-anchor="middle" font-size="11" '
                     f'fill="{INK}">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(label, limit=32):
    """Long place names are cut so that the bars keep their room."""
    label = str(label)
    return label if len(label) <= limit else label[:limit - 1] + "…"
