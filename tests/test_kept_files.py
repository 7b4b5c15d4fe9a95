"""Kept files: everything written under the data directory is 0600 (folders 0700), and the
files that are only a step on the way (pending preview uploads, a job's copy of an upload,
roster exports) are removed a day after they were written."""

import os
import stat
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir(mode=0o700)
    with override_settings(DATA_DIR=d, UPLOAD_DIR=d / "uploads", REPORT_DIR=d / "reports"):
        yield d


def _modes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): oct(stat.S_IMODE(p.stat().st_mode))
            for p in root.rglob("*")}


def _roster_csv(roster) -> bytes:
    import csv
    import io

    rows = roster.household("P1", 2)
    rows.append({**roster.household("P2", 1)[0], "证件号码": "62112419800506001X"})  # bad check digit
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(roster.HEADER)
    for r in rows:
        w.writerow([r.get(h, "") for h in roster.HEADER])
    return buf.getvalue().encode("utf-8")


@pytest.mark.django_db
def test_uploads_kept_copies_and_error_reports_are_0600_in_0700_folders(client, users, data_dir,
                                                                       roster):
    client.force_login(users["township_clerk"])
    response = client.post(reverse("registry:import"), {"file": SimpleUploadedFile(
        "花名册.csv", _roster_csv(roster), content_type="text/csv")})
    assert response.status_code == 302
    from xiezuo.core.models import Job

    check = Job.objects.get(kind="registry.import")
    checked = _modes(data_dir)
    wrong = {k: m for k, m in checked.items()
             if m != ("0o700" if (data_dir / k).is_dir() else "0o600")}
    assert any(k.startswith("uploads/registry/incoming/") and k.endswith(".csv")
               for k in checked)  # the page's copy, kept for 正式导入
    assert client.post(reverse("registry:import_confirm", args=[check.pk])).status_code == 302
    modes = {**checked, **_modes(data_dir)}
    assert any(k.startswith("reports/") and k.endswith(".xlsx") for k in modes)  # error report
    assert len([k for k in modes if k.startswith("uploads/") and k.endswith(".csv")]) >= 2
    wrong |= {k: m for k, m in _modes(data_dir).items()
              if m != ("0o700" if (data_dir / k).is_dir() else "0o600")}
    assert wrong == {}


def _age(path: Path, hours: float) -> None:
    t = time.time() - hours * 3600
    for p in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(p, (t, t))


@pytest.mark.django_db
def test_cleanup_removes_pending_uploads_job_copies_and_exports_older_than_a_day(data_dir):
    made = {}
    for key, rel in {"old_pending": "uploads/pending/aaa/r.xlsx",
                     "new_pending": "uploads/pending/bbb/r.xlsx",
                     "old_incoming": "uploads/funds/incoming/ccc/f.xlsx",
                     "old_export": "reports/roster-exports/ddd/roster.xlsx",
                     "new_export": "reports/roster-exports/eee/roster.xlsx",
                     "kept_upload": "uploads/2018/20180101-abc-roster.xlsx",
                     "kept_report": "reports/roster-errors-x.xlsx"}.items():
        p = data_dir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
        made[key] = p
    loose = data_dir / "uploads" / "2018" / "loose.xlsx"
    loose.write_bytes(b"x")
    loose.chmod(0o644)  # written before the umask rule, or copied in by hand
    for key in ("old_pending", "old_incoming", "old_export", "kept_upload", "kept_report"):
        _age(made[key].parent if key.startswith("old") else made[key], 25)
    out = StringIO()
    call_command("cleanup", stdout=out)
    gone = {k for k, p in made.items() if not p.exists()}
    assert gone == {"old_pending", "old_incoming", "old_export"}
    assert not (data_dir / "uploads/pending/aaa").exists()
    assert "删除 3 项" in out.getvalue()
    assert oct(stat.S_IMODE(loose.stat().st_mode)) == "0o600"
