"""Regenerates roster-legacy.xls, the legacy-Excel (BIFF8) fixture of the registry tests.

Nothing in the project writes .xls, so the file is kept in the repository; this script made it
with xlwt (not a project dependency): `pip install --target /tmp/xlwt xlwt` then
`PYTHONPATH=/tmp/xlwt:src python tests/registry/data/make_legacy_xls.py`.
"""

import datetime
import random
from pathlib import Path

import xlwt

from xiezuo.registry import idnumber

HERE = Path(__file__).resolve().parent


def ids() -> list[str]:
    born = [datetime.date(1950, 3, 4), datetime.date(1952, 7, 8), datetime.date(1978, 1, 2),
            datetime.date(1981, 2, 3)]
    return [idnumber.generate(random.Random(900 + i), birth_date=b, male=i % 2 == 0)
            for i, b in enumerate(born)]


def main() -> None:
    a, b, c, d = ids()
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("花名册")
    ws.write_merge(0, 0, 0, 8, "临洮县建档立卡贫困户花名册（旧版 Excel）")
    header = ["县", "乡（镇）", "行政村", "户编号", "姓名", "证件号码", "与户主关系", "首次识别时间",
              "脱贫属性"]
    for j, h in enumerate(header):
        ws.write(1, j, h)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    rows = [
        ["临洮县", "洮阳镇", "测试洮阳镇1村", "X001", "旧表甲", a, "户主", 42064, "未脱贫"],
        ["临洮县", "洮阳镇", "测试洮阳镇1村", "X001", "旧表乙", b, "配偶", 42064, "未脱贫"],
        # the old 15-digit number of the same person class, as a number: exact, so accepted
        ["临洮县", "洮阳镇", "测试洮阳镇1村", "X001", "旧表丙", int(idnumber.narrow(c)), "之子",
         42064, "未脱贫"],
        # an 18-digit number typed into a numeric cell: already damaged, rejected
        ["临洮县", "洮阳镇", "测试洮阳镇2村", "X002", "旧表丁", float(d[:17] + "0"), "户主",
         datetime.date(2016, 5, 1), "未脱贫"],
    ]
    for i, row in enumerate(rows, start=2):
        for j, v in enumerate(row):
            if j == 7 and isinstance(v, datetime.date):
                ws.write(i, j, v, date_style)
            else:
                ws.write(i, j, v)
    wb.save(str(HERE / "roster-legacy.xls"))


if __name__ == "__main__":
    main()
