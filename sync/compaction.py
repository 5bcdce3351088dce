"""Compacting the central server's log: entries that a later entry of the same row and scope
has superseded.

A pull sends each logged field as the server holds it now, read from the row; an entry's
fields say only which fields it names. An entry whose every field is named again by later
entries of the same row with the same scope (scope_commune, scope_office) therefore changes
nothing for any cursor: whoever may see it sees those later entries too, after it. So it goes:

- deleted, when it left no history entry (a value sent back, a record logged again);
- otherwise kept with no fields ("{}"), for its trail: a laptop enrolled later still records
  the history every other device holds (sync.trail), and gets the values from the later
  entries.

Pull pages encoded before stay right and are kept: a page holding an entry compacted since
carries that entry's values as they were, and the later entries that superseded it follow it
(docs/sync-protocol.md, "Why values encoded once stay right"); dropping every office's pages
once a minute would have every worker encode them again all evening.

The log is walked row by row in small batches, each in its own merge (no merge waits for more
than one batch); where the last batch ended is kept in sync_state, and the walk starts again
from the first row once it reaches the last.
"""

import json

from . import clock

BATCH = 2000              # log entries read per transaction
EVERY_MINUTES = 1         # after merges: one batch at most this often
_AT, _POSITION = "log_compacted_at", "log_compaction_position"
EMPTY = "{}"


def superseded(entries):
    """(seqs to delete, seqs to empty) among entries ordered by row then seq."""
    delete, empty = [], []
    later, key = set(), None
    for seq, table, row_id, fields, commune, office, trail in reversed(entries):
        if (table, row_id) != key:
            key, later = (table, row_id), {}
        names = set(json.loads(fields))
        named = later.setdefault((commune, office), set())
        if names <= named:
            if trail is None:
                delete.append(seq)
            elif fields != EMPTY:
                empty.append(seq)
        named |= names
    return sorted(delete), sorted(empty)


def compact_batch(store, limit=BATCH):
    """One batch, in its own merge: returns (entries read, deleted, emptied)."""
    with store.merging():
        position = store.state(_POSITION)
        after = tuple(json.loads(position)) if position else None
        entries = store.log_by_row(after, limit)
        delete, empty = superseded(entries)
        if delete:
            store.delete("sync_log", seq=delete)
        if empty:
            store.update("sync_log", {"fields": EMPTY}, seq=empty)
        # A full batch goes on after its last row (a row cut short was judged on the part
        # read, which can only find less); a short one reached the end.
        store.set_state(_POSITION, json.dumps(list(entries[-1][1:3]))
                        if len(entries) == limit else "")
        store.set_state(_AT, clock.stamp())
    return len(entries), len(delete), len(empty)


def compact(store, limit=BATCH):
    """Walk the whole log once from its first row: (entries read, deleted, emptied)."""
    with store.atomic():
        store.set_state(_POSITION, "")
    totals = [0, 0, 0]
    while True:
        read, deleted, emptied = compact_batch(store, limit)
        totals = [totals[0] + read, totals[1] + deleted, totals[2] + emptied]
        if read < limit:
            return tuple(totals)


def after_merge(store, minutes=EVERY_MINUTES):
    """One batch if none ran in the last `minutes` (the central server, after a merge)."""
    last = store.state(_AT)
    # A time ahead of now was recorded under a clock since put right: it says nothing.
    if last and 0 <= (clock.utcnow() - clock.parse(last)).total_seconds() < minutes * 60:
        return None
    return compact_batch(store)

