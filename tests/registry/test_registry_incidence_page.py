"""贫困发生率 by township and village: poor persons over the agricultural population, the count
linking to the people it counts, true at the user's scope, exported as numbers."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.registry.choices import ExitStatus
from xiezuo.registry.models import AreaPopulation, Household, Person


@pytest.fixture
def county_figures(areas):
    """洮阳镇: 3 registered of 300 (one exited in 2018); 辛店镇: 1 of 50; the county 493,400."""
    def household(village, number, n, **kw):
        v = areas[village]
        hh = Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                      number=number, size=n, **kw)
        for i in range(n):
            Person.objects.create(household=hh, name=f"{number}-{i}", relation="户主" if i == 0
                                  else "之子", birth_date=datetime.date(1980, 1, 1),
                                  id_hash=f"{number}{i}", id_masked="x", number=f"{number}-{i}")
        return hh

    household("621124100201", "T1", 2)
    household("621124100202", "T2", 1, exit_status=ExitStatus.EXITED, exit_year=2018)
    household("621124103201", "X1", 1)
    for code, n in (("621124100000", 300), ("621124100201", 100), ("621124103000", 50),
                    ("621124000000", 493_400)):
        AreaPopulation.objects.create(area=areas[code], agricultural=n, year=2016)


def test_by_township_at_registration_and_at_the_end_of_a_year(client, users, county_figures):
    client.force_login(users["county_admin"])
    r = client.get(reverse("registry:incidence"))
    rows = {row.name: row for row in r.context["rows"]}
    assert (rows["洮阳镇"].poor, rows["洮阳镇"].population, rows["洮阳镇"].incidence) == (
        3, 300, Decimal("1.00"))
    assert rows["辛店镇"].incidence == Decimal("2.00")
    r = client.get(reverse("registry:incidence"), {"year": 2018})
    rows = {row.name: row for row in r.context["rows"]}
    assert rows["洮阳镇"].poor == 2 and rows["洮阳镇"].incidence == Decimal("0.67")
    assert "2018 年末仍未脱贫" in r.content.decode()


def test_villages_of_a_township_and_the_link_to_the_people_counted(client, users, county_figures):
    client.force_login(users["county_admin"])
    r = client.get(reverse("registry:incidence"), {"township": "621124100000"})
    rows = {row.name: row for row in r.context["rows"]}
    assert rows["测试洮阳镇1村"].incidence == Decimal("2.00")
    assert rows["测试洮阳镇2村"].incidence is None  # no population figure: no made-up rate
    html = r.content.decode()
    link = f'{reverse("registry:person_list")}?township=621124100000&amp;village=621124100201'
    assert link in html
    listed = client.get(link.replace("&amp;", "&"))
    assert listed.context["page"].paginator.count == 2


def test_a_township_clerk_sees_their_township_and_no_county_rate(client, users, county_figures):
    client.force_login(users["township_clerk"])
    r = client.get(reverse("registry:incidence"))
    assert [row.name for row in r.context["rows"]] == ["洮阳镇"]
    assert r.context["total"].population is None
    assert "county-incidence" not in r.content.decode()


def test_the_incidence_exports_as_numbers(client, users, county_figures):
    client.force_login(users["county_admin"])
    r = client.get(reverse("registry:incidence"), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    header = [c.value for c in ws[3]]
    data = {row[header.index("地区")]: row for row in ws.iter_rows(min_row=4, values_only=True)}
    assert data["洮阳镇"][header.index("贫困人口（人）")] == 3
    assert data["洮阳镇"][header.index("贫困发生率（%）")] == 1


def test_the_county_line_reads_in_english_without_chinese_punctuation(client, users,
                                                                       county_figures):
    """Found on the English page: the county line kept （…）： and its figures had no separators."""
    client.force_login(users["county_admin"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("registry:incidence")).content.decode()
    assert "County (临洮县): 4 poor people, agricultural population 493,400, incidence" in html
    assert "（" not in html and "：" not in html
    client.cookies["django_language"] = "zh-hans"
    html = client.get(reverse("registry:incidence")).content.decode()
    assert "全县（临洮县）：贫困人口 4 人，农业人口 493,400 人，发生率" in html
