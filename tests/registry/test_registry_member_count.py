"""Household.member_count is kept by database triggers and always equals the person rows.

Run on SQLite and PostgreSQL (different triggers: row-level there, statement-level here), so
each kind of change a person row can undergo is exercised on both.
"""

import datetime

import pytest
from django.db import connection

from xiezuo.registry import crypto, member_count
from xiezuo.registry import selectors as s
from xiezuo.registry.models import Household, Person
from xiezuo.registry.services import household_import

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return dict(Household.objects.order_by("number").values_list("number", "member_count"))


def true_counts() -> dict[str, int]:
    return {h.number: h.members.count() for h in Household.objects.order_by("number")}


@pytest.fixture
def imported(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 3) + household("H2", 2) + household("H3", 1)
    r = household_import(path=write_xlsx(tmp_path / "a.xlsx", rows))
    assert r.rejected == 0, r.errors
    return tmp_path


def test_a_bulk_import_counts_every_household_member(imported):
    assert counts() == {"H1": 3, "H2": 2, "H3": 1} == true_counts()


def test_single_creates_and_deletes_are_counted(imported):
    h1 = Household.objects.get(number="H1")
    p = Person.objects.create(
        household=h1, name="新成员", id_cipher=crypto.encrypt_id("11010519491231002X"),
        id_hash=crypto.id_hash("11010519491231002X"), id_masked="110105********002X",
        sex="女", birth_date=datetime.date(1949, 12, 31), relation="之女")
    assert counts()["H1"] == 4
    p.delete()
    Person.objects.filter(household__number="H2").first().delete()
    assert counts() == {"H1": 3, "H2": 1, "H3": 1} == true_counts()


def test_moves_by_save_and_by_queryset_update_follow_the_person(imported):
    h1, h3 = Household.objects.get(number="H1"), Household.objects.get(number="H3")
    p = h1.members.order_by("id").last()
    p.household = h3
    p.save()
    assert counts() == {"H1": 2, "H2": 2, "H3": 2}
    Person.objects.filter(household__number="H2").update(household=h3)  # one statement, two rows
    assert counts() == {"H1": 2, "H2": 0, "H3": 4} == true_counts()
    Person.objects.filter(household=h3).update(name="改名")  # other fields leave counts alone
    assert counts() == {"H1": 2, "H2": 0, "H3": 4}


def test_an_import_that_moves_a_person_moves_the_count(imported, household, write_xlsx):
    mover = household("H1", 3)[2]
    rows = household("H4", 1) + [{**mover, "户编号": "H4", "与户主关系": "配偶"}]
    r = household_import(path=write_xlsx(imported / "b.xlsx", rows), allow_moves=True)
    assert r.rejected == 0, r.errors
    assert counts() == {"H1": 2, "H2": 2, "H3": 1, "H4": 2} == true_counts()


def test_deleting_a_household_and_bulk_deletes_keep_the_rest_right(imported):
    Household.objects.filter(number="H2").delete()
    Person.objects.filter(household__number="H1", relation="配偶").delete()
    assert counts() == {"H1": 2, "H3": 1} == true_counts()


def test_recount_repairs_a_count_changed_behind_the_triggers(imported):
    with connection.cursor() as c:
        c.execute("UPDATE registry_household SET member_count = 9")
    assert member_count.recount(connection) == 3
    assert counts() == true_counts()
    assert member_count.recount(connection) == 0


def test_figures_summed_from_counts_equal_counting_the_people(imported, users):
    Household.objects.filter(number="H1").update(exit_status="已脱贫（享受政策）", exit_year=2018)
    Household.objects.filter(number="H2").update(exit_status="已脱贫（不再享受政策）",
                                                 exit_year=2019)
    for role in ("county_admin", "township_clerk", "other_clerk"):
        u = users[role]
        people = s.persons_visible(user=u)
        assert s.registered_total(user=u) == people.count()
        expected = {}
        for p in people.filter(household__exit_year__isnull=False).select_related("household"):
            expected[p.household.exit_year] = expected.get(p.household.exit_year, 0) + 1
        assert s.exit_counts(user=u) == expected
    assert s.exit_counts(user=users["county_admin"]) == {2018: 3, 2019: 2}
    assert s.registered_total(user=users["other_clerk"]) == 0  # 辛店镇 has none of them


def _add_member(number: str) -> None:
    Person.objects.create(
        household=Household.objects.get(number=number), name="新成员",
        id_cipher=crypto.encrypt_id("440524188001010014"),
        id_hash=crypto.id_hash("440524188001010014"), id_masked="440524********0014",
        sex="男", birth_date=datetime.date(1880, 1, 1), relation="之子")


def test_the_bulk_writers_put_the_triggers_back(imported):
    # the import ran with the triggers deferred (SQLite): a later single insert is counted again
    _add_member("H3")
    assert counts()["H3"] == 2 == true_counts()["H3"]


def test_a_bulk_write_that_fails_keeps_the_triggers(imported):
    from django.db import transaction

    with pytest.raises(RuntimeError):
        with transaction.atomic(), member_count.deferred(connection):
            raise RuntimeError("the import failed half-way")
    _add_member("H3")
    assert counts()["H3"] == 2
