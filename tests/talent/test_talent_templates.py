"""The trainee roster's template, filled in as a clerk would and imported (the example row left
in place and skipped), and again after LibreOffice saved it."""

import datetime

import pytest

from xiezuo.tabular.testing.templates import fill_template, libreoffice_copies
from xiezuo.talent.imports import TraineeImport, trainees_import


@pytest.fixture
def filled(tclass, new_trainee_id):
    c = tclass("PX2019-01")
    return fill_template(TraineeImport, [
        {"class_code": c.code, "name": "李四", "sex": "女", "birth_date": datetime.date(1985, 3, 12),
         "id_number": new_trainee_id(3, born=datetime.date(1985, 3, 12), male=False),
         "unit": "临洮县人民医院", "post": "护士长", "township": "洮阳镇", "completed": "是"},
        {"class_code": c.code, "name": "王五", "unit": "临洮县中学"}])


def _check(result):
    got = result.as_json()
    assert (got["attendances_created"], got["trainees_created"], got["rejected"]) == (2, 2, 0), \
        got["errors"]


def test_the_filled_template_imports(filled, tmp_path):
    path = tmp_path / "学员.xlsx"
    path.write_bytes(filled)
    _check(trainees_import(path=path))


def test_the_template_saved_by_libreoffice_imports_alike(filled, tmp_path, skip_or_fail_in_ci):
    path = tmp_path / "学员.xlsx"
    path.write_bytes(filled)
    try:
        (copy,) = libreoffice_copies([path], tmp_path / "lo")
    except FileNotFoundError:
        skip_or_fail_in_ci("LibreOffice (soffice) is not installed")
    _check(trainees_import(path=copy, dry_run=True))
