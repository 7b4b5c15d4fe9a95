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
from xiezuo.tabular.testing.templates import fill_template


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



@pytest.mark.parametrize("libreoffice", [False, True], ids=["as-filled", "saved-by-libreoffice"])
def test_each_filled_template_imports(filled, libreoffice, import_filled_templates):
    import_filled_templates(filled, libreoffice=libreoffice)
    if not libreoffice:  # the real run (the LibreOffice copies are checked as a dry run)
        assert Project.objects.get(code="LT2018-T01").villages.get().code == "621124100201"
        assert str(Disbursement.objects.get(voucher_no="记-T-001").amount) == "1000.50"
