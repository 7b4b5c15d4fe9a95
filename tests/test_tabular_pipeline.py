"""The import pipeline's contract (tabular.pipeline): what every import on it can rely on."""

import csv
import io

import pytest
from django.db import connection

from xiezuo.labour.choices import ImportKind
from xiezuo.labour.models import LabourImport
from xiezuo.tabular.columns import Col
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.pipeline import Importer, Row, run_import
from xiezuo.tabular.result import ImportResult


class _Result(ImportResult):
    created = 0

    def counts(self):
        return {"things_created": self.created}


class Toy(Importer):
    """A number per row; a row whose number is not a digit is rejected."""

    columns = (Col("编号", "n", required=True), Col("名称", "name"))
    markers = ("编号",)
    kind, folder = "toy", "toy"

    def __init__(self, **kw):
        super().__init__(**kw)
        self.calls: list[tuple[str, int]] = []  # (hook, depth of atomic blocks when called)

    def new_result(self, *, dry_run, strict):
        return _Result(dry_run=dry_run, strict=strict)

    def parse_row(self, row: Row):
        self.calls.append(("parse_row", len(connection.atomic_blocks)))
        text = str(row.raw.get("n") or "")
        if not text.isdigit():
            row.error("n", "不是数字")
            return None
        return int(text)

    def match(self, rows):
        self.calls.append(("match", len(connection.atomic_blocks)))
        self.records = [r.record for r in rows if r.ok]
        self.result.created = len(self.records)

    def write(self, imp):
        self.calls.append(("write", len(connection.atomic_blocks)))
        self.written = list(self.records)

    def import_record(self, *, kept, sha, original_name):
        return LabourImport.objects.create(kind=ImportKind.SURVEY, file=kept, sha256=sha,
                                           original_name=original_name)

    def audit(self, imp, summary, original_name):
        self.calls.append(("audit", len(connection.atomic_blocks)))


def _csv(path, rows):
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_text(buf.getvalue(), "utf-8")
    return path


@pytest.fixture
def good(tmp_path):
    return _csv(tmp_path / "good.csv", [["编号", "名称"], ["1", "甲"], ["2", "乙"]])


@pytest.fixture
def one_bad(tmp_path):
    return _csv(tmp_path / "bad.csv", [["编号", "名称"], ["1", "甲"], ["x", "乙"]])


@pytest.mark.django_db
def test_match_runs_before_the_transaction_and_write_inside_it(good):
    spec = Toy()
    r = run_import(spec, path=good)
    depth = dict(spec.calls)
    assert depth["write"] == depth["match"] + 1  # write alone is inside the one atomic block
    assert depth["audit"] == depth["write"]  # the audit is in the same transaction
    assert [c for c, _d in spec.calls] == ["parse_row", "parse_row", "match", "write", "audit"]
    assert spec.written == [1, 2]
    assert (r.rows, r.as_json()["things_created"], r.stored) == (2, 2, True)
    assert LabourImport.objects.get(pk=r.import_id).summary["things_created"] == 2


@pytest.mark.django_db
def test_a_dry_run_writes_and_keeps_nothing(good):
    spec = Toy(dry_run=True)
    r = run_import(spec, path=good)
    assert "write" not in dict(spec.calls) and "audit" not in dict(spec.calls)
    assert (r.rows, r.created, r.stored, r.dry_run) == (2, 2, False, True)
    assert not LabourImport.objects.exists()


@pytest.mark.django_db
def test_strict_refuses_the_whole_file_on_one_rejected_row(one_bad):
    spec = Toy(strict=True)
    r = run_import(spec, path=one_bad)
    assert r.refused and not r.stored and "write" not in dict(spec.calls)
    assert (r.rows, r.created, r.rejected) == (2, 1, 1)
    assert [(e.row, e.column, e.value, e.reason) for e in r.errors] == [(3, "编号", "x", "不是数字")]
    assert r.report  # the error report is written even when the file is refused
    assert not LabourImport.objects.exists()


@pytest.mark.django_db
def test_without_strict_the_good_rows_are_written(one_bad):
    spec = Toy()
    r = run_import(spec, path=one_bad)
    assert r.stored and spec.written == [1] and (r.rows, r.rejected) == (2, 1)


@pytest.mark.django_db
def test_a_file_without_its_required_column_is_refused_by_raising(tmp_path):
    spec = Toy()
    with pytest.raises(FileRefused):
        run_import(spec, path=_csv(tmp_path / "m.csv", [["编号x", "名称"], ["1", "甲"]]))
    assert spec.calls == []


@pytest.mark.django_db
def test_the_accounting_holds_or_the_import_stops(good):
    class Loses(Toy):
        def match(self, rows):
            super().match(rows)
            self.result.created -= 1  # a row neither written, unchanged nor rejected

    with pytest.raises(AssertionError):
        run_import(Loses(), path=good)
    assert not LabourImport.objects.exists()


class Locked(Toy):
    """A locked import whose rehearsal writes an import row per record and refuses 2."""

    locked = True

    def rehearse(self, rows):
        self.calls.append(("rehearse", len(connection.atomic_blocks)))
        for row in rows:
            if row.ok and row.record == 2:
                row.error("n", "写入时被拒绝")
                self.result.created -= 1
            elif row.ok:
                LabourImport.objects.create(kind=ImportKind.SURVEY, file="rehearsed",
                                            sha256="0" * 64)


@pytest.mark.django_db
def test_a_locked_import_matches_inside_the_transaction_and_rehearses_in_a_savepoint(good):
    spec = Locked()
    base = len(connection.atomic_blocks)
    r = run_import(spec, path=good)
    depth = dict(spec.calls)
    assert depth["parse_row"] == base  # parsing stays outside
    assert depth["match"] == depth["rehearse"] == base + 1  # inside the one transaction
    assert [c for c, _d in spec.calls] == ["parse_row", "parse_row", "match", "rehearse", "write",
                                           "audit"]
    # the row the rehearsal refused is rejected and counted like any other
    assert (r.rows, r.created, r.rejected, r.stored) == (2, 1, 1, True)
    assert [(e.row, e.reason) for e in r.errors] == [(3, "写入时被拒绝")]
    assert LabourImport.objects.filter(file="rehearsed").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("options", [{"dry_run": True}, {"strict": True}])
def test_a_dry_run_or_a_refused_strict_run_rolls_the_rehearsal_back(good, options):
    spec = Locked(**options)
    r = run_import(spec, path=good)
    assert (r.created, r.rejected, r.stored) == (1, 1, False)  # what a real run would do
    assert "write" not in dict(spec.calls)
    assert not LabourImport.objects.exists()


def test_rehearse_without_locked_is_a_mistake(good):
    class Unlocked(Locked):
        locked = False

    with pytest.raises(AssertionError, match="rehearse needs locked"):
        run_import(Unlocked(), path=good)
