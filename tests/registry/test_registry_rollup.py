"""The village rollup (registry.rollup) equals grouping the households after every kind of change,
and the figures read from it equal the lists and counts they replace.

Run on SQLite and PostgreSQL: the triggers differ (row-level there, statement-level here).
"""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import Count, Sum

from xiezuo.registry import crypto, member_count, rollup
from xiezuo.registry import selectors as s
from xiezuo.registry.choices import ExitStatus
from xiezuo.registry.filters import EXITED, HouseholdFilters
from xiezuo.registry.models import Household, Person, StatusChange, VillageRollup
from xiezuo.registry.services import household_import

pytestmark = pytest.mark.django_db

SUPPORTED, EXITED_NO = "已脱贫（享受政策）", "已脱贫（不再享受政策）"


@pytest.fixture
def imported(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 3) + household("H2", 2) + household("H3", 1)
    r = household_import(path=write_xlsx(tmp_path / "a.xlsx", rows))
    assert r.rejected == 0, r.errors
    return tmp_path


def right() -> bool:
    return rollup.differences(connection) == []


def _add_member(number: str, idn: str = "440524188001010014") -> Person:
    return Person.objects.create(
        household=Household.objects.get(number=number), name="新成员",
        id_cipher=crypto.encrypt_id(idn), id_hash=crypto.id_hash(idn),
        id_masked=crypto.mask_id(idn), sex="男", birth_date=datetime.date(1880, 1, 1),
        relation="之子")


def test_an_import_fills_the_rollup(imported):
    assert right()
    assert VillageRollup.objects.aggregate(h=Sum("households"), m=Sum("members")) == {
        "h": 3, "m": 6}


def test_people_added_moved_and_removed_follow_into_the_rollup(imported):
    p = _add_member("H1")
    assert right()
    p.household = Household.objects.get(number="H3")
    p.save()
    assert right()
    Person.objects.filter(household__number="H2").update(
        household=Household.objects.get(number="H3"))
    assert right()
    p.delete()
    Person.objects.filter(household__number="H1", relation="配偶").delete()
    assert right()


def test_status_year_and_village_changes_move_the_household_between_groups(imported, areas):
    h1 = Household.objects.get(number="H1")
    h1.exit_status, h1.exit_year = SUPPORTED, 2018
    h1.save()
    assert right()
    Household.objects.filter(number__in=["H2", "H3"]).update(exit_status=EXITED_NO,
                                                             exit_year=2019)
    assert right()
    Household.objects.filter(number="H3").update(exit_year=None)  # a NULL year is a group too
    assert right()
    other = Household.objects.get(number="H2")
    other.village = areas["621124103202"]
    other.township = areas["621124103000"]
    other.save()
    assert right()
    Household.objects.update(phone="13800000000")  # other fields change no group
    assert right()


def test_deleting_households_takes_them_and_their_members_out(imported):
    Household.objects.filter(number="H2").delete()
    assert right()
    Household.objects.all().delete()
    assert right()
    assert not VillageRollup.objects.exclude(households=0, members=0).exists()


def test_a_second_import_with_moves_and_new_households(imported, household, write_xlsx):
    mover = household("H1", 3)[2]
    rows = household("H4", 2) + [{**mover, "户编号": "H4", "与户主关系": "配偶"}]
    r = household_import(path=write_xlsx(imported / "b.xlsx", rows), allow_moves=True)
    assert r.rejected == 0, r.errors
    assert right()
    assert VillageRollup.objects.aggregate(m=Sum("members"))["m"] == Person.objects.count() == 8


def test_a_failed_bulk_write_keeps_the_triggers(imported):
    with pytest.raises(RuntimeError):
        with transaction.atomic(), member_count.deferred(connection):
            raise RuntimeError("the import failed half-way")
    _add_member("H3")
    assert right()


def test_rebuild_repairs_a_rollup_changed_behind_the_triggers(imported):
    VillageRollup.objects.update(members=99)
    assert not right()
    rollup.rebuild(connection)
    assert right()


def _history(imported):
    """H1 exited 2018; H2 exited 2019 then returned 2021; H3 never exited."""
    h1, h2 = Household.objects.get(number="H1"), Household.objects.get(number="H2")
    Household.objects.filter(pk=h1.pk).update(exit_status=SUPPORTED, exit_year=2018)
    Household.objects.filter(pk=h2.pk).update(exit_status=ExitStatus.RETURNED, exit_year=2019)
    for h, new, day in ((h1, SUPPORTED, "2018-10-01"), (h2, EXITED_NO, "2019-10-01"),
                        (h2, ExitStatus.RETURNED, "2021-03-01")):
        StatusChange.objects.create(household=h, new=new, date=day, source="demo")


#: every kind of scope: a county, its townships, the eastern side (which sees its partner),
#: the city office and a city's leading group (a city's prefix: 4 digits)
ROLES = ("county_admin", "township_clerk", "other_clerk", "east_officer", "city_office",
         "city_leader")


@pytest.fixture
def scoped(users, make_user, areas, make_household):
    """The users of every kind of scope, and a household in a second county of the city
    (安定区), which the city's users count and Lintao's do not."""
    from xiezuo.accounts.choices import Role
    from xiezuo.regions.choices import Level, Side
    from xiezuo.regions.models import Area

    township = Area.objects.create(code="621102100000", name="测试镇", level=Level.TOWNSHIP,
                                   parent=areas["621102000000"], side=Side.WEST, synthetic=True)
    areas["621102100201"] = Area.objects.create(
        code="621102100201", name="测试村", level=Level.VILLAGE, parent=township,
        side=Side.WEST, synthetic=True)
    make_household(areas, "621102100201", "A1", [("甲", "户主"), ("乙", "配偶")], seed=61,
                   exit_status=SUPPORTED, exit_year=2019)
    return {**users, "city_leader": make_user(Role.LEADERSHIP, "621100000000")}


def test_figures_from_the_rollup_equal_counting_the_people(imported, scoped):
    _history(imported)
    assert right()
    for role in ROLES:
        u = scoped[role]
        people = s.persons_visible(user=u)
        assert s.registered_total(user=u) == s.persons_count(user=u) == people.count()
        assert s.households_count(user=u) == s.households_visible(user=u).count()
        expected = dict(people.filter(household__exit_status__in=[SUPPORTED, EXITED_NO],
                                      household__exit_year__isnull=False)
                        .values_list("household__exit_year").annotate(n=Count("id")))
        assert s.exit_counts(user=u) == expected
        for year in (2017, 2018, 2019, 2020, 2021, 2022):
            assert s.poor_remaining(user=u, year=year) == people.filter(
                s._remaining_q(year)).count(), (role, year)
    county = scoped["county_admin"]
    assert s.exit_counts(user=county) == {2018: 3}
    assert [s.poor_remaining(user=county, year=y) for y in (2017, 2018, 2019, 2021)] == [
        6, 3, 1, 3]
    city = scoped["city_leader"]  # Lintao's six people and 安定区's two
    assert (s.registered_total(user=city), s.exit_counts(user=city)) == (8, {2018: 3, 2019: 2})


@pytest.mark.parametrize("filters", [
    HouseholdFilters(), HouseholdFilters(exit_status=EXITED),
    HouseholdFilters(exit_status=EXITED, exit_year=2018),
    HouseholdFilters(exit_status=ExitStatus.RETURNED), HouseholdFilters(township="621124100000"),
    HouseholdFilters(village="621124100201"), HouseholdFilters(township="621124103000"),
])
def test_the_rollup_sums_to_the_household_lists_total(imported, scoped, filters):
    _history(imported)
    for role in ROLES:
        u = scoped[role]
        listed = s.household_list(user=u, filters=filters).order_by().aggregate(
            h=Count("id"), m=Sum("member_count"))
        summed = s.village_rollup(user=u, filters=filters).aggregate(
            h=Sum("households"), m=Sum("members"))
        assert {k: v or 0 for k, v in listed.items()} == {k: v or 0 for k, v in summed.items()}


def test_the_rollup_cannot_answer_a_name_search(users):
    with pytest.raises(ValueError):
        s.village_rollup(user=users["county_admin"], filters=HouseholdFilters(name="王"))


def test_a_search_counts_its_matches_up_to_the_cap(client, users, areas, monkeypatch,
                                                   make_household):
    from xiezuo.registry import views

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 2)
    for i in range(3):
        make_household(areas, "621124100201", f"W{i:03d}", [(f"王{i}", "户主")], seed=40 + i)
    make_household(areas, "621124100201", "L000", [("李四", "户主")], seed=50)
    client.force_login(users["county_admin"])
    html = client.get("/registry/", {"name": "王"}).content.decode()
    # the first matches up to the cap are listed: a longer search is narrowed, not paged
    assert "2 户以上" in html and "W000" in html and "W001" in html and "W002" not in html
    assert "2 人以上" in client.get("/registry/persons/", {"name": "王"}).content.decode()
    html = client.get("/registry/", {"name": "李"}).content.decode()
    assert "共 1 户" in html and "户以上" not in html
    # without a name the totals are the rollup's: every household and person of the scope
    html = client.get("/registry/").content.decode()
    assert "共 4 户" in html and "4 人" in html
    assert "共 4 人" in client.get("/registry/persons/").content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_home_cards_equal_the_lists_they_link_to(imported, scoped, role):
    """The registry's home cards (rollup sums, the remaining people from the rollup, the year
    from the changes after the last exit) equal counting the lists their links open, and the
    year is the one the latest change of all gives."""
    import datetime

    from django.utils import timezone

    from xiezuo.core.years import shown_year
    from xiezuo.registry import home
    from xiezuo.registry.filters import PersonFilters

    _history(imported)
    u = scoped[role]
    exits = s.exit_counts(user=u)
    latest = StatusChange.objects.visible_to(u).order_by("date").last()
    year = shown_year([*exits, latest.date.year if latest else None],
                      today=timezone.localdate())
    for today in (timezone.localdate(), datetime.date(2020, 6, 1)):
        assert shown_year([*exits, home._last_change_year(u, exits, today)], today=today) == (
            shown_year([*exits, latest.date.year if latest else None], today=today)), today
    cards = {str(c.title): c.value for c in home.cards(u)}
    if not cards:  # nothing registered in the scope: no row of zeros
        assert not s.households_visible(user=u).exists()
        return
    remaining = s.person_list(user=u, filters=PersonFilters(remaining=year)).count()
    assert cards["剩余贫困人口"] == remaining
    if "建档立卡户" in cards:  # the western side's cards (the eastern officer's home has one)
        assert cards["建档立卡户"] == s.household_list(user=u, filters=HouseholdFilters()).count()
        assert cards["建档立卡人口"] == s.person_list(user=u, filters=PersonFilters()).count()
        assert cards["已脱贫人口"] == s.person_list(
            user=u, filters=PersonFilters(exit_status=EXITED)).count()
