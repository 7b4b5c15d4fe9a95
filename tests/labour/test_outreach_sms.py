"""Text messages: the batch goes to the configured sender (the test double records it, the
default writes the county platform's bulk-send file), and the platform's delivery report comes
back through the import pipeline with every rejected row named."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from xiezuo.labour.outreach import services
from xiezuo.labour.outreach.choices import ReachResult
from xiezuo.labour.outreach.imports import parse_report_row, parse_status, sms_report_import
from xiezuo.labour.outreach.models import HouseholdReach
from xiezuo.labour.outreach.sms import HEADER, FileBatchSender, Message

V1, V2, V3 = "621124100201", "621124100202", "621124103201"
P1, P2, P3 = "13800000001", "13900000002", "15100000003"


@pytest.fixture
def sent(users, campaign, hh, recording_sender):
    c = campaign()
    homes = [hh(V1, phone=P1), hh(V2, phone=P2), hh(V3, phone=P3), hh(V1)]  # the last: no phone
    batch = services.sms_batch_send(actor=users["case_worker"], campaign=c)
    return c, homes, batch


def test_the_batch_goes_to_every_household_with_a_phone_once(sent, recording_sender, users):
    c, homes, batch = sent
    ((number, messages),) = recording_sender.sent
    assert number == batch.number and batch.messages == 3
    assert sorted(m.phone for m in messages) == [P1, P2, P3]
    assert [m.seq for m in messages] == [1, 2, 3]
    assert {m.content for m in messages} == {c.sms_text}
    reaches = HouseholdReach.objects.filter(sms_batch=batch)
    assert {r.result for r in reaches} == {ReachResult.SENT}
    assert not reaches.filter(household=homes[3]).exists()
    assert {r.sms_phone_masked for r in reaches} == {"138****0001", "139****0002", "151****0003"}
    with pytest.raises(ValidationError):  # everyone with a phone was texted already
        services.sms_batch_send(actor=users["case_worker"], campaign=c)


def test_a_township_batch_and_who_may_send(users, campaign, hh, recording_sender):
    from xiezuo.regions.models import Area

    c = campaign()
    hh(V1, phone=P1)
    hh(V3, phone=P3)
    batch = services.sms_batch_send(actor=users["county_admin"], campaign=c,
                                    township=Area.objects.get(code="621124103000"))
    assert [m.phone for m in recording_sender.sent[0][1]] == [P3] and batch.messages == 1
    for role in ("township_clerk", "fund_officer", "leadership"):
        with pytest.raises(PermissionDenied):
            services.sms_batch_send(actor=users[role], campaign=c)


def test_the_file_sender_writes_the_platform_bulk_send_file(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = FileBatchSender().send(batch_number="DX2019-0001-001", messages=[
        Message(1, P1, "=HYPERLINK(\"x\")通知"), Message(2, P2, "通知")])
    ws = load_workbook(tmp_path / out.file).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == HEADER == ("手机号", "内容", "批次号", "序号")
    assert rows[1] == (P1, "=HYPERLINK(\"x\")通知", "DX2019-0001-001", 1)
    assert ws["A2"].data_type == "s" and ws["A2"].number_format == "@"
    assert ws["B2"].data_type == "s"  # a formula-looking text stays text


def _report(path, rows, header=("批次号", "序号", "手机号", "状态", "送达时间", "失败原因")):
    wb = Workbook()
    ws = wb.active
    ws.append(["短信送达回执"])
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_the_delivery_report_marks_messages_and_names_every_rejected_row(sent, users, tmp_path):
    c, homes, batch = sent
    b = batch.number
    path = _report(tmp_path / "回执.xlsx", [
        (b, 1, P1, "DELIVRD", "2019-04-02 10:00:00", ""),       # row 3: delivered
        (b, 2, "139****0002", "失败", "2019-04-02", "空号"),      # row 4: failed, masked phone
        (b, 3, P1, "成功", "", ""),                               # row 5: wrong phone
        (b, 9, P1, "成功", "", ""),                               # row 6: no such message
        ("DX1999-9999-001", 1, P1, "成功", "", ""),               # row 7: no such batch
        (b, 1, P1, "成功", "", ""),                               # row 8: duplicate of row 3
        (b, 3, P3, "在路上", "", ""),                              # row 9: unknown status
        (b, 3, "1510000", "成功", "", ""),                         # row 10: not a mobile number
    ])
    r = sms_report_import(actor=users["case_worker"], path=path)
    assert (r.rows, r.delivered, r.failed, r.unchanged, r.rejected) == (8, 1, 1, 0, 6)
    named = {(e.row, e.column) for e in r.errors}
    assert named == {(5, "手机号"), (6, "序号"), (7, "批次号"), (8, "序号"), (9, "状态"),
                     (10, "手机号")}
    for e in r.errors:
        assert e.reason and P1 not in e.value and P1 not in e.reason  # numbers masked
    by_seq = {x.sms_seq: x for x in HouseholdReach.objects.filter(sms_batch=batch)}
    assert by_seq[1].result == ReachResult.DELIVERED and str(by_seq[1].date) == "2019-04-02"
    assert by_seq[2].result == ReachResult.FAILED and by_seq[2].failure == "空号"
    assert by_seq[3].result == ReachResult.SENT
    assert by_seq[1].source_row == 3
    again = sms_report_import(actor=users["case_worker"], path=path)
    assert (again.delivered, again.failed, again.unchanged) == (0, 0, 2)
    summary = json.dumps(again.as_json(), ensure_ascii=False)
    assert P1 not in summary and P2 not in summary


def test_strict_and_dry_run_store_nothing(sent, users, tmp_path):
    _c, _homes, batch = sent
    path = _report(tmp_path / "r.xlsx", [(batch.number, 1, P1, "成功", "", ""),
                                         (batch.number, 2, P1, "成功", "", "")])
    r = sms_report_import(actor=users["case_worker"], path=path, strict=True)
    assert r.refused and not r.stored
    r = sms_report_import(actor=users["case_worker"], path=path, dry_run=True)
    assert r.delivered == 1 and not r.stored
    assert not HouseholdReach.objects.filter(result=ReachResult.DELIVERED).exists()


def test_a_township_clerk_may_not_import_reports(sent, users, tmp_path):
    _c, _homes, batch = sent
    path = _report(tmp_path / "r.xlsx", [(batch.number, 1, P1, "成功", "", "")])
    with pytest.raises(PermissionDenied):
        sms_report_import(actor=users["township_clerk"], path=path)


@pytest.mark.parametrize(("word", "result"), [
    ("DELIVRD", "delivered"), ("成功", "delivered"), ("0", "delivered"), ("已送达", "delivered"),
    ("UNDELIV", "failed"), ("失败", "failed"), ("空号", "failed"), ("expired", "failed")])
def test_status_words(word, result):
    assert parse_status(word) == result


def test_parse_report_row_is_pure_and_masks_the_number():
    errors = []
    raw = {"batch": "B", "seq": 2.0, "phone": 13800000001.0, "status": "成功", "at": None}
    v = parse_report_row(raw, lambda k, r: errors.append((k, r)),
                         today=__import__("datetime").date(2020, 1, 1))
    assert not errors and v["phone"] == P1 and v["seq"] == 2
    assert raw["phone"] == "138****0001"


@pytest.mark.django_db
def test_the_command_exit_codes(sent, tmp_path, capsys):
    _c, _homes, batch = sent
    good = _report(tmp_path / "g.xlsx", [(batch.number, 1, P1, "成功", "", "")])
    call_command("import_sms_report", str(good), "--json", "--dry-run")
    out = json.loads(capsys.readouterr().out)
    assert out["delivered"] == 1 and out["rows"] == 1
    bad = _report(tmp_path / "b.xlsx", [(batch.number, 1, P2, "成功", "", "")])
    with pytest.raises(SystemExit) as e:
        call_command("import_sms_report", str(bad), "--strict")
    assert e.value.code == 3
    no_status = _report(tmp_path / "n.xlsx", [(batch.number, 1, P1)],
                        header=("批次号", "序号", "手机号"))
    with pytest.raises(SystemExit) as e:
        call_command("import_sms_report", str(no_status))
    assert e.value.code == 2


