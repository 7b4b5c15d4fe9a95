"""The industry pages: every list renders and exports what its selector gives, records outside
a user's scope are 404, refused roles 403, the household page shows linkage income, the
showcase shows only published products and nothing else of Xiezuo is public."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from xiezuo.industry import services
from xiezuo.industry.choices import Certification, EventKind, LinkageKind
from xiezuo.industry.models import Product
from xiezuo.regions.models import Area

pytestmark = pytest.mark.django_db

LISTS = ["project_list", "investor_list", "arrival_list", "linkage_list", "household_list",
         "event_list", "deal_list", "sale_list", "product_list", "totals"]


@pytest.fixture
def data(org, hh, project, sale, areas):
    investor = org("福州某薯业有限公司")
    buyer = org("仓山区某机关食堂", roles=("buyer",))
    coop = org("临洮县某合作社", area="621124100000", roles=("supplier",))
    p = project(investor, code="LT-001", name="马铃薯精深加工")
    services.arrival_create(actor=None, project=p, year=2019, date=datetime.date(2019, 3, 1),
                            amount=Decimal("2000000"))
    h_taoyang, h_xindian = hh(), hh("621124103201")
    link = services.linkage_create(actor=None, project=p, household=h_taoyang,
                                   kind=LinkageKind.DIVIDEND, year=2019, amount=Decimal("1200"))
    services.linkage_create(actor=None, project=p, household=h_taoyang, kind=LinkageKind.WAGES,
                            year=2019, amount=Decimal("9000.50"))
    services.linkage_create(actor=None, project=p, household=h_xindian, kind=LinkageKind.WAGES,
                            year=2020, amount=Decimal("7000"))
    s1 = sale(buyer, coop, households=[h_taoyang], amount="1500.00")
    s2 = sale(buyer, coop, township="621124103000", households=[h_xindian], amount="800.00")
    ev = services.event_create(actor=None, name="2019 5·18 展销", kind=EventKind.EXPO, series="518",
                               area=areas["350104000000"], started_on=datetime.date(2019, 5, 18),
                               ended_on=datetime.date(2019, 5, 20))
    services.deal_create(actor=None, event=ev, title="马铃薯深加工", organisations=[investor],
                         amount=Decimal("5000000"), follow_up="project", project=p)
    shown = services.product_create(actor=None, name="临洮紫皮洋葱", township=areas["621124100000"],
                                    supplier=coop, unit_price=Decimal("3.5"), unit="公斤",
                                    how_to_order="电话 0932-0000000",
                                    certification=Certification.GREEN, published=True)
    hidden = services.product_create(actor=None, name="未公开的当归", township=areas["621124100000"],
                                     supplier=coop, unit_price=Decimal("80"), unit="公斤",
                                     how_to_order="电话", published=False)
    return {"p": p, "link": link, "s1": s1, "s2": s2, "ev": ev, "shown": shown, "hidden": hidden,
            "h_taoyang": h_taoyang, "h_xindian": h_xindian}


def test_every_list_renders_and_exports_for_the_county(client, users, data):
    client.force_login(users["county_admin"])
    for name in LISTS:
        r = client.get(reverse(f"industry:{name}"))
        assert r.status_code == 200, name
        if name != "totals":
            x = client.get(reverse(f"industry:{name}") + "?format=xlsx")
            assert x.status_code == 200 and x["Content-Type"].startswith(
                "application/vnd.openxmlformats"), name


def test_the_sales_list_total_is_the_sum_of_its_rows(client, users, data):
    client.force_login(users["county_admin"])
    r = client.get(reverse("industry:sale_list"))
    html = r.content.decode()
    assert "共 2" in html and "2,300.00" in html


def test_a_township_clerk_sees_only_its_township(client, users, data):
    client.force_login(users["township_clerk"])  # 洮阳镇
    r = client.get(reverse("industry:sale_list"))
    assert "共 1" in r.content.decode() and "1,500.00" in r.content.decode()
    assert client.get(reverse("industry:sale_detail", args=[data["s2"].pk])).status_code == 404
    assert client.get(reverse("industry:sale_detail", args=[data["s1"].pk])).status_code == 200
    r = client.get(reverse("industry:linkage_list"))
    assert "共 2" in r.content.decode()  # the two of 洮阳; not 辛店's
    assert client.get(reverse("industry:linkage_edit", args=[
        data["h_xindian"].industry_linkages.get().pk])).status_code == 404


def test_a_refused_role_gets_403_on_pages_and_api(client, users, data):
    client.force_login(users["fund_officer"])
    for name in LISTS:
        assert client.get(reverse(f"industry:{name}")).status_code == 403, name
    assert client.get(reverse("industry:project_detail", args=[data["p"].pk])).status_code == 403
    for path in ("projects", "arrivals", "linkages", "events", "sales", "products", "totals"):
        assert client.get(f"/api/industry/{path}").status_code == 403, path


def test_the_api_is_scoped_like_the_pages(client, users, data):
    client.force_login(users["township_clerk"])
    sales = client.get("/api/industry/sales").json()
    assert [s["id"] for s in sales["items"]] == [data["s1"].pk]
    assert client.get(f"/api/industry/sales/{data['s2'].pk}").status_code == 404
    client.force_login(users["county_admin"])
    totals = client.get("/api/industry/totals").json()
    assert totals["sales_per_year"] == {"2019": "2300.00"} or \
        Decimal(totals["sales_per_year"]["2019"]) == Decimal("2300.00")


def test_the_household_page_shows_linkage_income_per_year(client, users, data):
    client.force_login(users["township_clerk"])
    r = client.get(reverse("registry:household_detail", args=[data["h_taoyang"].pk]))
    html = r.content.decode()
    assert r.status_code == 200
    assert "利益联结收益" in html and "马铃薯精深加工" in html
    assert 'data-year="2019">10,200.50' in html  # 1,200 + 9,000.50


def test_the_project_page_shows_its_households(client, users, data):
    client.force_login(users["county_admin"])
    html = client.get(reverse("industry:project_detail", args=[data["p"].pk])).content.decode()
    assert data["h_taoyang"].number in html and data["h_xindian"].number in html
    assert "涉及 2 户" in html and "2,000,000.00" in html


def test_the_totals_figures_link_to_the_sales_they_add_up(client, users, data):
    client.force_login(users["county_admin"])
    r = client.get(reverse("industry:totals"))
    html = r.content.decode()
    assert "共 2 笔，合计 2,300.00 元，带动贫困户 2 户" in html
    town = Area.objects.get(code="621124103000")
    listed = client.get(reverse("industry:sale_list") + f"?township={town.code}").content.decode()
    assert "共 1" in listed and "800.00" in listed


def test_the_showcase_shows_only_published_products_without_log_in(client, data):
    r = client.get(reverse("showcase:index"))
    html = r.content.decode()
    assert r.status_code == 200 and "临洮紫皮洋葱" in html and "未公开的当归" not in html
    assert client.get(reverse("showcase:product", args=[data["shown"].pk])).status_code == 200
    for name in ("product", "sheet", "qr", "photo"):
        assert client.get(reverse(f"showcase:{name}", args=[data["hidden"].pk])).status_code == 404
    sheet = client.get(reverse("showcase:sheet", args=[data["shown"].pk]))
    assert sheet.status_code == 200 and reverse("showcase:qr", args=[data["shown"].pk]) in \
        sheet.content.decode()
    qr = client.get(reverse("showcase:qr", args=[data["shown"].pk]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content


def test_unpublishing_a_product_takes_it_off_the_showcase(client, data):
    Product.objects.filter(pk=data["shown"].pk).update(published=False)
    assert "临洮紫皮洋葱" not in client.get(reverse("showcase:index")).content.decode()


def test_nothing_else_of_xiezuo_is_public(client, data):
    """Besides log-in, health and the showcase, every page sends the anonymous to log in."""
    from xiezuo.core.access import PUBLIC
    from xiezuo.core.discovery import app_modules

    public = sorted(name for m in app_modules("access")
                    for name, rule in getattr(m, "ACCESS", {}).items() if rule == PUBLIC)
    assert public == ["accounts:login", "accounts:logout", "accounts:otp_verify", "core:healthz",
                      "showcase:index", "showcase:photo", "showcase:product", "showcase:qr",
                      "showcase:sheet"]
    for name in ("project_list", "sale_list", "totals", "product_list"):
        r = client.get(reverse(f"industry:{name}"))
        assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get("/api/industry/sales").status_code == 401
