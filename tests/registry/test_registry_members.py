"""Households and members by hand: create a household, add and remove a member, correct an ID
number. Each is audited and kept in the household's history (old numbers masked), and refused
to roles without EDITS_REGISTRY and outside the clerk's township."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.models import AuditEvent
from xiezuo.registry import crypto
from xiezuo.registry.choices import HouseholdEventKind, Relation, RemovalReason
from xiezuo.registry.models import Household, HouseholdEvent, Person
from xiezuo.registry.services import (
    NewMember,
    household_create,
    member_add,
    member_remove,
    person_correct_id,
)

pytestmark = pytest.mark.django_db

T_VILLAGE = "621124100201"


@pytest.fixture
def hh(areas, two_households):
    return two_households(areas)


def _member(new_id, seed, relation=Relation.SON, born=datetime.date(2016, 3, 4)):
    return NewMember(name="张小明", id_number=new_id(seed, born=born), relation=relation,
                     fields={"education": "学龄前儿童"})


def test_a_clerk_creates_a_household_with_its_head(areas, users, new_id):
    clerk = users["township_clerk"]
    household = household_create(
        actor=clerk, village=areas[T_VILLAGE], number="T900",
        head=NewMember(name="赵六", id_number=new_id(900), relation=Relation.HEAD, fields={}),
        fields={"main_cause": "缺资金"})
    assert (household.member_count, household.size, household.township.code) == (
        1, 1, "621124100000")
    head = household.members.get()
    assert head.sex == "男" and head.birth_date == datetime.date(1980, 5, 6)
    event = HouseholdEvent.objects.get(household=household)
    assert event.kind == HouseholdEventKind.CREATED and event.new_id_masked == head.id_masked
    audit = AuditEvent.objects.get(object_type="registry.household", action="create")
    assert new_id(900) not in str(audit.new) and audit.new["证件号码"] == head.id_masked


def test_a_household_number_and_an_id_number_are_not_registered_twice(areas, users, new_id, hh):
    clerk = users["township_clerk"]
    head = NewMember(name="赵六", id_number=new_id(901), relation=Relation.HEAD, fields={})
    with pytest.raises(ValidationError) as e:
        household_create(actor=clerk, village=areas[T_VILLAGE], number="T001", head=head)
    assert "number" in e.value.error_dict
    taken = crypto.decrypt_id(hh["xindian"].members.get().id_cipher)
    with pytest.raises(ValidationError) as e:
        household_create(actor=clerk, village=areas[T_VILLAGE], number="T901",
                         head=NewMember(name="赵六", id_number=taken, relation=Relation.HEAD,
                                        fields={}))
    assert "id_number" in e.value.error_dict
    assert not Household.objects.filter(number="T901").exists()


def test_refusals_outside_the_role_and_the_area(areas, users, new_id, hh):
    head = NewMember(name="赵六", id_number=new_id(902), relation=Relation.HEAD, fields={})
    for role in ("case_worker", "fund_officer", "east_officer", "leadership", "auditor"):
        with pytest.raises(PermissionDenied):
            household_create(actor=users[role], village=areas[T_VILLAGE], number="T902",
                             head=head)
        with pytest.raises(PermissionDenied):
            member_add(actor=users[role], household=hh["taoyang"], member=_member(new_id, 903))
    other = users["other_clerk"]  # 辛店镇's clerk, the household is 洮阳镇's
    with pytest.raises(PermissionDenied):
        household_create(actor=other, village=areas[T_VILLAGE], number="T902", head=head)
    with pytest.raises(PermissionDenied):
        member_add(actor=other, household=hh["taoyang"], member=_member(new_id, 903))
    spouse = hh["taoyang"].members.get(relation=Relation.SPOUSE)
    with pytest.raises(PermissionDenied):
        member_remove(actor=other, person=spouse, reason=RemovalReason.DEATH)
    with pytest.raises(PermissionDenied):
        person_correct_id(actor=other, person=spouse, id_number=new_id(904), reason="录错")
    assert not HouseholdEvent.objects.exists()


def test_a_member_added_and_removed_stays_in_the_history(users, new_id, hh):
    clerk = users["township_clerk"]
    household = hh["taoyang"]
    child = member_add(actor=clerk, household=household, member=_member(new_id, 905))
    household.refresh_from_db()
    assert (household.member_count, household.size) == (3, 3)
    assert child.birth_date == datetime.date(2016, 3, 4) and child.education == "学龄前儿童"
    member_remove(actor=clerk, person=child, reason=RemovalReason.MOVED_OUT, note="随父母迁往兰州")
    household.refresh_from_db()
    assert (household.member_count, household.size) == (2, 2)
    removed = HouseholdEvent.objects.get(kind=HouseholdEventKind.MEMBER_REMOVED)
    assert (removed.person_name, removed.old_id_masked) == ("张小明", child.id_masked)
    assert removed.reason == "户籍迁出：随父母迁往兰州"
    audit = AuditEvent.objects.get(object_type="registry.person", action="delete")
    assert audit.old["证件号码"] == child.id_masked and "户籍迁出" in audit.note


def test_the_head_and_the_last_member_are_not_removed(users, hh):
    clerk = users["township_clerk"]
    head = hh["taoyang"].members.get(relation=Relation.HEAD)
    with pytest.raises(ValidationError):
        member_remove(actor=clerk, person=head, reason=RemovalReason.DEATH)
    only = hh["xindian"].members.get()
    with pytest.raises(ValidationError):
        member_remove(actor=users["other_clerk"], person=only, reason=RemovalReason.DEATH)
    assert Person.objects.count() == 3


def test_correcting_an_id_number_keeps_the_old_one_masked(users, new_id, hh, full_id):
    clerk = users["township_clerk"]
    spouse = hh["taoyang"].members.get(relation=Relation.SPOUSE)
    old_full, old_masked = full_id(spouse), spouse.id_masked
    right = new_id(906, born=datetime.date(1975, 1, 2), male=False)
    saved = person_correct_id(actor=clerk, person=spouse, id_number=right, reason="登记时录错")
    assert full_id(saved) == right and saved.birth_date == datetime.date(1975, 1, 2)
    assert saved.sex == "女" and saved.version == 2
    event = HouseholdEvent.objects.get(kind=HouseholdEventKind.ID_CORRECTED)
    assert (event.old_id_masked, event.new_id_masked) == (old_masked, saved.id_masked)
    audit = AuditEvent.objects.get(object_type="registry.person", action="update")
    assert old_full not in str(audit.old) and right not in str(audit.new)
    assert audit.old["证件号码"] == old_masked and "登记时录错" in audit.note
    # the old number is free again; the new one is taken
    with pytest.raises(ValidationError):
        person_correct_id(actor=clerk, person=spouse, id_number=right, reason="再改")


def test_the_pages_create_add_remove_and_correct(client, users, new_id, hh, areas):
    client.force_login(users["township_clerk"])
    r = client.post("/registry/households/new/", {
        "township": "621124100000", "village": T_VILLAGE, "number": "T950", "name": "钱七",
        "id_number": new_id(950), "relation": Relation.HEAD})
    household = Household.objects.get(number="T950")
    assert r.status_code == 302 and r["Location"] == f"/registry/households/{household.pk}/"
    r = client.post(f"/registry/households/{household.pk}/members/new/", {
        "name": "钱小七", "id_number": new_id(951, born=datetime.date(2018, 1, 1)),
        "relation": Relation.SON})
    assert r.status_code == 302
    child = household.members.get(name="钱小七")
    right = new_id(952, born=datetime.date(2018, 1, 1))
    wrong = right[:17] + ("1" if right[17] != "1" else "2")  # a wrong check character
    r = client.post(f"/registry/persons/{child.pk}/correct-id/", {
        "id_number": wrong, "reason": "录错"})
    assert r.status_code == 200 and "证件号码有误" in r.content.decode()
    r = client.post(f"/registry/persons/{child.pk}/remove/", {"reason": RemovalReason.DEATH})
    assert r.status_code == 302
    page = client.get(f"/registry/households/{household.pk}/").content.decode()
    assert "户变更记录" in page and "手工建户" in page and "减少成员" in page
    # another township's clerk does not find the household at all
    client.force_login(users["other_clerk"])
    assert client.get(f"/registry/households/{household.pk}/members/new/").status_code == 404
