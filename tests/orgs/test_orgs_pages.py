"""The register's pages and API: the list (search, filters, the same rows in Excel), an
organisation's page with what labour and funds do with it, the create and edit forms (version
hidden, a stale one refused), and who is refused."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.accounts.models import User
from xiezuo.orgs.models import Organisation
from xiezuo.regions.models import Area

CANGSHAN = "350104000000"
TAOYANG = "621124100000"


@pytest.fixture
def world(org, users, areas):
    from xiezuo.labour import services as labour
    from xiezuo.labour.models import Opening

    east = org("福州某电子有限公司", CANGSHAN, roles=("employer", "buyer"), contact_name="林")
    coop = org("临洮某种植专业合作社", TAOYANG, kind="cooperative",
               roles=("cooperative", "supplier"))
    donor = org("张某", CANGSHAN, kind="individual", roles=("donor",))
    Opening.objects.create(employer=east, title="电工", positions=3, wage=Decimal("4200"),
                           area=east.area)
    labour.opening_create(actor=users["case_worker"], employer=east, title="焊工", positions=2,
                          wage=Decimal("5000"), area=east.area)
    return {"east": east, "coop": coop, "donor": donor}


@pytest.fixture
def outsider(areas):
    county = areas["621123000000"]  # 渭源县 (reference areas): in no partnership
    return User.objects.create_user("cw-outside", password="pw-test-12345", role="case_worker",
                                    scope=county)


def _names(response) -> list[str]:
    return [o.name for o in response.context["page"]]


def test_the_list_searches_and_filters(client, users, world):
    client.force_login(users["fund_officer"])  # every role reads the register
    url = reverse("orgs:organisation_list")
    r = client.get(url)
    assert r.status_code == 200 and "共 3 家" in r.content.decode()
    assert _names(client.get(url, {"q": "电子"})) == ["福州某电子有限公司"]
    code = world["coop"].credit_code
    assert _names(client.get(url, {"q": code[-5:].lower()})) == [world["coop"].name]
    assert _names(client.get(url, {"role": "donor"})) == ["张某"]
    assert _names(client.get(url, {"kind": "cooperative"})) == [world["coop"].name]
    assert sorted(_names(client.get(url, {"side": "east"}))) == sorted(["福州某电子有限公司", "张某"])
    assert _names(client.get(url, {"area": Area.objects.get(code=TAOYANG).pk})) == \
        [world["coop"].name]


def test_the_export_holds_the_rows_of_the_list(client, users, world):
    client.force_login(users["leadership"])
    r = client.get(reverse("orgs:organisation_list"), {"side": "east", "format": "xlsx"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "名称"))
    body = [r for r in rows[header + 1:] if r and r[0]]
    assert sorted(r[0] for r in body) == ["张某", "福州某电子有限公司"]
    by_name = {r[0]: r for r in body}
    assert by_name["福州某电子有限公司"][3] == "用工单位、采购单位"
    assert "协作方：东部（帮扶方）" in " ".join(str(c) for r in rows[:header] for c in r if c)


def test_the_page_shows_what_each_part_does(client, users, world):
    from xiezuo.funds import services as funds
    from xiezuo.funds.choices import Category, Source

    east = world["east"]
    officer = users["fund_officer"]
    funds.allocation_record(actor=officer, county=Area.objects.get(code="621124000000"),
                            year=2018, source=Source.EAST_FISCAL, amount="100000",
                            date=__import__("datetime").date(2018, 3, 1))
    project = funds.project_create(
        actor=officer, code="P-ORG-1", name="扶贫车间", category=Category.INDUSTRY, year=2018,
        budget=Decimal("50000"), villages=[Area.objects.get(code="621124100201")])
    funds.disbursement_post(actor=officer, project=project, amount=Decimal("12000.50"),
                            date=__import__("datetime").date(2018, 6, 1), payee=east.name)
    url = reverse("orgs:organisation_detail", args=[east.pk])

    client.force_login(users["case_worker"])
    page = client.get(url).content.decode()
    assert "用工单位、采购单位" in page and "劳务协作：用工单位" in page
    opening_link = reverse("labour:opening_list") + f"?status=all&amp;employer={east.pk}"
    assert f'<a href="{opening_link}">2</a>' in page
    r = client.get(reverse("labour:opening_list"), {"status": "all", "employer": east.pk})
    assert r.context["page"].paginator.count == 2  # the figure is the list it links to
    assert "资金支持：收款记录" not in page  # a case worker does not read funds

    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "资金支持：收款记录" in page and "12,000.50" in page and "P-ORG-1" in page
    assert "劳务协作：用工单位" not in page  # a fund officer does not read labour

    page = client.get(reverse("orgs:organisation_detail", args=[world["donor"].pk]))
    assert "各部分暂无与该组织相关的记录" in page.content.decode()


def test_create_and_edit_through_the_forms_a_stale_form_is_refused(client, users, world, areas):
    client.force_login(users["east_officer"])
    r = client.post(reverse("orgs:organisation_create"), {
        "name": "福州某慈善基金会", "credit_code": "", "kind": "social_org",
        "roles": ["donor", "social_org"], "area": areas[CANGSHAN].pk, "sector": "other"})
    assert r.status_code == 302
    made = Organisation.objects.get(name="福州某慈善基金会")
    assert made.role_list == ["donor", "social_org"] and made.side == "east"
    r = client.post(reverse("orgs:organisation_create"), {
        "name": "无代码公司", "credit_code": "", "kind": "enterprise",
        "area": areas[CANGSHAN].pk, "sector": "other"})
    assert r.status_code == 200 and "须填写统一社会信用代码" in r.content.decode()
    r = client.post(reverse("orgs:organisation_create"), {
        "name": "错码公司", "credit_code": "914403001922038217", "kind": "enterprise",
        "area": areas[CANGSHAN].pk, "sector": "other"})
    assert r.status_code == 200 and "校验码错误" in r.content.decode()

    coop = world["coop"]
    url = reverse("orgs:organisation_edit", args=[coop.pk])
    page = client.get(url).content.decode()
    assert 'type="hidden" name="version" value="1"' in page
    read = {"version": 1, "name": coop.name, "credit_code": coop.credit_code,
            "kind": "cooperative", "roles": ["cooperative", "supplier"],
            "area": coop.area_id, "sector": "agriculture", "contact_phone": "0932-1"}
    assert client.post(url, read).status_code == 302
    r = client.post(url, {**read, "name": "旧表单改名"})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    coop.refresh_from_db()
    assert (coop.name, coop.sector, coop.version) == ("临洮某种植专业合作社", "agriculture", 2)


def test_readers_and_outsiders_are_refused(client, users, world, outsider):
    east = world["east"]
    for role in ("leadership", "auditor"):
        client.force_login(users[role])
        assert client.get(reverse("orgs:organisation_list")).status_code == 200
        assert client.get(reverse("orgs:organisation_create")).status_code == 403
        assert client.post(reverse("orgs:organisation_edit", args=[east.pk]),
                           {"name": "x", "version": 1}).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("orgs:organisation_detail", args=[east.pk])).status_code == 404
    assert client.get(reverse("orgs:organisation_edit", args=[east.pk])).status_code == 404
    assert "共 0 家" in client.get(reverse("orgs:organisation_list")).content.decode()
    client.logout()
    assert client.get(reverse("orgs:organisation_list")).status_code == 302
    east.refresh_from_db()
    assert (east.name, east.version) == ("福州某电子有限公司", 1)


def test_the_api_is_scoped_like_the_pages(client, users, world, outsider):
    client.force_login(users["township_clerk"])
    r = client.get("/api/orgs/organisations", {"role": "supplier"})
    assert r.status_code == 200
    assert [o["name"] for o in r.json()["items"]] == [world["coop"].name]
    one = client.get(f"/api/orgs/organisations/{world['east'].pk}").json()
    assert one["roles"] == ["employer", "buyer"] and one["area_code"] == CANGSHAN
    assert client.get("/api/orgs/organisations", {"role": "nonsense"}).status_code == 422
    client.force_login(outsider)
    assert client.get(f"/api/orgs/organisations/{world['east'].pk}").status_code == 404
    assert client.get("/api/orgs/organisations").json()["count"] == 0
    client.logout()
    assert client.get("/api/orgs/organisations").status_code == 401
