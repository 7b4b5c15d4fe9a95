"""The industry services' rules: stage moves, money arrived, linkages, the stale form refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.industry import services
from xiezuo.industry.choices import Stage
from xiezuo.industry.models import StageChange
from xiezuo.industry.rules import photo_kind, stage_error


@pytest.mark.parametrize("old, new, allowed", [
    ("talks", "signed", True), ("signed", "started", True), ("started", "operating", True),
    ("talks", "started", True), ("operating", "ended", True), ("talks", "ended", True),
    ("signed", "talks", False), ("operating", "started", False), ("ended", "operating", False),
    ("signed", "signed", False),
])
def test_stages_move_forward_or_end(old, new, allowed):
    assert (stage_error(old, new) is None) == allowed


def test_a_photo_type_is_read_from_its_content():
    assert photo_kind(b"\xff\xd8\xff\xe0rest") == "jpg"
    assert photo_kind(b"\x89PNG\r\n\x1a\nrest") == "png"
    assert photo_kind(b"GIF89a") is None and photo_kind(b"%PDF-1.4") is None


@pytest.mark.django_db
def test_a_stale_project_form_is_refused_and_writes_nothing(org, project):
    p = project(org("福州某公司"))
    fields = dict(code=p.code, name="新名称", investor=p.investor, sector=p.sector, area=p.area,
                  contracted_amount=Decimal("1"))
    services.project_update(actor=None, project=p, version=1, **fields)
    with pytest.raises(StaleEditError):
        services.project_update(actor=None, project=p, version=1, **{**fields, "name": "旧表单"})
    p.refresh_from_db()
    assert p.name == "新名称" and p.version == 2


@pytest.mark.django_db
def test_a_stale_sale_form_is_refused(org, sale):
    s = sale(org("买方", roles=("buyer",)), org("卖方", area="621124100000"))
    args = dict(date=s.date, product="百合", township=s.township, buyer=s.buyer,
                buyer_kind=s.buyer_kind, channel=s.channel, quantity=s.quantity, unit=s.unit,
                amount=Decimal("5"), supplier=s.supplier)
    services.sale_update(actor=None, sale=s, version=1, **args)
    with pytest.raises(StaleEditError):
        services.sale_update(actor=None, sale=s, version=1, **{**args, "product": "旧"})
    s.refresh_from_db()
    assert s.product == "百合" and s.version == 2


@pytest.mark.django_db
def test_the_stage_history_is_dated_and_signing_sets_the_signed_date(org, project):
    p = project(org("福州某公司"), stage=Stage.TALKS, signed=datetime.date(2018, 1, 5))
    assert p.signed_on is None
    services.project_set_stage(actor=None, project=p, version=p.version, stage="signed",
                               date=datetime.date(2018, 3, 1))
    p.refresh_from_db()
    assert p.signed_on == datetime.date(2018, 3, 1) and p.stage == "signed"
    with pytest.raises(ValidationError):
        services.project_set_stage(actor=None, project=p, version=p.version, stage="talks",
                                   date=datetime.date(2018, 4, 1))
    with pytest.raises(ValidationError):  # before the stage it is in
        services.project_set_stage(actor=None, project=p, version=p.version, stage="started",
                                   date=datetime.date(2018, 2, 1))
    assert list(StageChange.objects.filter(project=p).values_list("old", "new")) == [
        ("", "talks"), ("talks", "signed")]


@pytest.mark.django_db
def test_money_arrives_after_signing_within_its_year(org, project):
    talks = project(org("甲"), stage=Stage.TALKS)
    with pytest.raises(ValidationError):
        services.arrival_create(actor=None, project=talks, year=2019,
                                date=datetime.date(2019, 3, 1), amount=Decimal("10"))
    p = project(org("乙"))
    with pytest.raises(ValidationError):
        services.arrival_create(actor=None, project=p, year=2019, date=datetime.date(2020, 1, 1),
                                amount=Decimal("10"))
    with pytest.raises(ValidationError):
        services.arrival_create(actor=None, project=p, year=2019, date=datetime.date(2019, 1, 1),
                                amount=Decimal("0"))
    a = services.arrival_create(actor=None, project=p, year=2019, date=datetime.date(2019, 1, 1),
                                amount=Decimal("10.5"))
    assert a.amount == Decimal("10.50")


@pytest.mark.django_db
def test_linkages_once_per_project_household_kind_and_year_in_scope(org, project, hh, users):
    p = project(org("丙"))
    h = hh()
    services.linkage_create(actor=None, project=p, household=h, kind="wages", year=2019,
                            amount=Decimal("100"))
    with pytest.raises(ValidationError):
        services.linkage_create(actor=None, project=p, household=h, kind="wages", year=2019,
                                amount=Decimal("100"))
    with pytest.raises(ValidationError):  # before signing (2018)
        services.linkage_create(actor=None, project=p, household=h, kind="wages", year=2017,
                                amount=Decimal("100"))
    far = hh("621124103201")
    with pytest.raises(PermissionDenied):  # 洮阳镇's clerk, a 辛店镇 household
        services.linkage_create(actor=users["township_clerk"], project=p, household=far,
                                kind="wages", year=2019, amount=Decimal("100"))
    with pytest.raises(PermissionDenied):
        services.linkage_create(actor=users["fund_officer"], project=p, household=h,
                                kind="dividend", year=2019, amount=Decimal("100"))
