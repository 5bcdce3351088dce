"""Records the central server refused: kept in view on the laptop and sent again at every sync.

A refusal is never silent. Each refused record stays listed (one row per record, with the
server's reason) and counts as not synced until a later sync gets it accepted or a user
discards it knowingly. Every sync sends each one again, whole, as the laptop holds it then.
"""

from . import capture, clock, merge


def note(store, sent_after, ack_seq, rejected):
    """Take an answer's refusals, for the changes after `sent_after` up to `ack_seq`: records
    sent in that range and not refused again were accepted."""
    for r in store.find("sync_refused"):
        if sent_after < r["seq"] <= ack_seq:
            store.delete("sync_refused", table_name=r["table_name"], row_id=r["row_id"])
    at = clock.stamp()
    for r in rejected:
        store.note_refused(r["table"], r["id"], r["seq"], r.get("code") or "refused",
                           r["reason"], at)


def listed(store):
    """The refused records, the latest refusal first."""
    return store.find("sync_refused", order_by=["-at", "-seq"])


def send_again(store):
    """Log each refused record again, whole, unless its last sending is still unanswered."""
    pushed = int(store.state("pushed_seq", 0))
    for r in store.find("sync_refused", order_by=["seq"]):
        if r["seq"] > pushed:
            continue
        key = {"table_name": r["table_name"], "row_id": r["row_id"]}
        seq = log_whole(store, r["table_name"], r["row_id"])
        if seq is None:
            store.delete("sync_refused", **key)
        else:
            store.update("sync_refused", {"seq": seq}, **key)


def log_whole(store, table, row_id):
    """Log a row whole, as this laptop holds it, marked as sent again (never a conflict);
    return its seq, or None when the row is not here."""
    row = merge.row(store, table, row_id)
    if row is None:
        return None
    fields = {name: [row[name], stamp, ""] for name, stamp in capture.row_clock(row).items()
              if name in row}
    fields.update(merge.extra_fields(store, table, row_id))
    if not fields:
        return None
    capture.log(store, table, row_id, fields, capture.AGAIN)
    return store.last_seq()


def discard(store, table, row_id):
    """Stop sending a refused record: it stays on this laptop only."""
    store.delete("sync_refused", table_name=table, row_id=row_id)
