"""Industry's year selectors (issue 10: "years after the plan period appear only where records
exist"): read per request, the plan's years and later ones only where industry records are;
a form for a new record also offers this year."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from xiezuo.industry.forms import ArrivalForm, SaleFilterForm

pytestmark = pytest.mark.django_db


def _years(html: str) -> list[int]:
    select = re.search(r'<select name="year"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [int(v) for v in re.findall(r'<option value="(\d+)"', select)]


def test_the_filters_offer_the_plan_years_and_no_empty_year_after_it(client, users, areas):
    client.force_login(users["county_admin"])
    html = client.get(reverse("industry:sale_list")).content.decode()
    assert _years(html) == [2017, 2018, 2019, 2020]


def test_a_year_after_the_plan_appears_once_a_record_holds_it(client, users, org, sale):
    later = 2022
    assert timezone.localdate().year >= later
    before = [y for y, _label in SaleFilterForm(user=users["county_admin"]).fields["year"].choices
              if y]
    assert later not in before
    sale(org("仓山区某食堂", roles=("buyer",)), org("临洮县某合作社", area="621124100000",
                                                roles=("supplier",)),
         date=datetime.date(later, 3, 1))
    client.force_login(users["county_admin"])
    # the same process, no restart: the choices are read when the page is shown
    assert _years(client.get(reverse("industry:sale_list")).content.decode()) == [
        2017, 2018, 2019, 2020, later]
    assert _years(client.get(reverse("industry:project_list")).content.decode())[-1] == later


def test_a_new_record_may_be_entered_for_this_year(areas):
    this_year = timezone.localdate().year
    years = [y for y, _label in ArrivalForm().fields["year"].choices]
    assert years[:4] == [2017, 2018, 2019, 2020] and years[-1] == this_year
    assert all(y <= this_year for y in years)


def test_the_township_filters_use_the_area_picker(client, users, areas):
    """The township of an industry list is picked with regions.picker (only the user's, no
    code typed or ---------), and the filter is kept by its code."""
    client.force_login(users["county_admin"])
    for name in ("totals", "sale_list", "project_list", "linkage_list", "household_list"):
        html = client.get(reverse(f"industry:{name}"), {"township": "621124100000"}
                          ).content.decode()
        picker = re.search(r'<span class="area-picker".*?</span>', html, re.S).group(0)
        assert "---------" not in picker, name
        assert re.search(r'<option value="621124100000" selected>', picker), name
    client.force_login(users["township_clerk"])  # 洮阳镇 only
    html = client.get(reverse("industry:sale_list")).content.decode()
    picker = re.search(r'<span class="area-picker".*?</span>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', picker) == ["621124100000"]
