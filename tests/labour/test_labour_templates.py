"""The labour imports' templates, filled in as a clerk would and imported (the example row left in
place and skipped), and the same files saved again by LibreOffice import alike."""

import datetime

import pytest

from xiezuo.labour.imports import OpeningsImport, SurveyImport, openings_import, survey_import
from xiezuo.labour.models import LabourProfile, Opening
from xiezuo.labour.outreach import services as outreach
from xiezuo.labour.outreach.imports import SmsReportImport, sms_report_import
from xiezuo.labour.training.imports import TraineeImport, trainees_import
from xiezuo.orgs.creditcode import check_char
from xiezuo.tabular.testing.templates import fill_template

V1 = "621124100201"
CODE = "91350104MA2Y00020" + check_char("91350104MA2Y00020")


@pytest.fixture
def filled(users, person, campaign, hh, recording_sender, training_base, course):
    """(name, run(path, dry_run) -> result, counts the real run gives) for each template."""
    a, ida = person(V1, name="甲")
    b, idb = person(V1, name="乙")
    c = campaign()
    hh(V1, phone="13800000001")
    batch = outreach.sms_batch_send(actor=users["case_worker"], campaign=c)
    k = course(training_base())
    worker = users["case_worker"]
    return [
        ("survey", fill_template(SurveyImport, [
            {"id_number": ida, "willing": "是", "can_work_away": "是", "skills": "电工、焊工",
             "expected_wage": 4000, "destinations": "仓山区"},
            {"id_number": idb, "willing": "否"}]),
         lambda p, d: survey_import(actor=worker, path=p, dry_run=d),
         {"profiles_created": 2, "rejected": 0}),
        ("openings", fill_template(OpeningsImport, [
            {"credit_code": CODE, "employer": "福州模板电子有限公司", "title": "装配工",
             "positions": 20, "wage": 4500, "area": "仓山区", "housing": "提供宿舍",
             "start_date": datetime.date(2019, 3, 1), "status": "招聘中"}]),
         lambda p, d: openings_import(actor=worker, path=p, dry_run=d),
         {"openings_created": 1, "rejected": 0}),
        ("sms", fill_template(SmsReportImport, [
            {"batch": batch.number, "seq": 1, "phone": "13800000001", "status": "成功",
             "at": "2019-03-01 10:00"}]),
         lambda p, d: sms_report_import(actor=worker, path=p, dry_run=d),
         {"delivered": 1, "rejected": 0}),
        ("trainees", fill_template(TraineeImport, [
            {"id_number": ida, "name": "甲", "status": "已结业",
             "completed_on": datetime.date(2019, 5, 30), "certificate_number": "ZS2019001"}]),
         lambda p, d: trainees_import(actor=worker, course=k, path=p, dry_run=d),
         {"trainees_created": 1, "rejected": 0}),
    ]



@pytest.mark.parametrize("libreoffice", [False, True], ids=["as-filled", "saved-by-libreoffice"])
def test_each_filled_template_imports(filled, libreoffice, import_filled_templates):
    import_filled_templates(filled, libreoffice=libreoffice)
    if not libreoffice:  # the real run (the LibreOffice copies are checked as a dry run)
        assert LabourProfile.objects.count() == 2 and Opening.objects.get().positions == 20
