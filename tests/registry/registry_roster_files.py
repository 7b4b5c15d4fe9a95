"""Building small roster files for the registry tests (openpyxl for .xlsx, csv for .csv).

Not a test module: imported by the registry tests (`from registry_roster_files import ...`).
"""

import csv
import datetime
import random
import zlib
from pathlib import Path

from xiezuo.registry import idnumber
from xiezuo.registry.roster.columns import COLUMNS

HEADER = [c.header for c in COLUMNS if c.key != "other_causes"]  # the 28 standard columns
TAOYANG, XINDIAN = "洮阳镇", "辛店镇"
VILLAGE1, VILLAGE2 = "测试洮阳镇1村", "测试洮阳镇2村"  # from the `areas` fixture
XVILLAGE1 = "测试辛店镇1村"


def new_id(seed: int, *, born: datetime.date = datetime.date(1980, 5, 6), male=True) -> str:
    return idnumber.generate(random.Random(seed), address="621124", birth_date=born, male=male)


def member_id(hh: str, n: int, *, born: datetime.date = datetime.date(1980, 5, 6)) -> str:
    """A stable ID for member n of household hh, the same in every process.

    Not hash(): str hashes change with PYTHONHASHSEED, and a random sequence number has only
    500 values per birth date, so two people of one CI test file once shared an ID. Here the
    household picks the address code's last four digits (province 62 stays valid) and n the
    sequence number; the birth date stays fixed because the age tests count on it.
    """
    address = f"62{zlib.crc32(hh.encode()) % 10_000:04d}"
    first17 = f"{address}{born:%Y%m%d}{n:03d}"  # odd n: a man, even n: a woman, as before
    return first17 + idnumber.check_char(first17)


def person(hh: str = "H001", n: int = 1, *, relation: str = "户主", seed: int | None = None,
           **over) -> dict:
    """One row as {header: value}, household fields filled the same way for every member."""
    row = {
        "县": "临洮县", "乡(镇)": TAOYANG, "行政村": VILLAGE1, "自然村": "一社", "户编号": hh,
        "人编号": f"{hh}-{n:02d}", "姓名": f"测试{hh}{n}", "证件号码": (
            new_id(seed, male=n % 2 == 1) if seed is not None else member_id(hh, n)),
        "人数": "", "与户主关系": relation, "民族": "汉族", "文化程度": "初中",
        "在校生状况": "非在校生", "健康状况": "健康", "劳动技能": "普通劳动力",
        "务工状况": "省外务工", "务工时间（月）": "6", "参加大病医疗": "是",
        "脱贫属性": "未脱贫", "脱贫年度": "", "贫困户属性": "一般贫困户",
        "主要致贫原因": "缺资金", "危房户": "否", "饮水安全": "是", "饮水困难": "否",
        "人均纯收入": "2800.50", "联系电话": "13800000000", "首次识别时间": "2015-03-01",
    }
    row.update(over)
    return row


def household(hh: str, size: int = 3, *, seed0: int = 0, **over) -> list[dict]:
    rels = ["户主", "配偶", "之子", "之女", "之孙子", "之孙女"]
    return [person(hh, i + 1, relation=rels[i], seed=seed0 + i if seed0 else None, **over)
            for i in range(size)]


def write_xlsx(path: Path, rows: list[dict], *, header: list[str] | None = None,
               above: list[list] = (), raw: dict | None = None) -> Path:
    """rows as dicts by header; `above` rows go before the header; `raw` maps
    (data row index, header) -> a cell value written as is (a number, a date)."""
    from openpyxl import Workbook

    header = header or HEADER
    wb = Workbook()
    ws = wb.active
    for r in above:
        ws.append(list(r))
    if above:  # a title merged across the columns, as county offices' exports have
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for i, row in enumerate(rows):
        if row is None:  # a blank row
            ws.append([])
            continue
        values = []
        for h in header:
            key = (i, h)
            values.append(raw[key] if raw and key in raw else row.get(_canonical(h), row.get(h)))
        ws.append(values)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[dict], *, header: list[str] | None = None,
              encoding: str = "utf-8") -> Path:
    header = header or HEADER
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in rows:
            w.writerow([] if row is None else [row.get(_canonical(h), row.get(h, "")) for h in header])
    return path


def _canonical(h: str) -> str:
    from xiezuo.registry.roster.columns import BY_HEADER_KEY, header_key

    col = BY_HEADER_KEY.get(header_key(h))
    return col.header if col else h
