"""The 两后生 rule: a pure function over the registry's fields, table-tested, and the list's
query agreeing with it person by person."""

import datetime

import pytest

from xiezuo.labour.training import youth
from xiezuo.labour.training.filters import YouthFilters
from xiezuo.labour.training.selectors import youth_list
from xiezuo.registry.models import Person

TODAY = datetime.date(2019, 9, 1)


def born(age: int, *, days: int = 0) -> datetime.date:
    return youth._years_before(TODAY, age) - datetime.timedelta(days=days)


BASE = {"birth_date": born(18), "education": "初中", "schooling": "非在校生", "employment": "",
        "in_work": False}

CASES = [
    # (what, changes, on the list, reason words)
    ("初中毕业未升学未就业", {}, True, ""),
    ("高中毕业", {"education": "高中"}, True, ""),
    ("在校生状况为空", {"schooling": ""}, True, ""),
    ("刚满 15 岁", {"birth_date": born(15)}, True, ""),
    ("差一天满 15 岁", {"birth_date": born(15) + datetime.timedelta(days=1)}, False, "年龄"),
    ("22 岁最后一天", {"birth_date": born(23) + datetime.timedelta(days=1)}, True, ""),
    ("满 23 岁", {"birth_date": born(23)}, False, "年龄"),
    ("小学文化", {"education": "小学"}, False, "文化程度"),
    ("大专及以上", {"education": "大专及以上"}, False, "文化程度"),
    ("文化程度未填", {"education": ""}, False, "文化程度"),
    ("高中在读", {"schooling": "高中一年级"}, False, "在校"),
    ("中职在读", {"schooling": "中职二年级"}, False, "在校"),
    ("花名册登记省外务工", {"employment": "省外务工"}, False, "已就业"),
    ("劳务协作登记在岗", {"in_work": True}, False, "已就业"),
]


@pytest.mark.parametrize(("what", "changes", "listed", "words"), CASES, ids=[c[0] for c in CASES])
def test_the_rule(what, changes, listed, words):
    reasons = youth.reasons(**{**BASE, **changes}, today=TODAY)
    assert youth.is_youth(**{**BASE, **changes}, today=TODAY) is listed
    if words:
        assert any(words in r for r in reasons), reasons


@pytest.mark.django_db
def test_the_list_query_agrees_with_the_rule(users, person, employer):
    from xiezuo.labour.choices import PlacementStatus
    from xiezuo.labour.models import Placement

    made = []
    for what, changes, _listed, _w in CASES:
        p, _n = person("621124100201", name=what[:10])
        values = {**BASE, **changes}
        Person.objects.filter(pk=p.pk).update(
            birth_date=values["birth_date"], education=values["education"],
            schooling=values["schooling"], employment=values["employment"])
        if values["in_work"]:
            Placement.objects.create(person=p, employer=employer(), status=PlacementStatus.HIRED,
                                     referred_on=TODAY, hired_on=TODAY)
        made.append((p.pk, values))
    listed = set(youth_list(user=users["county_admin"], filters=YouthFilters(), today=TODAY)
                 .values_list("pk", flat=True))
    expected = {pk for pk, v in made if youth.is_youth(**v, today=TODAY)}
    assert listed == expected and len(expected) == 5
    # scoped: the 辛店镇 clerk sees none of these 洮阳镇 people, the 洮阳镇 clerk all of them
    assert not youth_list(user=users["other_clerk"], filters=YouthFilters(), today=TODAY).exists()
    assert youth_list(user=users["township_clerk"], filters=YouthFilters(),
                      today=TODAY).count() == 5
