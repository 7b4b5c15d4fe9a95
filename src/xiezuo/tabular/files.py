"""An imported file's fingerprint, the copy every import keeps, and where its error report goes.

Every import (roster, population, labour) keeps the file it read under the data directory with
its SHA-256, so each stored record can be traced to the file and row it came from.
"""

import hashlib
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def kept_name(path: Path, sha: str, *, folder: str = "") -> Path:
    """DATA_DIR-relative name of the kept copy: uploads/[folder/]YYYY/<time>-<sha>-<name>."""
    safe = re.sub(r"[^\w.\-]+", "_", path.name)[-80:]
    now = timezone.localtime()
    base = Path("uploads") / folder if folder else Path("uploads")
    return base / f"{now:%Y}" / f"{now:%Y%m%d-%H%M%S}-{sha[:12]}-{safe}"


def keep_copy(path: Path, sha: str, *, folder: str = "") -> Path:
    """Copy the file under the data directory; returns the DATA_DIR-relative name."""
    kept = kept_name(path, sha, folder=folder)
    target = Path(settings.DATA_DIR) / kept
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return kept


def default_report_path(source: Path, *, prefix: str) -> Path:
    """REPORT_DIR/<prefix>-errors-<time>-<sha8>.xlsx, for an import given no --report."""
    return (Path(settings.REPORT_DIR) / f"{prefix}-errors-{timezone.localtime():%Y%m%d-%H%M%S}-"
            f"{file_sha256(source)[:8]}.xlsx")
