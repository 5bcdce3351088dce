"""The office's wall clock: what "now" and "today" mean, and recorded UTC times read in its zone.

The app stores the times it records itself in UTC (`store.now`); officers type times as the
wall clock in Vietnam shows them. Both are read from the sync engine's one UTC clock
(`sync.clock`). The server process's own zone is whatever the machine was set up with (often
UTC), so nothing here asks it: "now" and "today" come from the configured `TIMEZONE`.
"""

from datetime import timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from sync import clock as engine_clock

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"


@lru_cache(maxsize=None)
def named(name):
    """The zone of that IANA name ('Asia/Ho_Chi_Minh'); ZoneInfoNotFoundError when unknown."""
    return ZoneInfo(name)


def zone():
    """The configured zone (`TIMEZONE`); Vietnam's outside an app."""
    if has_app_context():
        return named(current_app.config.get("TIMEZONE") or DEFAULT_ZONE)
    return named(DEFAULT_ZONE)


def utcnow():
    """The current time, aware, in UTC: the one clock the local "now" is read from."""
    return engine_clock.utcnow()


def now():
    """The wall-clock time in the zone, naive like the times officers type."""
    return utcnow().astimezone(zone()).replace(tzinfo=None)


def today():
    """Today's date in the zone: what worklists, dashboards and reports count from."""
    return now().date()


def local(recorded):
    """A recorded UTC time (ISO 8601 text or datetime) as an aware datetime in the zone."""
    moment = engine_clock.parse(recorded) if isinstance(recorded, str) else recorded
    if moment.tzinfo is None:
        # Every recorded time carries its offset; one without is UTC all the same.
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone())
