from io import StringIO

import pytest
from django.core.management import call_command

from xiezuo.regions.models import Area, Partnership


@pytest.mark.django_db
def test_init_twice_changes_nothing():
    call_command("init", verbosity=0)
    areas = list(Area.objects.order_by("code").values_list("code", "name", "level", "parent__code"))
    partnerships = list(Partnership.objects.values_list("east__code", "west__code", "start_year"))
    out = StringIO()
    call_command("init", stdout=out)
    assert "areas_created=0, areas_updated=0, partnerships_created=0" in out.getvalue()
    assert list(Area.objects.order_by("code").values_list("code", "name", "level",
                                                          "parent__code")) == areas
    assert list(Partnership.objects.values_list("east__code", "west__code", "start_year")) \
        == partnerships


@pytest.mark.django_db
def test_init_loads_the_two_partner_areas_and_the_default_partnership():
    call_command("init", verbosity=0)
    lintao = Area.objects.get(code="621124000000")
    assert lintao.name == "临洮县" and lintao.parent.name == "定西市"
    assert Area.objects.filter(parent=lintao, level="township").count() == 18
    assert Area.objects.filter(parent__code="350104000000", level="township").count() == 13
    p = Partnership.objects.get()
    assert (p.east.name, p.west.name, p.start_year, p.end_year) == ("仓山区", "临洮县", 2017, 2020)


@pytest.mark.django_db
def test_init_repairs_a_renamed_reference_area():
    call_command("init", verbosity=0)
    Area.objects.filter(code="621124100000").update(name="错误名称")
    out = StringIO()
    call_command("init", stdout=out)
    assert "areas_updated=1" in out.getvalue()
    assert Area.objects.get(code="621124100000").name == "洮阳镇"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
