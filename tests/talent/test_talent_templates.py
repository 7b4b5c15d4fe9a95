"""The trainee roster's template, filled in as a clerk would and imported (the example row left
in place and skipped), and again after LibreOffice saved it."""

import datetime

import pytest

from xiezuo.tabular.testing.templates import fill_template
from xiezuo.talent.imports import TraineeImport, trainees_import
from xiezuo.talent.models import Attendance


@pytest.fixture
def filled(tclass, new_trainee_id):
    c = tclass("PX2019-01")
    return [("trainees", fill_template(TraineeImport, [
        {"class_code": c.code, "name": "李四", "sex": "女", "birth_date": datetime.date(1985, 3, 12),
         "id_number": new_trainee_id(3, born=datetime.date(1985, 3, 12), male=False),
         "unit": "临洮县人民医院", "post": "护士长", "township": "洮阳镇", "completed": "是"},
        {"class_code": c.code, "name": "王五", "unit": "临洮县中学"}]),
        lambda p, d: trainees_import(path=p, dry_run=d),
        {"attendances_created": 2, "trainees_created": 2, "rejected": 0})]


@pytest.mark.parametrize("libreoffice", [False, True], ids=["as-filled", "saved-by-libreoffice"])
def test_each_filled_template_imports(filled, libreoffice, import_filled_templates):
    import_filled_templates(filled, libreoffice=libreoffice)
    if not libreoffice:  # the real run (the LibreOffice copies are checked as a dry run)
        assert Attendance.objects.filter(training_class__code="PX2019-01").count() == 2
