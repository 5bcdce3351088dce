"""What the guide holds: its languages, the section that explains each page, its screenshots."""

import struct
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

# The guide is written in these languages. A user of another (Mông, Thái, Dao, all drafts)
# reads the Vietnamese one, as every officer can.
LANGUAGES = ("vi", "en")
FALLBACK = "vi"
# The printed guide's title (the page's is the header link's "Help").
TITLES = {"vi": "Hướng dẫn sử dụng fieldapp", "en": "fieldapp user guide"}

# The section of the guide (an id in both guide templates) that explains a page. Looked up by
# the page's endpoint, then by its blueprint, so that a page added to an area later still lands
# on its subject; the worklist page by the list it shows ("worklists.show/<kind>"). A page with
# none (an error page, the guide itself) links to the guide's top.
SECTIONS = {
    "auth": "log-in",
    "index": "places",
    "places": "places",
    "places.duplicate_villages": "duplicate-villages",
    "places.merge_villages": "duplicate-villages",
    "households": "households",
    "visits": "record-visit",
    # Correcting and removing: the visit's people page, and the buttons that post (a refusal's
    # error page links here too).
    "visits.correct_people": "corrections",
    "visits.move": "corrections",
    "visits.remove": "corrections",
    "visits.restore": "corrections",
    "visits.undo_save": "corrections",
    "households.remove": "corrections",
    "households.restore": "corrections",
    "households.remove_person": "corrections",
    "households.restore_person": "corrections",
    "group_sessions.remove": "corrections",
    "group_sessions.restore": "corrections",
    "worklists": "worklists",
    "worklists.show/never-visited": "worklist-never-visited",
    "worklists.show/no-bhyt": "worklist-no-bhyt",
    "worklists.show/bhyt-expiring": "worklist-bhyt-expiring",
    "worklists.show/no-bhxh": "worklist-no-bhxh",
    "worklists.show/follow-ups": "worklist-follow-ups",
    "search": "search",
    "group_sessions": "record-session",
    "group_sessions.attendance": "printing",
    "scripts": "scripts",
    "printing": "printing",
    "reports": "reports",
    "reports.dashboard": "dashboard",
    "reports.targets": "targets",
    "syncing": "sync",
    "syncing.conflicts": "conflicts",
    "syncing.resolve": "conflicts",
    "syncing.devices": "laptops",
    "syncing.revoke": "laptops",
    "audit": "audit",
    "admin": "administrator",
    "admin.office_list": "offices",
    "admin.office_new": "offices",
    "admin.office_edit": "offices",
    "admin.user_list": "users",
    "admin.user_new": "users",
    "admin.user_edit": "users",
    "admin.user_password": "users",
    "admin.user_active": "users",
    "admin.list_items": "lists",
    "admin.list_item_active": "lists",
    "translating": "review-translation",
    "translating.index": "translator",
}

# The screenshots the guide shows, one file per language: static/help/<language>-<name>.png,
# made from the running app by `make help-screenshots` (tests/e2e/test_help.py).
SCREENSHOTS = ("home", "household", "worklists", "visit-form", "session-form", "sync",
               "dashboard", "users", "translations")


def guide_language(locale):
    """The language of the guide shown to a user of this interface language."""
    return locale if locale in LANGUAGES else FALLBACK


def section_for(endpoint, view_args=None):
    """The id of the guide's section for a page, or None for the guide's top."""
    if not endpoint:
        return None
    kind = (view_args or {}).get("kind")
    if kind is not None and f"{endpoint}/{kind}" in SECTIONS:
        return SECTIONS[f"{endpoint}/{kind}"]
    if endpoint in SECTIONS:
        return SECTIONS[endpoint]
    return SECTIONS.get(endpoint.rpartition(".")[0])


def screenshot_name(language, name):
    """The screenshot's path under the static folder."""
    return f"help/{language}-{name}.png"


@lru_cache(maxsize=64)
def _png_size(path, mtime):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def screenshots(language, static_folder, address):
    """The guide templates' `shot(name, alt)`: the app's screenshot in the guide's language as
    a figure, its src made by `address(path under the static folder)` (a page's static URL, or
    the PDF's path relative to the static folder). A screenshot not made yet shows nothing."""
    def shot(name, alt):
        path = screenshot_name(language, name)
        file = Path(static_folder) / path
        size = _png_size(str(file), file.stat().st_mtime) if file.is_file() else None
        if size is None:
            return Markup("")
        return Markup('<figure class="screenshot"><img src="{}" alt="{}" width="{}" height="{}">'
                      "</figure>").format(address(path), alt, *size)
    return shot
