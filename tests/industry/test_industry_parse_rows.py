"""The import rows' cell rules, without a database: each rule gives its reason or its value."""

import datetime
from decimal import Decimal

import pytest

from xiezuo.industry.choices import BuyerKind, Channel, LinkageKind
from xiezuo.industry.imports import number_list, parse_linkage_row, parse_sale_row

TODAY = datetime.date(2020, 12, 31)


def _errors(parse, raw):
    errs = []
    value = parse(raw, lambda key, reason: errs.append((key, reason)), TODAY)
    return value, errs


GOOD_LINK = {"household": "6211241001", "project_code": "LT-001", "kind": "入股分红",
             "year": 2019, "amount": 1200}


def test_a_good_linkage_row_gives_its_values():
    v, errs = _errors(parse_linkage_row, GOOD_LINK)
    assert errs == []
    assert v["kind"] == LinkageKind.DIVIDEND and v["year"] == 2019
    assert v["amount"] == Decimal("1200.00")


@pytest.mark.parametrize("change, key, reason_part", [
    ({"household": ""}, "household", "户编号或"),
    ({"project_code": ""}, "project_code", "项目编号或项目名称"),
    ({"kind": "捐赠"}, "kind", "不是允许的值"),
    ({"kind": ""}, "kind", "不能为空"),
    ({"year": 2021}, "year", "2013 至 2020"),
    ({"year": "十九"}, "year", "四位数字"),
    ({"amount": 0}, "amount", "大于 0"),
    ({"amount": "12.345"}, "amount", ""),
    ({"amount": ""}, "amount", "不能为空"),
    ({"household": "", "id_number": "621124198001010000"}, "id_number", ""),
    ({"household": "", "id_number": 621124198001010000}, "id_number", "15 位"),
])
def test_each_linkage_rule_names_its_column(change, key, reason_part):
    _v, errs = _errors(parse_linkage_row, {**GOOD_LINK, **change})
    assert [k for k, _r in errs] == [key]
    assert reason_part in errs[0][1]


def test_aliases_of_linkage_kinds_are_accepted():
    for word, kind in (("分红", LinkageKind.DIVIDEND), ("务工工资", LinkageKind.WAGES),
                       ("土地流转", LinkageKind.LAND_RENT), ("订单收购", LinkageKind.ORDER),
                       ("资产收益", LinkageKind.ASSET)):
        v, errs = _errors(parse_linkage_row, {**GOOD_LINK, "kind": word})
        assert errs == [] and v["kind"] == kind


GOOD_SALE = {"date": "2019-06-18", "product": "马铃薯", "township": "洮阳镇", "supplier": "某合作社",
             "buyer": "某机关食堂", "buyer_kind": "机关食堂", "channel": "机关食堂·工会采购",
             "quantity": 500, "unit": "公斤", "amount": "1500.50", "households": "A1、A2;A1"}


def test_a_good_sale_row_gives_its_values():
    v, errs = _errors(parse_sale_row, GOOD_SALE)
    assert errs == []
    assert v["date"] == datetime.date(2019, 6, 18)
    assert v["buyer_kind"] == BuyerKind.CANTEEN and v["channel"] == Channel.CANTEEN_UNION
    assert v["quantity"] == Decimal("500.000") and v["amount"] == Decimal("1500.50")
    assert v["households"] == ["A1", "A2"]


@pytest.mark.parametrize("change, key, reason_part", [
    ({"date": ""}, "date", "不能为空"),
    ({"date": "2021-01-01"}, "date", "晚于今天"),
    ({"date": "2012-05-01"}, "date", "早于 2013"),
    ({"date": "六月"}, "date", "不是日期"),
    ({"product": ""}, "product", "不能为空"),
    ({"township": ""}, "township", "不能为空"),
    ({"buyer": ""}, "buyer", "名称或其统一社会信用代码"),
    ({"unit": ""}, "unit", "不能为空"),
    ({"buyer_kind": "学校"}, "buyer_kind", "不是允许的值"),
    ({"channel": "微信"}, "channel", "不是允许的值"),
    ({"quantity": 0}, "quantity", "大于 0"),
    ({"quantity": "1.2345"}, "quantity", "3 位小数"),
    ({"quantity": "许多"}, "quantity", "不是数量"),
    ({"amount": -5}, "amount", ""),
    ({"buyer_code": "91350104MA2XXXXX0"}, "buyer_code", "18 位"),
    ({"supplier": "", "households": ""}, "supplier", "供货主体"),
])
def test_each_sale_rule_names_its_column(change, key, reason_part):
    _v, errs = _errors(parse_sale_row, {**GOOD_SALE, **change})
    assert [k for k, _r in errs] == [key]
    assert reason_part in errs[0][1]


def test_a_sale_supplied_by_households_only_needs_no_supplier():
    _v, errs = _errors(parse_sale_row, {**GOOD_SALE, "supplier": ""})
    assert errs == []


def test_household_numbers_split_on_every_separator_each_once():
    assert number_list("a、b;c；d,e，f g\na") == ["a", "b", "c", "d", "e", "f", "g"]
    assert number_list(None) == []
