"""The reach package agrees with the tables and triggers migration 0010 made."""

from fieldapp.reach import REACH_COUNTING_TRIGGERS, REACH_FILTER_TRIGGERS, counts


def test_the_counting_triggers_named_are_every_trigger_on_reach(db):
    """A bulk load drops the counting triggers named, then rebuilds: none may be left counting;
    the only other trigger on reach keeps removed people out of it."""
    on_reach = {row[0] for row in db.execute(
        "select name from sqlite_master where type = 'trigger' and tbl_name = 'reach'")}
    assert set(REACH_COUNTING_TRIGGERS) | set(REACH_FILTER_TRIGGERS) == on_reach


def test_running_code_rebuilds_the_counts_as_the_frozen_triggers_do(db):
    """A commune given to another office rebuilds the counts with the SQL step 0010 wrote into
    its triggers; rebuild_reach_counts runs the same statements."""
    for trigger in ("reach_counts_office_communes_ai", "reach_counts_office_communes_au"):
        sql = db.execute("select sql from sqlite_master where name = ?", [trigger]).fetchone()[0]
        assert all(f"{statement};" in sql for statement in counts._REBUILT), trigger
