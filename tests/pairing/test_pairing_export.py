"""Every pairing list exports to Excel: the same rows as the page, typed cells."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.pairing import services

pytestmark = pytest.mark.django_db
V_TAOYANG_DEEP = "621124100201"  # a deep-poverty village of 洮阳镇 (tests/conftest.py areas)

def area(code: str):
    from xiezuo.regions.models import Area

    return Area.objects.get(code=code)



def test_every_list_exports_its_rows(client, users, town_pairing, enterprise_pairing, org):
    from xiezuo.orgs.choices import OrgKind, OrgRole

    t = town_pairing()
    enterprise_pairing()
    services.activity_create(actor=None, town_pairing=t, date=datetime.date(2018, 5, 1),
                             kind="money", money_amount=Decimal("1234.50"))
    services.donation_create(actor=None, donor_name="=HYPERLINK(1)", donor_category="individual",
                             kind="money", amount=Decimal("88.00"), purpose="charity",
                             date=datetime.date(2019, 1, 1), area=area(V_TAOYANG_DEEP))
    so = org("仓山区志愿者协会", kind=OrgKind.SOCIAL_ORG, roles=[OrgRole.SOCIAL_ORG])
    v = services.volunteer_create(actor=None, name="张三", area=area("621124000000"),
                                  registered_on=datetime.date(2018, 1, 1), organisation=so)
    services.service_create(actor=None, organisation=so, title="支教", area=area("621124100000"),
                            date=datetime.date(2019, 7, 1), hours=Decimal("12.5"),
                            people_served=30, volunteers=[v])
    client.force_login(users["county_admin"])
    expected = {"town_list": 1, "enterprise_list": 1, "activity_list": 1, "donation_list": 1,
                "volunteer_org_list": 1, "volunteer_list": 1, "service_list": 1}
    for name, n in expected.items():
        r = client.get(reverse(f"pairing:{name}") + "?format=xlsx")
        assert r.status_code == 200, name
        ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
        rows = list(ws.iter_rows(min_row=4, values_only=True))
        assert len(rows) == n, name
        if name == "activity_list":
            assert Decimal(str(rows[0][4])) == Decimal("1234.50")
        if name == "donation_list":  # formula injection defused: kept as text, not a formula
            assert ws.cell(row=4, column=3).data_type == "s"
        if name == "service_list":
            assert rows[0][4] == Decimal("12.5") or float(rows[0][4]) == 12.5
    page = client.get(reverse("pairing:donation_list")).content.decode()
    assert "format=xlsx" in page
