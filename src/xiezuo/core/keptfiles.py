"""The files Xiezuo keeps under its data directory: who may read them, and how long some stay.

Uploads, error reports, exports and report drafts hold ID numbers and health details, so
everything under XIEZUO_DATA_DIR is for the service's own user only: the settings set the
process umask to 077 (files 0600, directories 0700, whoever writes them) and `tighten()` brings
files written before that rule, or copied in by hand, to the same modes.

Some files are only a step on the way and are removed a day after they were written
(`EXPIRING`): the roster uploads waiting on their preview page, the copies web uploads hand to
their background job, and the roster exports (full ID numbers) waiting for their download.
`cleanup()` removes them; `xiezuo serve` runs it when it starts and every hour, and
`xiezuo cleanup` runs it by hand or from cron.
"""

import os
import shutil
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
MAX_AGE_HOURS = 24

#: DATA_DIR-relative patterns of the entries removed once older than MAX_AGE_HOURS (each is a
#: file or a folder of its own, judged by the newest time inside it).
EXPIRING = (
    "uploads/pending/*",            # roster uploads left by the former preview page (registry)
    "uploads/*/incoming/*",         # a web upload's copy for its background job (core.jobs)
    "reports/roster-exports/*",     # roster exports with full ID numbers, for one download
)

#: Never copied into a backup, whatever their folder: the keys live apart from the data.
KEY_FILE_NAMES = {"secret_key", "field_key"}
KEY_FILE_SUFFIXES = {".key", ".pem"}

#: Folders under DATA_DIR that a backup leaves out: rebuilt by the application itself.
REBUILT = {"static", "cache"}


def is_key_file(path: Path) -> bool:
    """The secret key or field key file (by name, or the files the settings read them from)."""
    if path.name in KEY_FILE_NAMES or path.suffix in KEY_FILE_SUFFIXES:
        return True
    for var in ("XIEZUO_SECRET_KEY_FILE", "XIEZUO_FIELD_KEY_FILE"):
        named = os.environ.get(var, "").strip()
        if named and Path(named).resolve() == path.resolve():
            return True
    return False


def database_files() -> set[Path]:
    """The SQLite database and its journal files, when the database lives in DATA_DIR."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return set()
    name = Path(str(db["NAME"])).resolve()
    return {name, *(name.with_name(name.name + s) for s in ("-wal", "-shm", "-journal"))}


def kept_files(root: Path | None = None) -> list[Path]:
    """The files of DATA_DIR a backup holds: everything but the database, the keys and the
    folders the application rebuilds, sorted by path."""
    root = Path(root or settings.DATA_DIR).resolve()
    skip = database_files()
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here == root:
            dirnames[:] = [d for d in dirnames if d not in REBUILT]
        for name in filenames:
            path = here / name
            if path.is_symlink() or path.resolve() in skip or is_key_file(path):
                continue
            out.append(path)
    return sorted(out)


def tighten(root: Path | None = None) -> int:
    """Bring every file under DATA_DIR to 0600 and every folder to 0700; returns how many
    modes changed."""
    root = Path(root or settings.DATA_DIR)
    changed = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        entries = [(Path(dirpath), PRIVATE_DIR)] + [(Path(dirpath) / f, PRIVATE_FILE)
                                                     for f in filenames]
        for path, mode in entries:
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == mode:
                continue
            path.chmod(mode)
            changed += 1
    return changed


@dataclass
class CleanupResult:
    removed: list[str] = field(default_factory=list)  # DATA_DIR-relative
    tightened: int = 0


def _newest(path: Path) -> float:
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for dirpath, _dirnames, filenames in os.walk(path):
            for name in filenames:
                try:
                    newest = max(newest, (Path(dirpath) / name).lstat().st_mtime)
                except FileNotFoundError:
                    pass
    return newest


def cleanup(*, max_age_hours: float = MAX_AGE_HOURS, now: float | None = None) -> CleanupResult:
    """Remove the EXPIRING entries older than `max_age_hours`, then tighten the modes."""
    root = Path(settings.DATA_DIR)
    cutoff = (now if now is not None else time.time()) - max_age_hours * 3600
    result = CleanupResult()
    for pattern in EXPIRING:
        for entry in sorted(root.glob(pattern)):
            try:
                if _newest(entry) >= cutoff:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
            except FileNotFoundError:
                continue  # removed meanwhile (its job finished)
            result.removed.append(str(entry.relative_to(root)))
    result.tightened = tighten(root)
    return result
