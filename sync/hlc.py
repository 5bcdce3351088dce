"""Hybrid logical clocks: wall time in milliseconds, a counter, and the device; sortable as text.

A stamp is never earlier than any stamp its device has made or seen, so an edit made after
seeing another always sorts after it, whatever the laptops' clocks say.
"""

import re

from . import clock

_STAMP = re.compile(r"^(\d{13})\.(\d{5})\.([A-Za-z0-9-]{1,64})$")
ZERO = ""


def make(wall_ms, counter, device):
    return f"{wall_ms:013d}.{counter:05d}.{device}"


def parse(stamp):
    """(wall ms, counter, device); ValueError for anything else."""
    match = _STAMP.match(stamp or "")
    if not match:
        raise ValueError(f"not a clock stamp: {stamp!r}")
    return int(match[1]), int(match[2]), match[3]


def valid(stamp):
    return bool(_STAMP.match(stamp or ""))


def wall(stamp):
    return parse(stamp)[0]


def device(stamp):
    """The device that made a stamp ("" for none)."""
    return stamp.rsplit(".", 1)[-1] if stamp else ""


def now_ms():
    """The wall time a new stamp takes, from the engine's one clock."""
    return clock.now_ms()


class Clock:
    """One device's clock. `offset_ms` corrects a laptop clock the central server found wrong."""

    def __init__(self, device, last=ZERO, offset_ms=0, now=now_ms):
        self.device = device
        self.last = last
        self.offset_ms = offset_ms
        self._now = now

    def tick(self):
        """A new stamp, later than every stamp made or seen here."""
        wall_ms = max(self._now() + self.offset_ms, 0)
        if self.last:
            last_wall, last_counter, _ = parse(self.last)
            if wall_ms <= last_wall:
                wall_ms, counter = last_wall, last_counter + 1
            else:
                counter = 0
        else:
            counter = 0
        self.last = make(wall_ms, counter, self.device)
        return self.last

    def observe(self, stamp):
        """Move past a stamp received from elsewhere."""
        if stamp and stamp > self.last:
            wall_ms, counter, _ = parse(stamp)
            self.last = make(wall_ms, counter, self.device)


def shifted(stamp, shift_ms, ceiling_ms):
    """The stamp moved by a device's measured clock error, and never later than the ceiling."""
    wall_ms, counter, device = parse(stamp)
    wall_ms = min(wall_ms + shift_ms, ceiling_ms)
    return make(max(wall_ms, 0), counter, device)
