"""The instance folder is the app's user's alone: the folder and every folder in it 0700,
every file 0600 (database, -wal, -shm, secret_key, keys.json, config.py, device.json, backups).

New files get these modes from the umask set at start; `make_private` tightens what an older
install, a copy or an editor left readable by others, says so, and refuses to start when it
cannot (a file owned by someone else)."""

import os
import stat
import sys
from pathlib import Path

UMASK = 0o077
FOLDER_MODE, FILE_MODE = 0o700, 0o600


class NotPrivate(Exception):
    """A file of the instance is readable by others and cannot be made private."""


def make_private(instance_path, also=(), say=None):
    """Tighten the instance folder, everything in it and the files in `also` (a database kept
    elsewhere, its -wal and -shm); return the paths changed, each said on stderr."""
    if os.name != "posix":
        return []
    say = say or (lambda line: print(line, file=sys.stderr))
    root = Path(instance_path)
    paths = [root, *_inside(root), *(Path(p) for p in also if Path(p).exists())]
    changed = []
    for path in paths:
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode):
            continue
        wanted = FOLDER_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE
        mode = stat.S_IMODE(info.st_mode)
        if not mode & 0o077:
            continue
        try:
            os.chmod(path, mode & wanted)
        except OSError as e:
            raise NotPrivate(f"{path} can be read by other users of this computer (mode "
                             f"{mode:04o}) and cannot be made private: {e.strerror}. Make it "
                             f"belong to the user running fieldapp, or chmod {wanted:04o} it"
                             ) from None
        say(f"fieldapp: {path} could be read by other users of this computer (mode "
            f"{mode:04o}); now {mode & wanted:04o}")
        changed.append(path)
    return changed


def _inside(root):
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            yield Path(folder) / name
