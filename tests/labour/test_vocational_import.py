"""Trainees imported from Excel by the import rules: every rejected row named, completions put
the certificate into the labour profile, the command's exit codes."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from openpyxl import Workbook

from xiezuo.labour.models import LabourProfile
from xiezuo.labour.training.choices import TraineeStatus
from xiezuo.labour.training.imports import parse_trainee_row, trainees_import
from xiezuo.labour.training.models import CourseTrainee

V1, V3 = "621124100201", "621124103201"
HEADER = ("证件号码", "姓名", "状态", "结业日期", "证书编号", "发证日期", "备注")


def _file(path, rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(["2019年电工培训班学员名单"])
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.fixture
def setup(users, person, course, training_base):
    a, na = person(V1, name="张一")
    b, nb = person(V1, name="张二")
    c, nc = person(V3, name="王三")
    return course(training_base()), (a, na), (b, nb), (c, nc)


def test_rows_created_completed_and_every_rejection_named(users, setup, tmp_path):
    course, (a, na), (b, nb), (_c, nc) = setup
    path = _file(tmp_path / "学员.xlsx", [
        (na, "张一", "已结业", "2019-05-31", "DG-1", "", ""),  # row 3: completed, certificate
        (nb, "张二", "在训", "", "", "", ""),                   # row 4: enrolled
        (nb, "张二", "在训", "", "", "", ""),                   # row 5: duplicate of row 4
        ("621124200001011235", "某", "在训", "", "", "", ""),   # row 6: bad check digit / unknown
        (nc, "王五", "在训", "", "", "", ""),                   # row 7: name differs
        (nc, "王三", "结业", "2019-05-31", "", "", ""),         # row 8: duplicate ID of row 7
        (na, "张一", "毕业", "", "", "", ""),                   # row 9: unknown status + dup
    ])
    r = trainees_import(actor=users["case_worker"], course=course, path=path)
    assert (r.rows, r.created, r.updated, r.unchanged, r.rejected) == (7, 2, 0, 0, 5)
    assert r.certificates == 1
    cols = {(e.row, e.column) for e in r.errors}
    assert {(5, "证件号码"), (6, "证件号码"), (7, "姓名"), (8, "证件号码"), (9, "状态")} <= cols
    assert all(e.reason for e in r.errors)
    assert LabourProfile.objects.get(person=a).certificate_list == ["电工证"]
    assert CourseTrainee.objects.get(person=b).status == TraineeStatus.ENROLLED
    summary = json.dumps(r.as_json(), ensure_ascii=False)
    assert na not in summary and nb not in summary  # ID numbers masked in the summary


def test_a_later_file_completes_and_cannot_set_back(users, setup, tmp_path):
    course, (a, na), (b, nb), _c = setup
    trainees_import(actor=users["case_worker"], course=course, path=_file(
        tmp_path / "1.xlsx", [(na, "", "在训", "", "", "", ""), (nb, "", "已结业", "2019-05-20",
                                                                 "DG-2", "", "")]))
    r = trainees_import(actor=users["case_worker"], course=course, path=_file(
        tmp_path / "2.xlsx", [(na, "", "已结业", "2019-05-31", "DG-3", "", ""),
                              (nb, "", "在训", "", "", "", "")]))
    assert (r.updated, r.rejected) == (1, 1) and r.errors[0].column == "状态"
    assert LabourProfile.objects.get(person=a).certificate_list == ["电工证"]


def test_scope_and_permission(users, setup, tmp_path):
    course, (_a, na), _b, (_c, nc) = setup
    path = _file(tmp_path / "s.xlsx", [(na, "", "在训", "", "", "", "")])
    for role in ("township_clerk", "fund_officer"):
        with pytest.raises(PermissionDenied):
            trainees_import(actor=users[role], course=course, path=path)


def test_completion_needs_date_and_certificate_number():
    errs = []
    v = parse_trainee_row({"id_number": "x", "status": "已结业"}, lambda k, r: errs.append(k),
                          today=datetime.date(2020, 1, 1), certificate_needed=True)
    assert v["status"] == TraineeStatus.COMPLETED
    assert {"id_number", "completed_on", "certificate_number"} <= set(errs)


def test_the_command(users, setup, tmp_path, capsys):
    course, (_a, na), _b, _c = setup
    good = _file(tmp_path / "g.xlsx", [(na, "", "在训", "", "", "", "")])
    call_command("import_course_trainees", str(good), "--course", str(course.pk), "--json")
    assert json.loads(capsys.readouterr().out)["trainees_created"] == 1
    bad = _file(tmp_path / "b.xlsx", [(na, "", "已结业", "", "", "", "")])
    with pytest.raises(SystemExit) as e:
        call_command("import_course_trainees", str(bad), "--course", str(course.pk), "--strict")
    assert e.value.code == 3
    with pytest.raises(SystemExit) as e:
        call_command("import_course_trainees", str(_file(tmp_path / "n.xlsx", [(na,)],
                                                         header=("证件号码",))),
                     "--course", str(course.pk))
    assert e.value.code == 2
