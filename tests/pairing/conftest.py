"""The pairing tests' set-up as fixtures: `org` (a registered organisation with roles),
`town_pairing`, `enterprise_pairing`, `household` (a registered household in a village)."""

import datetime
import random

import pytest

from xiezuo.orgs import creditcode
from xiezuo.orgs.choices import OrgKind, OrgRole
from xiezuo.orgs.services import organisation_create
from xiezuo.pairing import services
from xiezuo.regions.models import Area
from xiezuo.regions.reference import TAOYANG
from xiezuo.registry.models import Household

V_TAOYANG_DEEP = "621124100201"
V_TAOYANG = "621124100202"
V_XINDIAN_DEEP = "621124103201"
CANGSHAN_TOWN = "350104100000"  # 仓山镇
CANGSHAN_STREET = "350104001000"  # 仓前街道

_rng = random.Random(13)
_n = iter(range(1, 10**6))


def area(code: str) -> Area:
    return Area.objects.get(code=code)


def _org(name: str = "", *, code: str = "350104000000", kind: str = OrgKind.ENTERPRISE,
         roles=(OrgRole.DONOR,)):
    n = next(_n)
    cc = creditcode.generate(_rng, division=code[:6],
                             category="91" if kind == OrgKind.ENTERPRISE else "52")
    return organisation_create(actor=None, name=name or f"测试企业{n}", area=area(code),
                               kind=kind, credit_code=cc, roles=roles)


def _town_pairing(east=CANGSHAN_TOWN, west=TAOYANG, started=datetime.date(2017, 3, 1),  # noqa: F405
                  ended=None):
    return services.town_pairing_create(actor=None, east_town=area(east),
                                        west_township=area(west), started_on=started,
                                        ended_on=ended)


def _enterprise_pairing(enterprise=None, village=V_TAOYANG_DEEP,
                        started=datetime.date(2017, 3, 1), ended=None):
    return services.enterprise_pairing_create(
        actor=None, enterprise=enterprise or _org(), village=area(village),
        started_on=started, ended_on=ended)


def _household(village=V_TAOYANG_DEEP):
    v = Area.objects.select_related("parent__parent").get(code=village)
    return Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                    number=f"P{next(_n):06d}")


@pytest.fixture
def org(areas):
    """org(name="", *, code=Cangshan, kind=enterprise, roles=(donor,)) -> Organisation."""
    return _org


@pytest.fixture
def town_pairing(areas):
    """town_pairing(east=仓山镇, west=洮阳镇, started=2017-03-01, ended=None)."""
    return _town_pairing


@pytest.fixture
def enterprise_pairing(areas):
    """enterprise_pairing(enterprise=None, village=洮阳镇 deep village, started, ended)."""
    return _enterprise_pairing


@pytest.fixture
def household(areas):
    """household(village=洮阳镇 deep village) -> Household."""
    return _household


LEDGER_HEADER = ["捐赠日期", "捐赠单位", "捐赠单位信用代码", "捐赠人", "捐赠方类别", "形式", "金额或折价（元）",
                 "物资", "用途", "收据编号", "受赠乡镇", "受赠村", "受赠学校", "受赠项目", "受助贫困户", "备注"]


@pytest.fixture
def sheet(tmp_path, xlsx_bytes):
    """sheet(header, rows, name="file.xlsx") -> Path of a workbook written by openpyxl: the
    header, then each row (a list in the header's order)."""
    def write(header, rows, name: str = "file.xlsx"):
        path = tmp_path / name
        path.write_bytes(xlsx_bytes([header, *rows]))
        return path

    return write


@pytest.fixture
def ledger_file(sheet):
    """ledger_file(rows, name="ledger.xlsx", header=LEDGER_HEADER) -> Path of a donation ledger
    written by openpyxl (each row a list in the header's order)."""
    def write(rows, name: str = "ledger.xlsx", header=None):
        return sheet(header or LEDGER_HEADER, rows, name)

    return write


@pytest.fixture
def ledger_row():
    """ledger_row(**overrides) -> a valid row (a person's 20,000 yuan for schooling in 洮阳镇)."""
    def make(**kw):
        row = dict(zip(LEDGER_HEADER, ["2019-09-01", None, None, "王某某", "侨胞", "资金", 20000,
                                       None, "捐资助学", None, "洮阳镇", None, None, None, None,
                                       None], strict=True))
        row.update(kw)
        return [row[h] for h in LEDGER_HEADER]

    return make
