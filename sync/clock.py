"""The one UTC clock, Flask-free: what "now" is, and the one text every recorded time is kept as.

A recorded time is stored as ISO 8601 in UTC with milliseconds and its offset written out,
"2026-11-27T18:30:00.123+00:00" (`stamp`), which sorts as text in time order. Rows written
before this was the only form hold "2026-11-27T18:30:00Z", "2026-11-27T18:30:00.123Z" or
"2026-11-27T18:30:00+00:00": `parse` reads each of them, and as text they still compare right to
the second, since the year to the seconds stands at the same places in every form (only within
one second may an old and a new text sort the wrong way round).

Clock stamps (sync.hlc) and the wire's `server_now` and `now` count milliseconds (`now_ms`).
"""

from datetime import datetime, timedelta, timezone

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)


def utcnow():
    """The current time, aware, in UTC: every other reading of the clock comes from here."""
    return datetime.now(timezone.utc)


def stamp(moment=None):
    """A moment (aware; now if none) as the stored text of a recorded time."""
    return (moment or utcnow()).astimezone(timezone.utc).isoformat(timespec="milliseconds")


def parse(text):
    """An aware UTC datetime from a recorded time in any form it was ever stored in."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        # A time stored without its offset was written in UTC, as every time here is.
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def now_ms():
    """Milliseconds since 1970 in UTC: the wall time of a clock stamp."""
    # Whole timedeltas: a float timestamp times 1000 can land a millisecond short.
    return (utcnow() - _EPOCH) // _MS
