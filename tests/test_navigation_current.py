"""The menu marks the page one is on, and a page below a menu item (a household's page below the
household search) carries a breadcrumb back to it."""

import datetime

from django.urls import reverse


def test_the_menu_marks_the_current_page(client, users):
    client.force_login(users["county_admin"])
    url = reverse("registry:household_list")
    html = client.get(url).content.decode()
    assert f'<a href="{url}" class="current" aria-current="page">' in html
    assert html.count('aria-current="page"') == 1
    assert 'aria-label="当前位置"' in html


def test_a_detail_page_links_back_to_its_list(client, users, areas):
    from xiezuo.registry.models import Household

    v = areas["621124100201"]
    hh = Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                  number="T001", size=1, first_identified=datetime.date(2014, 1, 1))
    client.force_login(users["township_clerk"])
    html = client.get(reverse("registry:household_detail", args=[hh.pk])).content.decode()
    crumb = html.split('aria-label="当前位置"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("registry:household_list")}"' in crumb
    assert 'aria-current="page"' not in html


def test_the_home_page_has_no_breadcrumb(client, users):
    client.force_login(users["county_admin"])
    html = client.get(reverse("core:home")).content.decode()
    assert 'aria-label="当前位置"' not in html
