"""The organisations register: created and corrected through its services (checked credit code,
roles, side from the area, the versioned edit), read through visible_to and the selectors."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.choices import Role
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.orgs import services
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.filters import OrganisationFilters
from xiezuo.orgs.models import Organisation
from xiezuo.orgs.selectors import organisation_by_credit_code, organisation_list
from xiezuo.regions.choices import Side

CANGSHAN = "350104000000"
LINTAO = "621124000000"
TAOYANG = "621124100000"
ANDING = "621102000000"  # a county of Dingxi outside the partnership (reference areas)


@pytest.fixture
def anding(areas):
    return areas[ANDING]


def test_side_comes_from_the_area_and_roles_are_kept(org):
    east = org("福州某电子厂", CANGSHAN, roles=("employer", "buyer"))
    west = org("临洮某合作社", TAOYANG, kind="cooperative", roles=("cooperative", "supplier"))
    assert (east.side, west.side) == (Side.EAST, Side.WEST)
    assert east.role_list == ["employer", "buyer"]
    assert east.has_role(OrgRole.BUYER) and not east.has_role("donor")
    assert list(Organisation.objects.with_role("supplier")) == [west]
    assert set(Organisation.objects.with_role(OrgRole.EMPLOYER)) == {east}


def test_the_credit_code_is_checked_normalised_and_unique_when_given(org, areas):
    a = org("甲公司", CANGSHAN, code=" 91350100m000100y43 ")
    assert a.credit_code == "91350100M000100Y43"
    assert organisation_by_credit_code("91350100m000100y43") == a
    with pytest.raises(ValidationError) as e:
        org("乙公司", CANGSHAN, code="91350100M000100Y43")
    assert "已登记为“甲公司”" in str(e.value.message_dict["credit_code"])
    with pytest.raises(ValidationError) as e:
        org("丙公司", CANGSHAN, code="91350100M000100Y44")
    assert "校验码错误" in str(e.value.message_dict["credit_code"])
    with pytest.raises(ValidationError) as e:
        org("丁公司", CANGSHAN, code="")
    assert "须填写统一社会信用代码" in str(e.value.message_dict["credit_code"])
    # an individual donor and a school without a code: several may have none
    org("张某", CANGSHAN, kind="individual", roles=("donor",))
    org("李某", CANGSHAN, kind="individual", roles=("donor",))
    org("某村小学", TAOYANG, kind="school", roles=("school",))
    assert Organisation.objects.filter(credit_code="").count() == 3


def test_the_database_refuses_a_second_organisation_with_the_same_code(org):
    from django.db import IntegrityError, transaction

    a = org("甲公司", CANGSHAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="重复", credit_code=a.credit_code, area=a.area,
                                    side=a.side)


def test_partnership_users_see_both_sides_others_are_refused(org, users, make_user, anding):
    east = org("福州某电子厂", CANGSHAN)
    west = org("临洮某合作社", TAOYANG, kind="cooperative")
    elsewhere = org("安定某企业", ANDING)
    for name in ("county_admin", "township_clerk", "case_worker", "fund_officer",
                 "east_officer", "leadership", "auditor"):
        seen = set(Organisation.objects.visible_to(users[name]))
        assert seen == {east, west}, name
    outsider = make_user(Role.COUNTY_ADMIN, "621124000000", username="x")
    outsider.scope = anding
    outsider.save()
    outsider = User.objects.get(pk=outsider.pk)
    assert list(Organisation.objects.visible_to(outsider)) == [elsewhere]
    inactive = users["auditor"]
    inactive.is_active = False
    assert list(Organisation.objects.visible_to(inactive)) == []
    assert list(Organisation.objects.visible_to(None)) == []


def test_read_only_roles_may_not_register_or_edit(org, users, areas):
    a = org("甲公司", CANGSHAN)
    for name in ("leadership", "auditor"):
        with pytest.raises(PermissionDenied):
            services.organisation_create(actor=users[name], name="x", area=areas[CANGSHAN],
                                         kind="individual")
        with pytest.raises(PermissionDenied):
            services.organisation_update(actor=users[name], organisation=a, version=a.version,
                                         name="y", area=a.area, kind=a.kind,
                                         credit_code=a.credit_code)
        with pytest.raises(PermissionDenied):
            services.organisation_add_role(actor=users[name], organisation=a, role="donor")
    assert Organisation.objects.count() == 1 and a.role_list == ["employer"]


def test_an_area_outside_the_partnership_is_refused(users, anding):
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=users["case_worker"], name="x", area=anding,
                                     kind="individual")


def test_update_writes_what_changed_and_refuses_a_stale_form(org, users, areas):
    a = org("甲公司", CANGSHAN, contact_name="王")
    clerk = users["case_worker"]
    services.organisation_update(actor=clerk, organisation=a, version=1, name="甲公司（福州）",
                                 area=areas[CANGSHAN], kind="enterprise",
                                 credit_code=a.credit_code, contact_name="王",
                                 roles=["employer", "investor"])
    a.refresh_from_db()
    assert (a.name, a.version, a.role_list) == ("甲公司（福州）", 2, ["employer", "investor"])
    events = AuditEvent.objects.filter(object_type="orgs.organisation", object_id=str(a.pk),
                                       action="update").order_by("id")
    assert [e.new for e in events] == [{"name": "甲公司（福州）"},
                                       {"roles": ["employer", "investor"]}]
    with pytest.raises(services.StaleEditError):
        services.organisation_update(actor=clerk, organisation=a, version=1, name="旧表单",
                                     area=a.area, kind="enterprise", credit_code=a.credit_code)
    a.refresh_from_db()
    assert (a.name, a.version) == ("甲公司（福州）", 2)
    # the roles alone changing still move the version (a form read before is stale)
    services.organisation_update(actor=clerk, organisation=a, version=2, name=a.name,
                                 area=a.area, kind="enterprise", credit_code=a.credit_code,
                                 contact_name="王", roles=["investor"])
    a.refresh_from_db()
    assert (a.version, a.role_list) == (3, ["investor"])
    # nothing changed: nothing written
    services.organisation_update(actor=clerk, organisation=a, version=3, name=a.name,
                                 area=a.area, kind="enterprise", credit_code=a.credit_code,
                                 contact_name="王", roles=["investor"])
    a.refresh_from_db()
    assert a.version == 3


def test_moving_to_the_other_side_moves_the_side(org, users, areas):
    a = org("甲公司", CANGSHAN)
    services.organisation_update(actor=users["case_worker"], organisation=a, version=1,
                                 name=a.name, area=areas[TAOYANG], kind=a.kind,
                                 credit_code=a.credit_code)
    a.refresh_from_db()
    assert (a.area.code, a.side) == (TAOYANG, Side.WEST)


def test_add_role_once(org, users):
    a = org("甲公司", CANGSHAN, roles=())
    assert services.organisation_add_role(actor=users["fund_officer"], organisation=a,
                                          role="donor")
    assert not services.organisation_add_role(actor=users["fund_officer"], organisation=a,
                                              role="donor")
    assert a.role_list == ["donor"]
    assert AuditEvent.objects.filter(object_type="orgs.organisation", note="添加角色").count() == 1


def test_list_filters(org, users, areas):
    a = org("福州某电子厂", CANGSHAN, roles=("employer",))
    b = org("临洮某合作社", TAOYANG, kind="cooperative", roles=("cooperative", "supplier"))
    c = org("张某", TAOYANG, kind="individual", roles=("donor",))
    u = users["county_admin"]

    def names(**kw):
        return [o.name for o in organisation_list(user=u, filters=OrganisationFilters(**kw))]

    assert names() == sorted([a.name, b.name, c.name])
    assert names(q="电子") == [a.name]
    assert names(q=b.credit_code[-6:].lower()) == [b.name]
    assert names(role="supplier") == [b.name]
    assert names(kind="individual") == [c.name]
    assert names(side="east") == [a.name]
    assert names(area=areas[TAOYANG]) == sorted([b.name, c.name])
    assert organisation_list(user=users["township_clerk"]).count() == 3


def test_ensure_gives_the_role_to_a_registered_code_and_creates_the_others(org, users, areas):
    from xiezuo.orgs import creditcode

    buyer = org("福州某超市", CANGSHAN, roles=("buyer",))
    new_code = creditcode.generate(__import__("random").Random(4), division="621124")
    ids = services.organisations_ensure(actor=users["case_worker"], role="employer", records={
        buyer.credit_code: {"name": "福州某超市", "area_id": areas[CANGSHAN].pk},
        new_code: {"name": "临洮某厂", "area_id": areas[TAOYANG].pk, "sector": "manufacturing",
                   "contact_name": "马", "contact_phone": "1"}})
    assert ids[buyer.credit_code] == buyer.pk and buyer.role_list == ["employer", "buyer"]
    made = Organisation.objects.get(pk=ids[new_code])
    assert (made.side, made.kind, made.sector, made.role_list) == (
        "west", "enterprise", "manufacturing", ["employer"])
    with pytest.raises(PermissionDenied):
        services.organisations_ensure(actor=users["auditor"], role="employer", records={})
