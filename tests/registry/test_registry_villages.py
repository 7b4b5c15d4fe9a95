"""Villages are reference data: loaded from a code list, added by an administrator, merged or
removed when made by mistake; every change audited, nothing created under a typo."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from xiezuo.accounts.models import AuditEvent
from xiezuo.regions.models import Area
from xiezuo.registry.area_import import area_list_import, parse_area_row
from xiezuo.registry.areas import (
    AreaRefused,
    area_merge,
    area_remove,
    closest_names,
    next_village_code,
    village_create,
)
from xiezuo.registry.models import Household

TAOYANG = "621124100000"
V1, V2 = "621124100201", "621124100202"  # 测试洮阳镇1村, 测试洮阳镇2村 (tests/conftest.py)


def _errors(raw):
    found = []
    record = parse_area_row(raw, lambda key, reason: found.append((key, reason)))
    return record, found


@pytest.mark.parametrize("raw,key", [
    ({"code": "6211241", "name": "甲村", "level": "village", "parent_code": TAOYANG, "side": "west"}, "code"),
    ({"code": "621124100301", "name": "", "level": "village", "parent_code": TAOYANG, "side": "west"}, "name"),
    ({"code": "621124100301", "name": "甲村", "level": "township", "parent_code": TAOYANG, "side": "west"}, "level"),
    ({"code": "621124100301", "name": "甲村", "level": "村", "parent_code": TAOYANG, "side": "北"}, "side"),
    ({"code": "621124100301", "name": "甲村", "level": "村", "parent_code": "", "side": "west"}, "parent_code"),
])
def test_a_code_list_row_is_refused_with_its_column(raw, key):
    record, errors = _errors(raw)
    assert record is None and [k for k, _r in errors] == [key]


def test_a_code_list_row_in_chinese_words_and_a_numeric_code_is_read():
    record, errors = _errors({"code": "621124100301.0", "name": "甲村", "level": "行政村",
                              "parent_code": TAOYANG, "side": "西部"})
    assert errors == []
    assert record == {"code": "621124100301", "name": "甲村", "level": "village",
                      "parent_code": TAOYANG, "side": "west"}


def test_next_free_code_and_closest_names():
    assert next_village_code(TAOYANG, {"621124100001", "621124100002"}) == "621124100003"
    assert next_village_code(TAOYANG, {"621124100002"}) == "621124100001"
    assert closest_names("王家湾村", ["测试洮阳镇1村", "王家村", "李家湾"])[0] == "王家村"
    assert "王家村" not in closest_names("测试洮阳镇l村", ["测试洮阳镇1村", "王家村"])


def _csv(tmp_path, rows, header="code,name,level,parent_code,side"):
    p = tmp_path / "codes.csv"
    p.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return p


def test_load_areas_creates_corrects_and_rejects_with_reasons(areas, tmp_path):
    path = _csv(tmp_path, [
        f"621124100301,新村,village,{TAOYANG},west",          # new
        f"{V1},测试洮阳镇一村,village,{TAOYANG},west",           # renamed
        f"{V2},测试洮阳镇2村,village,{TAOYANG},west",            # unchanged
        "621124199301,孤村,village,621124199000,west",          # unknown parent
        f"{V2[:9]}401,错级,township,{TAOYANG},west",            # level does not fit the code
    ])
    result = area_list_import(path=path)
    assert (result.rows, result.created, result.updated, result.unchanged, result.rejected) == (
        5, 1, 1, 1, 2)
    assert Area.objects.get(code="621124100301").parent.code == TAOYANG
    assert Area.objects.get(code=V1).name == "测试洮阳镇一村"
    assert not Area.objects.filter(code="621124199301").exists()
    reasons = {e.row: e.reason for e in result.errors}
    assert "621124199000" in reasons[5] and "级别" in reasons[6]
    assert AuditEvent.objects.filter(action="import", object_type="registry.arealistimport").exists()


def test_load_areas_command_prints_json_and_strict_refuses(areas, tmp_path, capsys):
    path = _csv(tmp_path, [f"621124100301,新村,village,{TAOYANG},west",
                           "621124199301,孤村,village,621124199000,west"])
    with pytest.raises(SystemExit) as e:
        call_command("load_areas", str(path), "--strict", "--json")
    assert e.value.code == 3
    out = json.loads(capsys.readouterr().out)
    assert out["rejected"] == 1 and out["stored"] is False
    assert not Area.objects.filter(code="621124100301").exists()


def test_an_administrator_adds_a_village_with_the_next_code(areas, users):
    v = village_create(actor=users["county_admin"], township=areas[TAOYANG], name="新建村")
    assert v.code.startswith(TAOYANG[:9]) and v.parent.code == TAOYANG and v.side == "west"
    assert AuditEvent.objects.filter(action="create", object_type="regions.area",
                                     object_id=str(v.pk)).exists()
    with pytest.raises(AreaRefused, match="已有"):
        village_create(actor=users["county_admin"], township=areas[TAOYANG], name="新建村")
    with pytest.raises(AreaRefused, match="不是"):
        village_create(actor=users["county_admin"], township=areas[TAOYANG], name="乙村",
                       code="621124103555")
    with pytest.raises(PermissionDenied):
        village_create(actor=users["township_clerk"], township=areas[TAOYANG], name="丙村")


def _household(areas, village, number):
    v = areas[village] if isinstance(village, str) else village
    return Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                    number=number, size=1, income_per_capita=Decimal("1"))


def test_a_village_made_by_mistake_is_merged_with_its_households_then_gone(areas, users):
    wrong = village_create(actor=users["county_admin"], township=areas[TAOYANG], name="不存在村")
    hh = _household(areas, wrong, "W001")
    with pytest.raises(AreaRefused, match="仍被使用"):
        area_remove(actor=users["county_admin"], area=wrong)
    wrong_pk = wrong.pk
    moved = area_merge(actor=users["county_admin"], area=wrong, into=areas[V1])
    hh.refresh_from_db()
    assert hh.village.code == V1 and sum(moved.values()) == 1
    assert not Area.objects.filter(pk=wrong_pk).exists()
    event = AuditEvent.objects.filter(note__contains="不存在村").get()
    assert event.action == "update" and V1 in event.note


def test_merging_across_townships_or_removing_a_used_village_is_refused(areas, users):
    _household(areas, V1, "T001")
    with pytest.raises(AreaRefused, match="同一乡镇"):
        area_merge(actor=users["county_admin"], area=areas[V1], into=areas["621124103201"])
    with pytest.raises(AreaRefused):
        area_remove(actor=users["county_admin"], area=areas[V1])
    unused = village_create(actor=users["county_admin"], township=areas[TAOYANG], name="空村")
    pk = unused.pk
    area_remove(actor=users["county_admin"], area=unused)
    assert not Area.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(pk)).exists()


def test_the_villages_page_is_for_the_county_administrator(client, users, areas):
    client.force_login(users["township_clerk"])
    assert client.get(reverse("registry:village_list")).status_code == 403
    assert client.post(reverse("registry:village_create"),
                       {"township": TAOYANG, "name": "x"}).status_code == 403
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:village_list"), {"township": TAOYANG}).content.decode()
    assert "测试洮阳镇1村" in html and "测试辛店镇1村" not in html
    r = client.post(reverse("registry:village_create"), {"township": TAOYANG, "name": "页面村"},
                    follow=True)
    assert "已新增行政村：页面村" in r.content.decode()
    code = Area.objects.get(name="页面村").code
    r = client.post(reverse("registry:village_merge", args=[code]), {"into": V1}, follow=True)
    assert "已将页面村并入测试洮阳镇1村" in r.content.decode()
