"""The talent tests' set-up as fixtures: `tclass` (a training class), `roster_file` (an .xlsx
roster written from rows), `new_trainee_id` (a valid ID number per seed)."""

import datetime
import random
from pathlib import Path

import pytest

from xiezuo.registry import idnumber

HEADER = ["班次编号", "姓名", "性别", "出生日期", "证件号码", "工作单位", "职务", "乡镇", "是否结业"]


@pytest.fixture
def tclass(areas):
    """make(code, kind, held="east", start=date) -> TrainingClass (created by the operator)."""
    from xiezuo.talent import services

    def make(code: str = "2018-GB-01", kind: str = "party_gov", held: str = "east",
             start: datetime.date = datetime.date(2018, 5, 7), days: int = 5):
        return services.class_create(
            actor=None, code=code, name=f"培训班 {code}", kind=kind, held=held,
            start_date=start, end_date=start + datetime.timedelta(days=days), hours=40)

    return make


@pytest.fixture
def roster_file(tmp_path):
    """write(rows, name="roster.xlsx", header=HEADER) -> Path; each row a list in header order
    (or a dict by header)."""
    from openpyxl import Workbook

    def write(rows, name: str = "roster.xlsx", header=None) -> Path:
        header = header or HEADER
        wb = Workbook()
        ws = wb.active
        ws.append(["临洮县干部培训学员名单"])
        ws.append(header)
        for r in rows:
            ws.append([r.get(h) for h in header] if isinstance(r, dict) else r)
        path = tmp_path / name
        wb.save(path)
        return path

    return write


@pytest.fixture
def new_trainee_id():
    def make(seed: int, *, born=datetime.date(1980, 5, 6), male=True) -> str:
        return idnumber.generate(random.Random(seed), birth_date=born, male=male)

    return make


@pytest.fixture
def hospital(areas):
    """make(name, side="west") -> an Organisation with the hospital role."""
    from xiezuo.orgs.services import organisation_create

    def make(name: str, side: str = "west"):
        area = areas["621124000000" if side == "west" else "350104000000"]
        return organisation_create(actor=None, name=name, area=area, kind="hospital",
                                   roles=["hospital"])

    return make
