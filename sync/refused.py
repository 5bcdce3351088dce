"""Records the central server refused: kept in view on the laptop and sent again at every sync.

A refusal is never silent. Each refused record stays listed (one row per record, with the
server's reason) and counts as not synced until a later sync gets it accepted or a user
discards it knowingly. Every sync sends each one again, whole, as the laptop holds it then.
"""

from . import capture, merge


def note(db, sent_after, ack_seq, rejected):
    """Take an answer's refusals, for the changes after `sent_after` up to `ack_seq`: records
    sent in that range and not refused again were accepted."""
    db.execute("delete from sync_refused where seq > ? and seq <= ?", [sent_after, ack_seq])
    at = capture.now_text()
    for r in rejected:
        db.execute("""
            insert into sync_refused (table_name, row_id, seq, code, reason, at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (table_name, row_id) do update
               set seq = max(seq, excluded.seq), code = excluded.code,
                   reason = excluded.reason, at = excluded.at""",
                   [r["table"], r["id"], r["seq"], r.get("code") or "refused", r["reason"], at])


def send_again(db):
    """Log each refused record again, whole, unless its last sending is still unanswered."""
    pushed = int(capture.state(db, "pushed_seq", 0))
    for table, row_id in db.execute("select table_name, row_id from sync_refused"
                                    " where seq <= ? order by seq", [pushed]).fetchall():
        seq = log_whole(db, table, row_id)
        if seq is None:
            db.execute("delete from sync_refused where table_name = ? and row_id = ?",
                       [table, row_id])
        else:
            db.execute("update sync_refused set seq = ? where table_name = ? and row_id = ?",
                       [seq, table, row_id])


def log_whole(db, table, row_id):
    """Log a row whole, as this laptop holds it, marked as sent again (never a conflict);
    return its seq, or None when the row is not here."""
    row = merge._row(db, table, row_id)
    if row is None:
        return None
    fields = {name: [row[name], stamp, ""] for name, stamp in capture.row_clock(row).items()
              if name in row}
    fields.update(merge.extra_fields(db, table, row_id))
    if not fields:
        return None
    capture.log(db, table, row_id, fields, capture.AGAIN)
    return db.execute("select last_insert_rowid()").fetchone()[0]


def discard(db, table, row_id):
    """Stop sending a refused record: it stays on this laptop only."""
    db.execute("delete from sync_refused where table_name = ? and row_id = ?", [table, row_id])
