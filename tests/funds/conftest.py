"""The funds tests' set-up as fixtures: `build` (an allocation and three projects) and `pay`
(post one disbursement), each giving the function to call. Both are defined in tests/conftest.py
(as `funds_build` and `funds_pay`, test_backup_restore.py uses them too)."""

import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from openpyxl import Workbook


@pytest.fixture
def build(funds_build):
    """build(areas, users, *, allocation=...) -> {officer, county, allocation, p1, p2, p3}."""
    return funds_build


@pytest.fixture
def pay(funds_pay):
    """pay(project, amount, *, actor, voucher=..., day=...) -> the posted Disbursement."""
    return funds_pay


def _funds_xlsx(path, header, rows, title="临洮县东西部扶贫协作项目表"):
    wb = Workbook()
    ws = wb.active
    ws.append([title])  # a title row above the header, as offices make them
    ws.append([])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _run_import_funds(kind, path, *extra):
    out = StringIO()
    try:
        call_command("import_funds", str(path), "--kind", kind, "--user", "fund_officer-"
                     "621124000000", "--json", *extra, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(out.getvalue())


@pytest.fixture
def funds_xlsx():
    """funds_xlsx(path, header, rows, title=...) -> path: a workbook with a title row above."""
    return _funds_xlsx


@pytest.fixture
def run_import_funds():
    """run_import_funds(kind, path, *options) -> (exit code, the --json summary)."""
    return _run_import_funds


@pytest.fixture
def funds_headers():
    """The header rows the import tests write: .projects (with an extra column), .disbursements."""
    return SimpleNamespace(
        projects=["项目编号", "项目名称", "项目类别", "资金年度", "实施村", "预算(元)", "开工日期",
                  "计划完工日期", "状态", "备用列"],
        disbursements=["项目编号", "支付日期", "金额 (元)", "收款单位或个人", "凭证号"])
