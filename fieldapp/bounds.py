"""What an address may carry: every page's query values and path numbers are bounded here, once,
before any view reads them, so that none reaches SQLite or the calendar unusable.

- A query value that reads as a whole number SQLite's 64-bit integers cannot hold
  (`?commune=9223372036854775808`) is read as the nearest one they can, and the page says so:
  the page then answers as for any number past what exists (no such commune: a 404; a page past
  the end: the empty last page; a number of days: its own bound). Never left out, which would
  widen a filter (an export of the whole office instead of one commune).
- NUL characters and lone surrogates are taken out of the values, and the page says so.
- A path number (`<int:...>`) beyond 64 bits matches no page: a 404.
- Dates are the forms' business (forms.Form refuses one outside the calendar beside its field).

The sync API answers devices in JSON and checks its own input: it is left alone.
"""

import re

from flask import flash, request
from werkzeug.routing import IntegerConverter, ValidationError

from .i18n import gettext as _

# What SQLite's integers hold; the text no column can hold (a NUL, which rules refuse, and a lone
# surrogate, which SQLite cannot encode). forms.Form refuses the same in what forms send.
INTEGER_RANGE = (-2 ** 63, 2 ** 63 - 1)
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Longer than any 64-bit number, sign and spaces aside: not worth converting.
_LONGEST = 40
_EXEMPT_BLUEPRINTS = {"sync_api", "static"}


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` within SQLite's integers; a longer number matches no rule (a 404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(map, fixed_digits, INTEGER_RANGE[0] if min is None else min,
                         INTEGER_RANGE[1] if max is None else max, signed)

    def to_python(self, value):
        if len(value) > _LONGEST:
            raise ValidationError()
        return super().to_python(value)


def bounded(value):
    """The value, or, when it reads as a whole number (as int() reads it, which is how
    `request.args.get(name, type=int)` does) that SQLite cannot hold, the nearest one it can."""
    if len(value) > 4000:
        # Past Python's own limit for reading digits: int() refuses it, so no page gets one.
        return value
    try:
        number = int(value)
    except ValueError:
        return value
    return value if INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1] else \
        str(max(INTEGER_RANGE[0], min(number, INTEGER_RANGE[1])))


def bound_query():
    """before_request: the address's query values, bounded (see the module's docstring)."""
    if request.blueprint in _EXEMPT_BLUEPRINTS or request.endpoint in (None, "static"):
        return
    given = list(request.args.items(multi=True))
    too_large = sorted({UNSTORABLE.sub("", name)[:40] for name, value in given
                        if bounded(value) is not value})
    unstorable = any(UNSTORABLE.search(name + value) for name, value in given)
    if not too_large and not unstorable:
        return
    for name in too_large:
        flash(_("The number given for “%(name)s” in the address is too large: the largest "
                "possible was used instead.", name=name), "error")
    if unstorable:
        flash(_("Hidden control characters (NUL) were taken out of the address."), "info")
    # The same kind of dictionary as Flask's (tests count which values a page reads through it).
    request.args = request.parameter_storage_class([
        (UNSTORABLE.sub("", name), UNSTORABLE.sub("", bounded(value)))
        for name, value in given])


def init_app(app):
    """The converter, before any rule is added. The hook is registered by create_app after
    auth's, so that what it says is in the user's language."""
    app.url_map.converters["int"] = BoundedIntegerConverter
