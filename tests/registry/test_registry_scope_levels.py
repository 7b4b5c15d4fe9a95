"""A household's scope written through its county, township or village id
(`regions.scoping.levelled_q`): the same rows as the prefix rule on its village's code, for
every kind of scope."""

import pytest

from xiezuo.accounts.choices import Role
from xiezuo.regions.models import Area
from xiezuo.regions.reference import CANGSHAN, LINTAO, TAOYANG

pytestmark = pytest.mark.django_db


#: one household in each kind of place a scope can name: the users' townships, the county
#: beyond them, another county of the city (临洮县's neighbour 渭源县), the east
_PLACES = ["621124100201", "621124103201", "621125100201", "350104001001"]


@pytest.fixture
def households_everywhere(areas, make_household):
    from xiezuo.regions.choices import Level, Side
    from xiezuo.registry.choices import Relation

    out = []
    for i, code in enumerate(_PLACES):
        side = Side.EAST if code.startswith("35") else Side.WEST
        county = Area.objects.get(code=code[:6] + "000000")
        township, _ = Area.objects.get_or_create(
            code=code[:9] + "000", defaults={"name": f"测试{i}镇", "level": Level.TOWNSHIP,
                                             "parent": county, "side": side, "synthetic": True})
        if code not in areas:
            areas[code] = Area.objects.create(code=code, name=f"测试{i}村", level=Level.VILLAGE,
                                              parent=township, side=side, synthetic=True)
        out.append(make_household(areas, code, f"L{i}", [(f"甲{i}", Relation.HEAD)], seed=i))
    return out


@pytest.mark.parametrize("role,scope", [
    (Role.COUNTY_ADMIN, LINTAO), (Role.TOWNSHIP_CLERK, TAOYANG), (Role.EAST_OFFICER, CANGSHAN),
    (Role.LEADERSHIP, LINTAO), (Role.CITY_OFFICE, "621100000000")])
def test_households_and_their_records_are_scoped_by_their_village_codes(
        make_user, households_everywhere, role, scope):
    """A household's scope is written through its county, township or village id
    (`levelled_q`, for PostgreSQL's estimates at 10 million people): it selects exactly the
    households, people and status changes whose village code starts with a prefix, also seen
    through another record's relation (`visible_through`)."""
    from xiezuo.regions.scoping import prefix_q
    from xiezuo.registry.models import Household, Person

    u = make_user(role, scope)
    by_code = set(Household.objects.filter(prefix_q("village__code", u.area_prefixes))
                  .values_list("pk", flat=True))
    assert set(Household.objects.visible_to(u).values_list("pk", flat=True)) == by_code
    people = set(Person.objects.filter(prefix_q("household__village__code", u.area_prefixes))
                 .values_list("pk", flat=True))
    assert set(Person.objects.visible_to(u).values_list("pk", flat=True)) == people
    assert set(Person.objects.filter(Household.objects.visible_through(u, "household"))
               .values_list("pk", flat=True)) == people
    # the query names the household's county, township or village, not a LIKE over codes
    sql = str(Household.objects.visible_to(u).query)
    assert "LIKE" not in sql.upper() or any(len(p) == 4 for p in u.area_prefixes)
    assert by_code or role == Role.EAST_OFFICER


def test_a_citys_households_are_those_of_its_counties(areas, make_household):
    """A city's 4-digit prefix: the households of every county whose code starts with it."""
    from xiezuo.regions.scoping import levelled_q
    from xiezuo.registry.models import Household

    h = make_household(areas, "621124100201", "C1", [("乙", "户主")])
    assert list(Household.objects.filter(levelled_q("", ["6211"]))) == [h]
    assert not Household.objects.filter(levelled_q("", ["6212"])).exists()
