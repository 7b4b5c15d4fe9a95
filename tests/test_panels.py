"""A part adds a section to another part's record page through `<app>/panels.py`, found by
discovery: the household page shows it without the registry importing the part."""

import datetime
import types

import pytest
from django.urls import reverse

from xiezuo.core import panels
from xiezuo.core.panels import Panel, panels_for


@pytest.fixture
def fake_part(monkeypatch):
    """A part whose panels.py offers a household panel (and none for organisations)."""
    seen = []

    def household(hh, user):
        seen.append((hh.pk, user.username))
        return [Panel(title="利益联结（测试）", template="core/_print_button.html", order=5),
                Panel(title="定向招生（测试）", template="core/_print_button.html", order=1)]

    module = types.SimpleNamespace(household=household, __name__="xiezuo.fake.panels")
    monkeypatch.setattr(panels, "app_modules", lambda name: (module,) if name == "panels" else ())
    return seen


def test_panels_come_in_their_order_and_only_for_their_kind(fake_part):
    hh = types.SimpleNamespace(pk=7)
    user = types.SimpleNamespace(username="u")
    assert [p.title for p in panels_for("household", hh, user)] == ["定向招生（测试）", "利益联结（测试）"]
    assert panels_for("organisation", hh, user) == []
    assert fake_part == [(7, "u")]


def test_the_household_page_renders_each_parts_panel(client, users, areas, fake_part):
    from xiezuo.registry.models import Household

    v = areas["621124100201"]
    hh = Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                  number="T001", size=1, first_identified=datetime.date(2014, 1, 1))
    client.force_login(users["township_clerk"])
    html = client.get(reverse("registry:household_detail", args=[hh.pk])).content.decode()
    assert "利益联结（测试）" in html and "定向招生（测试）" in html
    assert html.index("定向招生（测试）") < html.index("利益联结（测试）")
    assert [pk for pk, _user in fake_part] == [hh.pk]
