"""Protocol 4's pull answer: the central log cut into pages, each office's closed page encoded
and gzipped once and served as the same bytes to every laptop of the office.

A page is a fixed window of the log, seq in (k·PAGE, (k+1)·PAGE]; it is closed for a request
whose bound (`upto`) reaches its end, since everything in it has committed (sync.store, point
2). What a closed page holds depends only on the office and its communes, never on the device
that asks: each change says which device it came from when that device holds it exactly
(`origin_has_it`), and the laptop skips its own (unless it asked for them, `mine`). Where a
whole page is not closed (the cursor starts inside it, or the bound ends inside it) the answer
takes its closed slices of PAGE/8 entries, cached alike; only the entries up to the first
slice's start and after the last closed slice are encoded for each request.

A page's values are the rows' values when it was encoded; a later change of a row is a later
log entry, in a later page or the tail, which the laptop applies after it (docs/sync-protocol.md,
"Pull"). What rewrites what was logged (an erasure, a row's entries given another commune,
compaction) calls `invalidate`, which moves the store's generation on: every process then
encodes its pages again.

The processes serving one store (gunicorn's workers) share what they encode through files in the
store's `pages_folder`, one folder per generation: a page is encoded by the first worker asked
for it, not by each. Each process keeps the pages it served last in memory in front of them.
"""

import gzip
import hashlib
import json
import os
import shutil
import threading
from collections import OrderedDict
from pathlib import Path

# Log entries per page (smaller in tests, to close pages with few changes).
PAGE = int(os.environ.get("FIELDAPP_PULL_PAGE", "2048"))
# A page still open is served in closed slices, each encoded once too: in an evening's rush
# the open page fills while every laptop asks, and each would have it encoded again.
SLICE = max(1, PAGE // 8)
# An answer takes no further page once it holds this many changes (a page is never cut: one
# answer may hold up to a page more). Pages cost the server little once encoded, while every
# request costs it a lookup of the device and its lineage: a laptop of an office of 200 pulls
# an evening's 38,000 changes in 4 requests rather than 21 (a laptop applies 10,000 changes in
# about a second, in one transaction).
MOST_CHANGES = int(os.environ.get("FIELDAPP_PULL_MOST_CHANGES", "10000"))
COMPRESSION = 6          # a page is packed once for many answers: a little more than a request
GENERATION = "pull_pages_generation"
# Memory for encoded pages in each server process (gunicorn's workers each keep their own).
CACHE_BYTES = int(float(os.environ.get("FIELDAPP_PULL_CACHE_MB", "64")) * 2**20)
# Disk for the pages the processes share, in files: past it the oldest files go.
SHARED_BYTES = int(float(os.environ.get("FIELDAPP_PULL_SHARED_MB", "512")) * 2**20)
# Debugging and tests: a line per page encoded for the cache ("pid office page generation").
BUILT_LOG = os.environ.get("FIELDAPP_PULL_PAGES_LOG")
_NONE = -1               # no device: a stamp without one, a change its origin does not hold


class Page:
    """A closed page as a gzip member of its JSON, shared by the answers that carry it."""

    __slots__ = ("gz", "count", "held_by")

    def __init__(self, text, count, held_by, gz=None):
        self.gz = gz if gz is not None else gzip.compress(text, compresslevel=COMPRESSION,
                                                          mtime=0)
        # The one device holding every change of the page already, if one does: the page is
        # nothing to that device, which is not sent it (a laptop's own pushes come back to it
        # otherwise, a 10,000-record first push as 700 KB of pages).
        self.count, self.held_by = count, held_by


class _Cache:
    """Encoded pages, least recently used dropped first past `limit` bytes; only the latest
    generation seen is kept, so an erased value leaves memory with its pages."""

    def __init__(self, limit):
        self.limit, self.size, self.generation = limit, 0, -1
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            self._move_to(generation)
            # A database older than the pages seen (restored under a running server) has none.
            page = self.pages.get(key) if generation == self.generation else None
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, generation, page):
        with self.lock:
            self._move_to(generation)
            if generation != self.generation or key in self.pages or len(page.gz) > self.limit:
                return
            self.pages[key] = page
            self.size += len(page.gz)
            while self.size > self.limit:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.gz)

    def _move_to(self, generation):
        if generation > self.generation:
            self.pages.clear()
            self.size, self.generation = 0, generation

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size, self.generation = 0, -1


cache = _Cache(CACHE_BYTES)


class _Shared:
    """Encoded pages as files in a folder the store's processes share: `g<generation>/<key>`,
    each a line "count holder" then the page's gzip member. A file appears whole (written
    aside, then renamed); a newer generation's folder makes the older ones go."""

    # Writes between two looks at the folder's size, in each process.
    PRUNE_EVERY = 64

    def __init__(self):
        self.writes = 0
        # The generation each folder was last seen at by this process.
        self.seen = {}

    def seeing(self, folder, generation):
        """Note the generation a request read: the first to see a newer one removes the older."""
        if self.seen.get(folder, -1) < generation:
            self.forget_before(folder, generation)
            self.seen[folder] = generation

    def get(self, folder, key, generation):
        try:
            data = (Path(folder) / f"g{generation}" / _file_name(key)).read_bytes()
        except OSError:
            return None
        head, _, gz = data.partition(b"\n")
        count, held_by = head.decode().split(" ")
        return Page(None, int(count), None if held_by == "-" else held_by, gz=gz)

    def put(self, folder, key, generation, page):
        here = Path(folder) / f"g{generation}"
        try:
            here.mkdir(mode=0o700, parents=True, exist_ok=True)
            aside = here / f".{_file_name(key)}.{os.getpid()}.{threading.get_ident()}"
            aside.write_bytes(f"{page.count} {page.held_by or '-'}\n".encode() + page.gz)
            aside.replace(here / _file_name(key))
            if _newest(folder) > generation:
                # Invalidated meanwhile (an erasure, say): this page's values may be gone.
                shutil.rmtree(here, ignore_errors=True)
        except OSError:
            return  # a cache: a full disk or a folder removed under it costs an encoding
        self.writes += 1
        if self.writes % self.PRUNE_EVERY == 0:
            _prune(here, SHARED_BYTES)

    def forget_before(self, folder, generation):
        """Remove the files of generations older than `generation` (its folder made first, so
        that a process still writing an older page sees it and removes its own)."""
        (Path(folder) / f"g{generation}").mkdir(mode=0o700, parents=True, exist_ok=True)
        for older in Path(folder).glob("g*"):
            if _generation_of(older) < generation:
                shutil.rmtree(older, ignore_errors=True)


shared = _Shared()


def _file_name(key):
    return hashlib.sha1(repr(key).encode()).hexdigest()


def _generation_of(path):
    try:
        return int(path.name[1:])
    except ValueError:
        return -1


def _newest(folder):
    return max((_generation_of(p) for p in Path(folder).glob("g*")), default=-1)


def _prune(here, limit):
    """Remove the oldest files of a generation's folder past `limit` bytes, down to 3/4 of it."""
    files = []
    for entry in os.scandir(here):
        try:
            info = entry.stat()
        except OSError:
            continue
        files.append((info.st_mtime, info.st_size, entry.path))
    size = sum(f[1] for f in files)
    for _mtime, bytes_, path in sorted(files):
        if size <= limit * 3 // 4:
            break
        try:
            os.remove(path)
        except OSError:
            pass
        size -= bytes_


def clear_shared(folder):
    """Remove every shared page: at a server's start, after a restore (a database restored
    from an older copy logs other changes at the seqs its pages held)."""
    shutil.rmtree(folder, ignore_errors=True)


def invalidate(store):
    """Make every process encode its pages again, in the caller's transaction: to be called by
    whatever rewrites log entries or what they stand for (erasure, rescoping, compaction)."""
    store.set_state(GENERATION, int(store.state(GENERATION, 0) or 0) + 1)


def forget_invalidated(store):
    """Remove the shared pages of generations before the store's (after the transaction that
    invalidated them committed: an erased value leaves the disk with its pages)."""
    folder = store.pages_folder
    if folder and os.path.isdir(folder):  # a laptop shares none
        shared.forget_before(folder, int(store.state(GENERATION, 0) or 0))


def pull(store, device, communes, cursor, upto, mine=False):
    """The next pages of changes the device's office may see after its cursor, up to `upto`,
    read from one snapshot: {"cursor", "more", "counts": [changes in each page, ...], "pages":
    [Page or JSON bytes, ...]}. Pages holding only the device's own changes it holds already
    are left out, unless it asks for them (`mine`)."""
    from . import pull as pulled  # pull.py calls this module for protocol 4
    office, own = device["office_id"], "" if mine else device["id"]
    folder = store.pages_folder
    with store.snapshot():
        generation = int(store.state(GENERATION, 0) or 0)
        if folder:
            shared.seeing(folder, generation)
        place = (office, hashlib.sha1(json.dumps(sorted(communes)).encode()).hexdigest())
        parts, counts, at, count = [], [], cursor, 0
        while at < upto and count < MOST_CHANGES:
            window, end = _window(at, upto)
            page = cache.get((*place, *window), generation) if window else None
            if page is None and window and folder:
                page = shared.get(folder, (*place, *window), generation)
                if page is not None:
                    cache.put((*place, *window), generation, page)
            if page is not None and own and page.held_by == own:
                changes = 0
            elif page is None:
                # Windows with nothing for this office (or only the device's own changes) are
                # stepped over, not encoded one by one.
                following = store.log_visible(at, upto, communes, office, own, 1)
                if not following:
                    at = upto
                    break
                if following[0][0] > end:
                    at = _stepped_to(at, following[0][0], upto)
                    continue
                entries = _entries(store, at, end, communes, office)
                if not window and own:
                    # Encoded for this request alone: its own changes need not travel.
                    entries = [entry for entry in entries if entry[-1] != own]
                text, changes, held_by = _encode(store, pulled.changes_of(
                    store, entries, communes, office))
                if window:
                    page = Page(text, changes, held_by)
                    cache.put((*place, *window), generation, page)
                    if folder:
                        shared.put(folder, (*place, *window), generation, page)
                    _note_built(office, window, generation)
                else:
                    page = text
            else:
                changes = page.count
            if changes:
                parts.append(page)
                counts.append(changes)
            count += changes
            at = end
    return {"cursor": max(at, cursor), "more": at < upto, "counts": counts, "pages": parts}


def _window(at, upto):
    """((size, index), end) of the closed window of the log a pull takes next from `at`: a
    whole page, else a slice of one; (None, end) for the entries up to the next slice or
    the bound, encoded for one request."""
    for size in (PAGE, SLICE):
        if at % size == 0 and at + size <= upto:
            return (size, at // size), at + size
    return None, min((at // SLICE + 1) * SLICE, upto)


def _stepped_to(at, seq, upto):
    """Where a pull goes on from, to take the entry `seq` next: the start of its page when
    that is not behind `at` and the page is closed, so that office-mates share whole pages;
    else of its slice (always past `at`: `seq` lies beyond the window at `at`)."""
    page = (seq - 1) // PAGE * PAGE
    if at <= page and page + PAGE <= upto:
        return page
    return (seq - 1) // SLICE * SLICE


def _entries(store, after, upto, communes, office):
    """The log entries of a page the office may see, each with the device that holds it
    already (None when no device does): (seq, table, id, fields, trail, holder)."""
    rows = store.log_visible(after, upto, communes, office, "", PAGE + 1)
    held = {}
    for start in range(0, len(rows), 500):
        held.update((r["seq"], r["origin"]) for r in store.find(
            "sync_log", only=["seq", "origin"], origin_has_it=1,
            seq=[row[0] for row in rows[start:start + 500]]))
    return [(*row, held.get(row[0])) for row in rows]


def _note_built(office, window, generation):
    if BUILT_LOG:
        with open(BUILT_LOG, "a") as f:
            f.write(f"{os.getpid()} {office} {window[0]}x{window[1]} {generation}\n")


def _encode(store, changes):
    """(JSON bytes of a page, its number of changes, the one device holding them all or None)
    from [(change, holder)], compactly:

    {"devices": [device id, ...],
     "shapes": [[table, field name, ...], ...],
     "changes": [[shape, id, holder, [value, stamp, device, ...], trail?], ...]}

    A stamp is sent without its device, given instead as an index into "devices" (-1: the
    stamp is sent whole); a holder is the index of the device that holds the change already
    (-1: none).
    """
    devices, shapes, rows = {}, {}, []
    for change, holder in changes:
        fields = change["fields"]
        shape = (change["table"], *fields)
        index = shapes.setdefault(shape, len(shapes))
        values = []
        for value, stamp, _base in fields.values():
            head, dot, maker = stamp.rpartition(".")
            if dot and head:
                values += (value, head, devices.setdefault(maker, len(devices)))
            else:
                values += (value, stamp, _NONE)
        row = [index, change["id"],
               _NONE if holder is None else devices.setdefault(holder, len(devices)), values]
        if "trail" in change:
            row.append(change["trail"])
        rows.append(row)
    text = json.dumps({"devices": list(devices), "shapes": [list(s) for s in shapes],
                       "changes": rows}, ensure_ascii=False, separators=(",", ":"))
    holders = {holder for _change, holder in changes}
    return text.encode(), len(rows), holders.pop() if len(holders) == 1 else None


class Garbled(ValueError):
    """A pull answer of protocol 4 that does not hold what it says."""


def decode(pull, device_id=None, mine=False):
    """The changes of a pull answer as a laptop applies them ({table, id, fields, trail?}, in
    order), whatever its protocol; in protocol 4 the laptop's own changes it holds already are
    skipped unless it asked for them (`mine`), as the server left them out before."""
    if "pages" not in pull:
        return pull.get("changes", [])
    try:
        pages = [_page(page) for page in pull["pages"]]
        held = [len(page["changes"]) for page in pages]
        if held != pull.get("counts", held):
            raise ValueError("its pages do not hold the changes it counts")
        return [change for page in pages for change in _decoded(page, device_id, mine)]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
        raise Garbled(f"a page of the pull answer is garbled ({e})") from None


def _page(page):
    """A page as JSON, also one still encoded (an answer built in this process)."""
    if isinstance(page, Page):
        return json.loads(gzip.decompress(page.gz))
    if isinstance(page, bytes):
        return json.loads(page)
    return page


def _decoded(page, device_id, mine):
    devices = page["devices"]
    # Index -1 (a stamp given whole) takes the empty suffix at the end.
    suffixes = ["." + d for d in devices] + [""]
    own = devices.index(device_id) if device_id in devices and not mine else None
    shapes = [(shape[0], shape[1:]) for shape in page["shapes"]]
    out = []
    for row in page["changes"]:
        if row[2] == own:
            continue
        table, names = shapes[row[0]]
        values = row[3]
        change = {"table": table, "id": row[1], "fields": {
            name: [value, head + suffixes[maker], ""] for name, value, head, maker in
            zip(names, values[0::3], values[1::3], values[2::3], strict=True)}}
        if len(row) > 4:
            change["trail"] = row[4]
        out.append(change)
    return out


def render(payload, compress):
    """(body bytes, whether gzipped) of an answer: its pages spliced in as they are, a cached
    page's gzip member as it was packed (gzip members one after another are one gzip stream)."""
    pull = payload.get("pull")
    if not (isinstance(pull, dict) and isinstance(pull.get("pages"), list)):
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        if compress and len(body) > 512:
            return gzip.compress(body, compresslevel=5, mtime=0), True
        return body, False
    # No other "pages" key exists in an answer, and inside a string its quotes are escaped.
    # The pages come last, so that a reader may take everything else before them.
    envelope = {**{k: v for k, v in payload.items() if k != "pull"},
                "pull": {**{k: v for k, v in pull.items() if k != "pages"}, "pages": None}}
    text = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
    before, after = text.split(b'"pages":null', 1)
    parts = [before + b'"pages":[']
    for n, page in enumerate(pull["pages"]):
        if n:
            parts.append(b",")
        parts.append(page)
    parts.append(b"]" + after)
    if not compress:
        return b"".join(gzip.decompress(p.gz) if isinstance(p, Page) else p for p in parts), False
    packed, loose = [], []
    for part in parts:
        if isinstance(part, Page):
            if loose:
                packed.append(gzip.compress(b"".join(loose), compresslevel=5, mtime=0))
                loose = []
            packed.append(part.gz)
        else:
            loose.append(part)
    packed.append(gzip.compress(b"".join(loose), compresslevel=5, mtime=0))
    return b"".join(packed), True
