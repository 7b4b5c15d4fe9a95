"""Shared set-up for the funds tests (a plain function, imported by each test module)."""

import datetime
from decimal import Decimal

from conftest import LINTAO, TAOYANG, XINDIAN  # noqa: F401

from xiezuo.funds import services
from xiezuo.funds.choices import Category, Source

V_TAOYANG_DEEP = "621124100201"
V_TAOYANG = "621124100202"
V_XINDIAN_DEEP = "621124103201"
V_XINDIAN = "621124103202"


def build(areas, users, *, allocation: str = "1000000.00") -> dict:
    officer = users["fund_officer"]
    county = areas[LINTAO]
    alloc = services.allocation_record(
        actor=officer, county=county, year=2018, source=Source.EAST_FISCAL,
        amount=allocation, date=datetime.date(2018, 3, 1), document_no="仓财〔2018〕1号",
        donor="仓山区财政局")
    p1 = services.project_create(actor=officer, data=services.ProjectData(
        code="LT2018-001", name="测试村道路硬化", category=Category.ROAD, year=2018,
        villages=[areas[V_TAOYANG_DEEP]], budget="300000", approval_doc="临扶发〔2018〕5号",
        start_date=datetime.date(2018, 4, 1), planned_end=datetime.date(2018, 10, 31)))
    p2 = services.project_create(actor=officer, data=services.ProjectData(
        code="LT2018-002", name="辛店镇安全饮水", category=Category.WATER, year=2018,
        villages=[areas[V_XINDIAN]], budget="200000",
        start_date=datetime.date(2018, 5, 1), planned_end=datetime.date(2018, 9, 30)))
    p3 = services.project_create(actor=officer, data=services.ProjectData(
        code="LT2018-003", name="跨乡镇危房改造", category=Category.HOUSING, year=2018,
        villages=[areas[V_TAOYANG_DEEP], areas[V_XINDIAN_DEEP]], budget="100000"))
    return {"officer": officer, "county": county, "allocation": alloc, "p1": p1, "p2": p2,
            "p3": p3}


def pay(project, amount, *, actor, voucher="PZ-1", day=datetime.date(2018, 6, 1)):
    return services.disbursement_post(actor=actor, project=project, amount=amount, date=day,
                                      payee="临洮县某建筑公司", voucher_no=voucher)


def D(text: str) -> Decimal:
    return Decimal(text)
