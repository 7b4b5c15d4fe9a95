"""Hostile files cannot hurt the server (issue 11 item 3): every import command and every upload
page refuses them before a reader allocates anything, with a clear message, exit 2 and nothing
stored. The files are built here, small: the limits they cross are the real ones unless a test
lowers one through settings (IMPORT_<NAME>) to stay fast."""

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from xiezuo.core.models import Job
from xiezuo.funds.models import Project
from xiezuo.labour.models import Opening
from xiezuo.registry.models import AreaPopulation, Person
from xiezuo.tabular import guard
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.read import read_sheets
from xiezuo.tabular.testing.hostile import (
    far_cell,
    lying_bomb,
    xlsx,
    zip_bomb,
)

SRC = Path(__file__).resolve().parent.parent / "src"

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# --- the reader itself --------------------------------------------------------------------------

def test_a_far_cell_aborts_calamine_in_a_subprocess_and_the_reader_refuses_it_first(tmp_path):
    """The attack, reproduced in a child process (it kills the process that reads it), then the
    same file through the shared reader in another child: refused, the process alive."""
    path = far_cell(tmp_path / "far.xlsx")
    assert path.stat().st_size < 2000
    crash = subprocess.run(
        [sys.executable, "-c", "import sys; from python_calamine import CalamineWorkbook as W;"
         "W.from_path(sys.argv[1]).get_sheet_by_name('S').to_python()", str(path)],
        capture_output=True, timeout=60)
    assert crash.returncode in (-6, 134), crash.returncode  # SIGABRT: allocation failed
    env = {**os.environ, "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "xiezuo.settings_test"}
    safe = subprocess.run(
        [sys.executable, "-c", "import sys, django; django.setup()\n"
         "from xiezuo.tabular.read import read_sheets\n"
         "from xiezuo.tabular.errors import FileRefused\n"
         "try:\n    read_sheets(sys.argv[1])\nexcept FileRefused as e:\n    print(e)",
         str(path)], capture_output=True, text=True, timeout=60, env=env)
    assert safe.returncode == 0, safe.stderr
    assert "far.xlsx" in safe.stdout and "1048576" in safe.stdout


@pytest.mark.parametrize(("name", "body", "words"), [
    ("only_far.xlsx", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "1048576 行"),
    ("wide.xlsx", '<row r="1"><c r="A1"><v>1</v></c><c r="ALM1"><v>1</v></c></row>', "1001 列"),
    ("quoted.xlsx", "<row r='1'><c r='A1'><v>1</v></c><c r='B400000'><v>1</v></c></row>",
     "400000 行"),
    ("spaced.xlsx", '<row r="1"><c r="A1"><v>1</v></c><c r = "XFD1048576"><v>1</v></c></row>',
     "1048576 行"),
    ("no_refs.xlsx", "<row><c><v>1</v></c></row>" + "<row/>" * 10 + "<row>" + "<c/>" * 1500
     + "<c><v>1</v></c></row>", "1501 列"),
    ("area.xlsx", '<row r="1"><c r="A1"><v>1</v></c></row>'
                  '<row r="200000"><c r="ALL200000"><v>1</v></c></row>', "单元格"),
])
def test_an_absurd_used_range_is_refused_before_the_reader_allocates_it(tmp_path, name, body,
                                                                       words):
    path = xlsx(tmp_path / name, body)
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert name in str(e.value) and words in str(e.value)


def test_an_ordinary_workbook_passes_the_range_check_exactly(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    for r in range(1, 31):
        wb.active.append([f"v{r}-{c}" for c in range(29)])
    wb.save(tmp_path / "ok.xlsx")
    assert guard.scan_xlsx(tmp_path / "ok.xlsx") == {"xl/worksheets/sheet1.xml": (30, 29)}
    assert len(read_sheets(tmp_path / "ok.xlsx")[0][0][1]) == 30


def test_a_zip_bomb_is_refused_from_its_central_directory_without_inflating(tmp_path):
    path = zip_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 200_000
    with pytest.raises(FileRefused) as e:
        with path.open("rb") as f:
            guard.check_zip(f, name=path.name)
    assert "压缩炸弹" in str(e.value) and "xl/worksheets/sheet1.xml" in str(e.value)
    with pytest.raises(FileRefused):
        read_sheets(path)


def test_a_member_that_inflates_past_its_declared_size_is_stopped_while_inflating(tmp_path):
    path = lying_bomb(tmp_path / "liar.xlsx")
    with path.open("rb") as f:
        guard.check_zip(f, name=path.name)  # the directory alone looks harmless
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert "超过声明的大小" in str(e.value)


def test_the_total_inflated_size_is_bounded(tmp_path, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1 << 20
    settings.IMPORT_MAX_RATIO = 10 ** 6
    path = zip_bomb(tmp_path / "big.xlsx", megabytes=2)
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert "解压后" in str(e.value)


@pytest.mark.parametrize(("name", "content", "words"), [
    ("photo.xlsx", PNG, "PNG"),
    ("photo.xls", PNG, "PNG"),
    ("photo.csv", PNG, "PNG"),
    ("zip.xlsx", b"PK\x03\x04" + b"\x00" * 40, ".xlsx"),
    ("words.xlsx", b"just some text, not a workbook", ".xlsx"),
    ("binary.csv", b"a,b\n\x00\x01\x02", "二进制"),
])
def test_the_type_comes_from_the_content(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert name in str(e.value) and words in str(e.value)


def test_an_xlsx_without_the_ooxml_parts_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "plain.xlsx", "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(FileRefused) as e:
        read_sheets(tmp_path / "plain.xlsx")
    assert "[Content_Types].xml" in str(e.value)


def test_size_is_checked_before_reading(tmp_path, settings, monkeypatch):
    settings.IMPORT_MAX_FILE_BYTES = 1000
    path = tmp_path / "big.csv"
    path.write_text("姓名,证件号码\n" + "a,b\n" * 1000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before the check"))
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert "big.csv" in str(e.value) and "MB" in str(e.value)


def test_a_csv_field_over_the_csv_limit_is_a_refusal_naming_the_row(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("a,b\n1,2\n3," + "x" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert "第 3 行" in str(e.value) and "131072" in str(e.value)


def test_a_million_column_header_is_refused_without_keeping_its_columns(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(1_000_000)) + "\n", encoding="utf-8")
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert "1000000 列" in str(e.value) and len(str(e.value)) < 200


def test_many_rows_are_refused(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 50
    path = tmp_path / "long.csv"
    path.write_text("a,b\n" + "1,2\n" * 100, encoding="utf-8")
    with pytest.raises(FileRefused) as e:
        read_sheets(path)
    assert "50 行" in str(e.value)


def test_a_cell_longer_than_excel_allows_is_refused_naming_row_and_column(tmp_path):
    from xiezuo.tabular.columns import Col
    from xiezuo.tabular.read import read_table

    path = tmp_path / "long.csv"
    path.write_text("姓名,证件号码\n张三,1\n" + "李" * 40_000 + ",2\n", encoding="utf-8")
    with pytest.raises(FileRefused) as e:
        read_table(path, columns=(Col("姓名", "name"),), markers=("姓名", "证件号码"))
    assert "第 3 行" in str(e.value) and "姓名" in str(e.value) and "40000" in str(e.value)


def test_ignored_columns_are_listed_a_few_at_most(tmp_path):
    from xiezuo.tabular.columns import Col
    from xiezuo.tabular.read import read_table

    path = tmp_path / "extra.csv"
    path.write_text("姓名," + ",".join(f"多余{i}" for i in range(900)) + "\n张三\n",
                    encoding="utf-8")
    sheet = read_table(path, columns=(Col("姓名", "name"),), markers=("姓名",))
    assert len(sheet.ignored_columns) == 51 and "850" in sheet.ignored_columns[-1]


# --- every import command: exit 2, a clear message, nothing stored ----------------------------

def _command(name: str, path: Path, *extra) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command(name, str(path), "--json", *extra, stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as e:
        code = e.code
    return code, json.loads(out.getvalue())


COMMANDS = [
    ("import_roster", (), lambda: Person.objects.count()),
    ("import_population", (), lambda: AreaPopulation.objects.count()),
    ("import_labour_survey", (), lambda: 0),
    ("import_openings", (), lambda: Opening.objects.count()),
    ("import_funds", ("--kind", "projects", "--user", "fund_officer-621124000000"),
     lambda: Project.objects.count()),
]
HOSTILE = [
    ("far.xlsx", far_cell, "1048576"),
    ("bomb.xlsx", zip_bomb, "压缩炸弹"),
    ("photo.xlsx", lambda p: (p.write_bytes(PNG), p)[1], "PNG"),
    ("huge.csv", lambda p: (p.write_text("a\n" + "x" * 140_000 + "\n"), p)[1], "131072"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("command", "extra", "count"), COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize(("name", "build", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_every_import_command_refuses_hostile_files_with_exit_2(
        tmp_path, users, command, extra, count, name, build, words):
    before = count()
    code, out = _command(command, build(tmp_path / name), *extra)
    assert code == 2 and name in out["error"] and words in out["error"]
    assert count() == before


# --- every upload page: the form refuses before a job starts ------------------------------------

PAGES = [  # the pages' paths, not their names: the test holds whatever the names become
    ("/registry/import/", "county_admin", {}),
    ("/registry/population/import/", "county_admin", {}),
    ("/labour/import/", "county_admin", {"kind": "survey"}),
    ("/funds/import/", "county_admin", {"kind": "projects"}),
]


def _post(client, url, data, name, content):
    return client.post(url, {**data, "file": SimpleUploadedFile(name, content)})


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role", "data"), PAGES, ids=[p[0] for p in PAGES])
def test_every_upload_page_checks_suffix_size_and_content(client, users, settings, url_name,
                                                          role, data, tmp_path):
    client.force_login(users[role])
    page = _post(client, url_name, data, "photo.pdf", b"%PDF-1.4").content.decode()
    assert "请上传 .xlsx、.xls 或 .csv 文件" in page
    page = _post(client, url_name, data, "photo.xlsx", PNG).content.decode()
    assert "photo.xlsx" in page and "PNG" in page
    bomb = zip_bomb(tmp_path / "bomb.xlsx").read_bytes()
    assert "压缩炸弹" in _post(client, url_name, data, "bomb.xlsx", bomb).content.decode()
    settings.IMPORT_MAX_FILE_BYTES = 100
    page = _post(client, url_name, data, "big.csv", b"a,b\n" + b"1,2\n" * 100).content.decode()
    assert "big.csv" in page and "MB" in page
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_far_cell_uploaded_fails_its_job_and_the_worker_lives(client, users, tmp_path):
    """The web import reads the file in the task: the job fails with the reason."""
    client.force_login(users["county_admin"])
    _post(client, "/funds/import/", {"kind": "projects"}, "far.xlsx",
          far_cell(tmp_path / "far.xlsx").read_bytes())
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "1048576" in job.message


@pytest.mark.django_db
def test_the_funds_import_keeps_no_copy_of_a_refused_or_dry_run_file(tmp_path, users, settings):
    settings.DATA_DIR = str(tmp_path / "data")  # this test's own: other tests keep their files
    uploads = Path(settings.DATA_DIR) / "uploads" / "funds"
    who = ("--kind", "projects", "--user", "fund_officer-621124000000")
    refused = tmp_path / "p.csv"
    refused.write_text("项目编号,项目名称\nA,B\n", encoding="utf-8")
    assert _command("import_funds", refused, *who)[0] == 2
    dry = tmp_path / "d.csv"
    dry.write_text("项目编号,项目名称,项目类别,资金年度,实施村,预算（元）\n"
                   "A,B,村组道路,2018,621124100201,100\n", encoding="utf-8")
    code, out = _command("import_funds", dry, *who, "--dry-run")
    assert code == 0 and out["stored"] is False and out["rows"] == 1
    assert not [p for p in uploads.rglob("*") if p.is_file()]
    assert not Project.objects.exists()
