"""The trainee roster from the web page: checked first, then 正式导入 of the same file, once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiezuo.core.models import Job
from xiezuo.talent.models import Attendance

pytestmark = pytest.mark.django_db


def test_a_checked_roster_is_imported_once_by_its_uploader(client, users, tclass, roster_file):
    tclass("2018-GB-01")
    path = roster_file([["2018-GB-01", "张三", None, "1980-01-01", None, "县教育局", "科员",
                         "洮阳镇", "是"],
                        ["2018-GB-99", "李四", None, "1981-02-02", None, "县卫健局", "科员",
                         "洮阳镇", "是"]])
    client.force_login(users["county_admin"])
    client.post(reverse("talent:import_upload"), {
        "file": SimpleUploadedFile("学员名单.xlsx", path.read_bytes())})
    check = Job.objects.get(kind="talent.import")
    assert check.result["dry_run"] is True and not Attendance.objects.exists()
    page = client.get(check.result_url).content.decode()
    assert "导入预览" in page and "县教育局" in page and 'id="import-sample"' in page
    assert "2018-GB-99" in page and 'id="import-for-real"' in page  # the rejected row
    client.force_login(users["east_officer"])  # may import, but this check is not theirs
    assert client.post(reverse("talent:import_confirm", args=[check.pk])).status_code == 404
    client.force_login(users["county_admin"])
    client.post(reverse("talent:import_confirm", args=[check.pk]))
    real = Job.objects.filter(kind="talent.import").exclude(pk=check.pk).get()
    assert real.result["dry_run"] is False and Attendance.objects.count() == 1
    assert "已保存" in client.get(real.result_url).content.decode()
    assert client.post(reverse("talent:import_confirm", args=[check.pk])).status_code == 404
    assert Attendance.objects.count() == 1
