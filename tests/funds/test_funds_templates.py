"""The funds imports' templates, filled in as a fund officer would and imported (the example row
left in place and skipped), and the same files saved again by LibreOffice import alike."""

import datetime

import pytest

from xiezuo.funds.imports import (
    DisbursementsImport,
    ProjectsImport,
    import_disbursements,
    import_projects,
)
from xiezuo.funds.models import Disbursement, Project
from xiezuo.tabular.testing.templates import fill_template, libreoffice_copies


@pytest.fixture
def filled(areas, users, build):
    f = build(areas, users)
    officer = f["officer"]
    return [
        ("projects", fill_template(ProjectsImport, [
            {"code": "LT2018-T01", "name": "模板导入的道路", "category": "村组道路", "year": 2018,
             "villages": "621124100201", "budget": 50000, "start_date": datetime.date(2018, 4, 1),
             "planned_end": datetime.date(2018, 10, 31), "status": "实施中"}]),
         lambda p, d: import_projects(actor=officer, path=p, dry_run=d),
         {"projects_created": 1, "rejected": 0}),
        ("disbursements", fill_template(DisbursementsImport, [
            {"project": "LT2018-001", "date": datetime.date(2018, 6, 1), "amount": 1000.5,
             "payee": "临洮县某建筑工程有限公司", "voucher_no": "记-T-001"}]),
         lambda p, d: import_disbursements(actor=officer, path=p, dry_run=d),
         {"disbursements_created": 1, "rejected": 0}),
    ]


def _check(result, counts):
    got = result.as_json()
    assert {k: got[k] for k in counts} == counts, got["errors"]


def test_each_filled_template_imports(filled, tmp_path):
    for name, data, run, counts in filled:
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(data)
        _check(run(path, False), counts)
    assert Project.objects.get(code="LT2018-T01").villages.get().code == "621124100201"
    assert str(Disbursement.objects.get(voucher_no="记-T-001").amount) == "1000.50"


def test_a_template_saved_by_libreoffice_imports_alike(filled, tmp_path, skip_or_fail_in_ci):
    paths = []
    for name, data, _run, _counts in filled:
        paths.append(tmp_path / f"{name}.xlsx")
        paths[-1].write_bytes(data)
    try:
        copies = libreoffice_copies(paths, tmp_path / "lo")
    except FileNotFoundError:
        skip_or_fail_in_ci("LibreOffice (soffice) is not installed")
    for (_name, _data, run, counts), copy in zip(filled, copies, strict=True):
        _check(run(copy, True), counts)
