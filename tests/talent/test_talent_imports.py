"""The trainee-roster import end to end: exact counts, one person across classes and files,
rejected rows named, nothing stored from a refused file, the command's JSON and exit codes."""

import datetime
import json

import pytest
from django.core.management import call_command

from xiezuo.talent.imports import trainees_import
from xiezuo.talent.models import Attendance, MergeCandidate, TalentImport, Trainee

pytestmark = pytest.mark.django_db


def row(code, name, unit, *, id_number=None, birth=None, sex=None, post="科员",
        township="洮阳镇", completed="是"):
    return [code, name, sex, birth, id_number, unit, post, township, completed]


def test_counts_people_once_across_classes_and_files(tclass, roster_file, new_trainee_id):
    tclass("2018-GB-01")
    tclass("2018-GB-02", start=datetime.date(2018, 9, 3))
    a = new_trainee_id(1)
    first = roster_file([
        row("2018-GB-01", "张伟", "洮阳镇政府", id_number=a),
        row("2018-GB-01", "李娜", "辛店镇政府", birth="1985-03-04", sex="女", township="辛店镇"),
        row("2018-GB-02", "张伟", "别的单位", id_number=a),  # same ID: same person
        row("2018-GB-02", "李娜", "辛店镇政府", birth="1985-03-04", sex="女",
            township="辛店镇"),  # same name, unit, birth date: same person
    ], name="a.xlsx")
    r = trainees_import(path=first)
    assert (r.rows, r.created, r.updated, r.unchanged, r.rejected) == (4, 4, 0, 0, 0)
    assert (r.trainees_created, r.trainees_matched, r.merge_candidates) == (2, 2, 0)
    assert Trainee.objects.count() == 2
    assert Attendance.objects.count() == 4
    # the same file again changes nothing
    r = trainees_import(path=first)
    assert (r.rows, r.created, r.updated, r.unchanged, r.rejected) == (4, 0, 0, 4, 0)
    assert Trainee.objects.count() == 2
    # a later roster: 张伟 known by ID, completion changed on one row
    second = roster_file([row("2018-GB-02", "张伟", "x", id_number=a, completed="否")],
                         name="b.xlsx")
    r = trainees_import(path=second)
    assert (r.rows, r.created, r.updated, r.unchanged) == (1, 0, 1, 0)
    assert not Attendance.objects.get(training_class__code="2018-GB-02",
                                      trainee__name="张伟").completed


def test_doubtful_matches_go_to_the_merge_page(tclass, roster_file):
    tclass("2018-GB-01")
    path = roster_file([
        row("2018-GB-01", "王芳", "洮阳镇政府", birth="1979-01-02"),
        row("2018-GB-01", "王芳", "县教育局", birth="1979-01-02"),  # another unit
        row("2018-GB-01", "赵强", "县卫健局"),
        row("2018-GB-01", "赵强", "县卫健局", birth="1990-02-03"),  # same unit, a date missing
    ])
    r = trainees_import(path=path)
    assert (r.rows, r.created, r.rejected) == (4, 4, 0)
    assert (r.trainees_created, r.merge_candidates) == (4, 2)
    assert MergeCandidate.objects.count() == 2
    assert set(MergeCandidate.objects.values_list("reason", flat=True)) == {
        "unit_differs", "no_birth_date"}


def test_every_rejected_row_is_named(tclass, roster_file, new_trainee_id):
    tclass("2018-GB-01")
    a = new_trainee_id(2)
    path = roster_file([
        row("2018-GB-01", "张伟", "洮阳镇政府", id_number=a),  # row 3: good
        row("2018-GB-99", "李娜", "辛店镇政府"),  # 4: no such class
        row("2018-GB-01", "", "辛店镇政府"),  # 5: no name
        row("2018-GB-01", "王五", "单位", id_number="621124198013320000"),  # 6: bad ID
        row("2018-GB-01", "赵六", "单位", township="火星镇"),  # 7: unknown township
        row("2018-GB-01", "张伟", "洮阳镇政府", id_number=a),  # 8: same person, same class
        row("2018-GB-01", "钱七", "单位", birth="1980-01-01", id_number=new_trainee_id(
            3, born=datetime.date(1981, 1, 1))),  # 9: birth date disagrees with the ID
        row("2018-GB-01", "孙八", "单位", completed="也许"),  # 10
    ])
    r = trainees_import(path=path)
    assert (r.rows, r.created, r.unchanged, r.rejected) == (8, 1, 0, 7)
    named = {(e.row, e.column) for e in r.errors}
    assert named == {(4, "班次编号"), (5, "姓名"), (6, "证件号码"), (7, "乡镇"), (8, "姓名"),
                     (9, "出生日期"), (10, "是否结业")}
    assert all(e.reason for e in r.errors)
    assert Attendance.objects.count() == 1


def test_strict_and_dry_run_store_nothing(tclass, roster_file):
    tclass("2018-GB-01")
    path = roster_file([row("2018-GB-01", "张伟", "洮阳镇政府"),
                        row("2018-GB-01", "", "洮阳镇政府")])
    r = trainees_import(path=path, strict=True)
    assert r.refused and not r.stored and (r.created, r.rejected) == (1, 1)
    r = trainees_import(path=path, dry_run=True)
    assert not r.stored and r.created == 1
    assert (Trainee.objects.count(), Attendance.objects.count(), TalentImport.objects.count()) \
        == (0, 0, 0)


def test_class_option_names_the_class_for_every_row(tclass, roster_file):
    tclass("2019-JS-01", kind="primary")
    path = roster_file([["张伟", "洮阳小学"], ["李娜", "辛店中学"]], header=["姓名", "工作单位"])
    r = trainees_import(path=path, class_code="2019-JS-01")
    assert (r.rows, r.created) == (2, 2)
    assert TalentImport.objects.get().training_class.code == "2019-JS-01"


def test_id_numbers_are_kept_encrypted_and_masked(tclass, roster_file, new_trainee_id):
    from xiezuo.registry import crypto

    tclass("2018-GB-01")
    a = new_trainee_id(4)
    trainees_import(path=roster_file([row("2018-GB-01", "张伟", "洮阳镇政府", id_number=a)]))
    t = Trainee.objects.get()
    assert t.id_masked == crypto.mask_id(a) and a not in t.id_masked
    assert crypto.decrypt_id(t.id_cipher) == a
    assert t.birth_date == datetime.date(1980, 5, 6) and t.sex == "男"


def test_command_json_and_exit_codes(tclass, roster_file, tmp_path, capsys):
    tclass("2018-GB-01")
    good = roster_file([row("2018-GB-01", "张伟", "洮阳镇政府")], name="good.xlsx")
    call_command("import_trainees", str(good), "--json")
    out = json.loads(capsys.readouterr().out)
    assert (out["rows"], out["attendances_created"], out["trainees_created"]) == (1, 1, 1)
    bad = roster_file([row("2018-GB-01", "", "洮阳镇政府")], name="bad.xlsx")
    with pytest.raises(SystemExit) as e:
        call_command("import_trainees", str(bad), "--strict", "--json")
    assert e.value.code == 3
    refused = tmp_path / "nothing.xlsx"
    refused.write_bytes(b"not a workbook")
    with pytest.raises(SystemExit) as e:
        call_command("import_trainees", str(refused), "--json")
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        call_command("import_trainees", str(good), "--class", "NO-SUCH", "--json")
    assert e.value.code == 2


def test_a_user_who_may_not_edit_is_refused(tclass, roster_file, users):
    from django.core.exceptions import PermissionDenied

    tclass("2018-GB-01")
    path = roster_file([row("2018-GB-01", "张伟", "洮阳镇政府")])
    with pytest.raises(PermissionDenied):
        trainees_import(actor=users["township_clerk"], path=path)
    r = trainees_import(actor=users["county_admin"], path=path)
    assert r.created == 1
