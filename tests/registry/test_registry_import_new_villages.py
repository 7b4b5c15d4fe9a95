"""On the upload page an unknown village is a question: the check lists it with the closest
known names, and only one ticked at 正式导入 (the same file, no second upload) is created. On
the command line only --new-villages creates them."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from xiezuo.core.models import Job
from xiezuo.regions.models import Area
from xiezuo.registry.models import Person


@pytest.fixture
def typo_csv(roster):
    """Two households: one in 测试洮阳镇1村, one in a misspelt village (测试洮阳镇l村)."""
    rows = roster.household("H001", 2, seed0=11) + roster.household(
        "H002", 1, seed0=21, **{"行政村": "测试洮阳镇l村"})
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(roster.HEADER)
    for r in rows:
        w.writerow([r.get(h, "") for h in roster.HEADER])
    return buf.getvalue().encode("utf-8")


def _check(client, data) -> Job:
    """Upload the roster: the check (a dry run) runs at once in the tests."""
    client.post(reverse("registry:import"),
                {"file": SimpleUploadedFile("花名册.csv", data, content_type="text/csv")})
    return Job.objects.get()


def test_the_check_lists_the_unknown_village_and_nothing_is_created_unconfirmed(
        client, users, areas, typo_csv):
    client.force_login(users["township_clerk"])
    check = _check(client, typo_csv)
    assert check.result["dry_run"] and check.result["villages_created"] == 0
    html = client.get(check.result_url).content.decode()
    form = html.split('id="import-for-real"', 1)[1].split("</form>", 1)[0]
    table = form.split('id="unknown-villages"', 1)[1].split("</table>", 1)[0]
    assert "测试洮阳镇l村" in table and "测试洮阳镇1村" in table  # the name and the suggestion
    assert 'value="621124100000|测试洮阳镇l村"' in table
    reason = html.split("相近的有：", 1)[1].split("。", 1)[0]  # the rejected rows say why
    assert "测试洮阳镇1村" in reason
    r = client.post(reverse("registry:import_confirm", args=[check.pk]), {})  # not ticked
    assert r.status_code == 302
    real = Job.objects.exclude(pk=check.pk).get()
    assert (real.result["persons_created"], real.result["rejected"]) == (2, 1)
    assert not Area.objects.filter(name="测试洮阳镇l村").exists()


def test_a_village_ticked_at_正式导入_is_created_and_only_a_listed_one(
        client, users, areas, typo_csv):
    client.force_login(users["township_clerk"])
    check = _check(client, typo_csv)
    assert Person.objects.count() == 0 and not Area.objects.filter(name="测试洮阳镇l村").exists()
    client.post(reverse("registry:import_confirm", args=[check.pk]), {"new_villages": [
        "621124100000|测试洮阳镇l村", "621124100000|文件里没有的村"]})
    real = Job.objects.exclude(pk=check.pk).get()
    assert not real.result["dry_run"] and real.result["persons_created"] == 3
    village = Area.objects.get(name="测试洮阳镇l村")
    assert village.parent.code == "621124100000"
    assert not Area.objects.filter(name="文件里没有的村").exists()
    # once: a real run's result offers no second import, the check no more
    assert 'id="import-for-real"' not in client.get(real.result_url).content.decode()
    assert client.post(reverse("registry:import_confirm", args=[check.pk])).status_code == 404


def test_the_command_creates_unknown_villages_only_with_new_villages(areas, tmp_path, typo_csv,
                                                                    capsys):
    path = tmp_path / "r.csv"
    path.write_bytes(typo_csv)
    call_command("import_roster", str(path), "--json", "--dry-run")
    out = json.loads(capsys.readouterr().out)
    assert out["rejected"] == 1 and out["villages_created"] == 0
    assert out["new_villages"][0]["village"] == "测试洮阳镇l村"
    assert out["new_villages"][0]["created"] is False
    call_command("import_roster", str(path), "--json", "--new-villages")
    out = json.loads(capsys.readouterr().out)
    assert out["rejected"] == 0 and out["villages_created"] == 1
    assert [(v["township"], v["village"], v["created"]) for v in out["new_villages"]] == [
        ("洮阳镇", "测试洮阳镇l村", True)]


def test_the_header_box_ticks_every_listed_village(client, users, areas, typo_csv):
    """The unknown villages' header has a box that ticks them all (site.js); without the script
    it is sent with the form and means all the listed villages, and only those."""
    client.force_login(users["township_clerk"])
    check = _check(client, typo_csv)
    table = client.get(check.result_url).content.decode().split(
        'id="unknown-villages"', 1)[1].split("</thead>", 1)[0]
    assert 'name="new_villages_all"' in table and 'data-tick-all="new_villages"' in table
    client.post(reverse("registry:import_confirm", args=[check.pk]),
                {"new_villages_all": "1", "new_villages": ["621124100000|文件里没有的村"]})
    real = Job.objects.exclude(pk=check.pk).get()
    assert (real.result["persons_created"], real.result["rejected"]) == (3, 0)
    assert Area.objects.filter(name="测试洮阳镇l村", parent__code="621124100000").exists()
    assert not Area.objects.filter(name="文件里没有的村").exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_header_box_ticks_and_clears_every_village(
        page, users, areas, typo_csv, tmp_path, browser_login):
    path = tmp_path / "花名册.csv"
    path.write_bytes(typo_csv)
    browser_login(page, users["township_clerk"].username)
    page.goto(page.base_url + reverse("registry:import"))
    page.set_input_files("#id_file", str(path))
    page.click("#start-import")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    boxes, header = page.locator("#unknown-villages tbody input"), page.locator("#new-villages-all")
    header.check()
    assert all(b.is_checked() for b in boxes.all())
    boxes.first.uncheck()  # one cleared: the header no longer says all
    assert not header.is_checked()
    boxes.first.check()
    assert header.is_checked()
    header.uncheck()
    assert not any(b.is_checked() for b in boxes.all())
