"""The industry tests' set-up as fixtures, each giving the function of its name:
`org` (a registered organisation), `hh` (a registered poor household with members), `project`
(a signed investment project), `sale` (a recorded sale), `sales_file` and `linkages_file`
(a workbook of rows as {header: value})."""

import datetime
import itertools
import random
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from xiezuo.industry import services
from xiezuo.industry.choices import BuyerKind, Channel, Sector, Stage
from xiezuo.orgs import creditcode
from xiezuo.orgs.models import Organisation, OrganisationRole
from xiezuo.regions.models import Area
from xiezuo.registry import crypto, idnumber
from xiezuo.registry.choices import Relation, Sex
from xiezuo.registry.models import Household, Person

V_TAOYANG = "621124100201"
V_XINDIAN = "621124103201"
CANGSHAN = "350104000000"
CANGSHAN_STREET = "350104001000"

_counter = itertools.count(1)
_rng = random.Random(12)


def _org(name: str, *, area: str = CANGSHAN, roles=("investor",), code: bool = True,
         kind: str = "enterprise") -> Organisation:
    a = Area.objects.get(code=area)
    division = area[:6]
    org = Organisation.objects.create(
        name=name, area=a, side=a.side, kind=kind,
        credit_code=creditcode.generate(_rng, division=division) if code else "")
    for r in roles:
        OrganisationRole.objects.create(organisation=org, role=r)
    return org


def _hh(village: str = V_TAOYANG, *, members: int = 3, number: str | None = None) -> Household:
    v = Area.objects.select_related("parent__parent").get(code=village)
    n = next(_counter)
    h = Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                 number=number or f"62112410{n:08d}", member_count=members)
    for i in range(members):
        while True:
            number_ = idnumber.generate(_rng, birth_date=datetime.date(1970 + i, 3, 4), male=True)
            if not Person.objects.filter(id_hash=crypto.id_hash(number_)).exists():
                break
        Person.objects.create(household=h, name=f"成员{n}-{i}", id_cipher=crypto.encrypt_id(number_),
                              id_hash=crypto.id_hash(number_), id_masked=crypto.mask_id(number_),
                              sex=Sex.MALE, birth_date=datetime.date(1970 + i, 3, 4),
                              relation=Relation.HEAD if i == 0 else Relation.SPOUSE)
        h._ids = [*getattr(h, "_ids", []), number_]
    return h


def _project(investor: Organisation, *, code: str | None = None, area: str = "621124100000",
             signed: datetime.date = datetime.date(2018, 5, 18), stage: str = Stage.SIGNED,
             name: str | None = None, **kw):
    n = next(_counter)
    return services.project_create(
        actor=None, code=code or f"LT-{n:03d}", name=name or f"测试项目{n}", investor=investor,
        sector=Sector.POTATO, area=Area.objects.get(code=area), stage=stage, stage_on=signed,
        contracted_amount=Decimal("5000000"), **kw)


def _sale(buyer, supplier, *, township: str = "621124100000", amount="1000.00", households=(),
          date=datetime.date(2019, 6, 1), product="马铃薯", actor=None):
    return services.sale_create(
        actor=actor, date=date, product=product, township=Area.objects.get(code=township),
        buyer=buyer, buyer_kind=BuyerKind.CANTEEN, channel=Channel.CANTEEN_UNION,
        quantity=Decimal("100"), unit="公斤", amount=Decimal(amount), supplier=supplier,
        households=households)


def _write(path: Path, header: list[str], rows: list[dict]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append([r.get(h) for h in header])
    wb.save(path)
    return path


SALE_HEADER = ["销售日期", "产品", "产地乡镇", "供货主体", "供货主体信用代码", "采购单位", "采购单位信用代码",
               "采购方类别", "销售渠道", "数量", "单位", "金额（元）", "带动贫困户", "备注"]
LINKAGE_HEADER = ["户编号", "证件号码", "项目编号", "项目名称", "联结方式", "年度", "户年收益（元）", "备注"]


@pytest.fixture
def org(areas):
    return _org


@pytest.fixture
def hh(areas):
    return _hh


@pytest.fixture
def project(areas):
    return _project


@pytest.fixture
def sale(areas):
    return _sale


@pytest.fixture
def sales_file(tmp_path):
    def make(rows, name="sales.xlsx", header=SALE_HEADER):
        return _write(tmp_path / name, header, rows)
    return make


@pytest.fixture
def linkages_file(tmp_path):
    def make(rows, name="linkages.xlsx", header=LINKAGE_HEADER):
        return _write(tmp_path / name, header, rows)
    return make
