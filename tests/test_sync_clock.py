"""The engine's one clock: one stored text for a recorded time, and every older form still read."""

import re
from datetime import datetime, timezone

from fieldapp import store
from sync import clock

MOMENT = datetime(2026, 11, 27, 18, 30, 0, 123000, tzinfo=timezone.utc)


def test_a_recorded_time_is_stored_as_the_store_always_wrote_it():
    assert clock.stamp(MOMENT) == "2026-11-27T18:30:00.123+00:00"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", clock.stamp())
    assert len(clock.stamp()) == len(store.now())


def test_every_form_ever_stored_reads_as_the_same_moment():
    second = MOMENT.replace(microsecond=0)
    for text in ("2026-11-27T18:30:00Z", "2026-11-27T18:30:00+00:00", "2026-11-27T18:30:00",
                 "2026-11-28T01:30:00+07:00"):
        assert clock.parse(text) == second
    for text in ("2026-11-27T18:30:00.123Z", "2026-11-27T18:30:00.123+00:00"):
        assert clock.parse(text) == MOMENT
    assert clock.parse(clock.stamp(MOMENT)) == MOMENT


def test_old_and_new_texts_compare_in_time_order_to_the_second():
    earlier = ["2026-11-27T18:29:59Z", "2026-11-27T18:29:59.999Z", "2026-11-27T18:29:59+00:00"]
    assert all(old < clock.stamp(MOMENT) for old in earlier)
    assert clock.stamp(MOMENT) < "2026-11-27T18:30:01Z"


def test_milliseconds_are_read_from_the_same_clock(monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: MOMENT)
    assert clock.now_ms() == 1795804200123
    assert clock.stamp() == "2026-11-27T18:30:00.123+00:00"
