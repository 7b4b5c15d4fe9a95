"""The parts' sections of the annual report (core.reports, `<app>/report_sections.py`): found by
discovery, rendered after their chapter's targets in chapter order in Word, PDF and Excel; the
labour part's placements-by-township table as the working example."""

import datetime
import random
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from xiezuo.core import reports
from xiezuo.core.reports import ReportSection, ReportTable
from xiezuo.labour import report_sections as labour_sections
from xiezuo.plan.report import build_report, docx_text, report_data

AS_OF = datetime.date(2019, 1, 15)
T_VILLAGE, X_VILLAGE = "621124100201", "621124103201"  # 洮阳镇, 辛店镇 (the `areas` fixture)
STREET = "350104001000"  # a Cangshan street


def _people(areas, village, n, number):
    from xiezuo.registry import crypto, idnumber
    from xiezuo.registry.models import Household, Person

    v = areas[village]
    hh = Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                  number=number, size=n)
    rng = random.Random(number)
    out = []
    for i in range(n):
        idn = idnumber.generate(rng, birth_date=datetime.date(1985, 1, 1 + i), male=True)
        out.append(Person.objects.create(
            household=hh, name=f"{number}-{i}", relation="户主" if i == 0 else "之子", sex="男",
            birth_date=datetime.date(1985, 1, 1 + i), id_cipher=crypto.encrypt_id(idn),
            id_hash=crypto.id_hash(idn), id_masked=crypto.mask_id(idn), number=f"{number}-{i}"))
    return out


@pytest.fixture
def placements(areas, users, employer_org):
    from xiezuo.labour.choices import PlacementStatus
    from xiezuo.labour.models import Placement
    from xiezuo.orgs import creditcode

    east = employer_org(name="福州测试制衣", area=areas[STREET], credit_code=creditcode
                                   .generate(random.Random(1), division="350104"))
    west = employer_org(name="临洮本地企业", area=areas[T_VILLAGE], credit_code=creditcode
                                   .generate(random.Random(2), division="621124"))
    t = _people(areas, T_VILLAGE, 3, "T01")
    x = _people(areas, X_VILLAGE, 1, "X01")

    def hire(person, employer, day):
        Placement.objects.create(person=person, employer=employer, referred_on=day, hired_on=day,
                                 status=PlacementStatus.HIRED, created_by=users["case_worker"])

    hire(t[0], east, datetime.date(2018, 3, 1))
    hire(t[0], east, datetime.date(2018, 9, 1))  # again the same year: one person, two hires
    hire(t[1], east, datetime.date(2018, 5, 1))
    hire(t[2], west, datetime.date(2018, 6, 1))  # in Lintao: a hire, not a transfer
    hire(x[0], east, datetime.date(2017, 6, 1))  # another year
    hire(x[0], east, datetime.date(2018, 6, 1))  # transferred in 2017: not first in 2018


def test_the_labour_section_counts_placements_by_township(placements, users):
    # labour's first section is the placements by township (outreach and training follow)
    section = labour_sections.sections(user=users["county_admin"], year=2018)[0]
    assert section.chapter == 4
    [table] = section.tables
    assert table.header[0] == "乡镇"
    assert table.rows == [["洮阳镇", 2, 3, 4], ["辛店镇", 0, 1, 1], ["合计", 2, 4, 5]]
    assert "2名" in section.paragraphs[0]
    # scoped: the Xindian clerk sees Xindian's people only
    mine = labour_sections.sections(user=users["other_clerk"], year=2018)[0]
    assert mine.tables[0].rows == [["辛店镇", 0, 1, 1], ["合计", 0, 1, 1]]
    empty = labour_sections.sections(user=users["county_admin"], year=2020)[0]
    assert empty.tables == [] and "尚无" in empty.paragraphs[0]


def test_sections_are_found_by_discovery_in_chapter_order(monkeypatch, users, placements):
    class Funds:
        @staticmethod
        def sections(*, user, year):
            return [ReportSection(chapter=6, title="资金测试节", paragraphs=["资金段落。"],
                                  tables=[ReportTable("资金测试表", ["项目", "金额（元）"],
                                                      [["道路", Decimal("1234.5")]])])]

    class Early:
        @staticmethod
        def sections(*, user, year):
            return [ReportSection(chapter=1, title="基本情况测试节", paragraphs=["一段。"])]

    monkeypatch.setattr(reports, "app_modules",
                        lambda name: (Funds, labour_sections, Early))
    found = reports.report_sections(user=users["county_admin"], year=2018)
    assert [s.chapter for s in found] == [1, 4, 4, 4, 6]  # labour: placements, outreach, training


def test_the_report_renders_the_sections_after_their_chapters(plan, users, placements,
                                                               monkeypatch, tmp_path, skip_or_fail_in_ci):
    class Funds:
        @staticmethod
        def sections(*, user, year):
            return [ReportSection(chapter=6, title="资金测试节", paragraphs=["资金段落。"],
                                  tables=[ReportTable("资金测试表", ["项目", "金额（元）"],
                                                      [["道路", Decimal("1234.5")]])])]

    monkeypatch.setattr(reports, "app_modules", lambda name: (labour_sections, Funds))
    data = report_data(plan=plan, year=2018, user=users["county_admin"], as_of=AS_OF)
    assert [s["title"] for s in data["snapshot"]["sections"]] == [
        "劳务协作就业情况（按乡镇）", "政策信息宣传", "劳动力培训", "资金测试节"]
    assert data["snapshot"]["sections"][3]["tables"][0]["rows"] == [["道路", "1,234.50"]]
    paths = build_report(data, out_dir=tmp_path)
    text = docx_text(paths["docx"])
    ch4, sec4, ch5 = (text.index("劳务协作（第4章）"), text.index("劳务协作就业情况（按乡镇）"),
                      text.index("人才支援（第5章）"))
    assert ch4 < sec4 < ch5
    assert text.index("资金支持（第6章）") < text.index("资金测试节") < text.index("社会参与（第7章）")
    assert "2018年各乡镇劳务协作就业情况" in text and "洮阳镇" in text and "1,234.50" in text
    wb = load_workbook(paths["xlsx"])
    ws = wb["4章-2018年各乡镇劳务协作就业情况"]
    assert [c.value for c in ws[2]] == ["洮阳镇", 2, 3, 4]
    assert wb["6章-资金测试表"]["B2"].value == 1234.5
    if not shutil.which("pdftotext"):
        skip_or_fail_in_ci("pdftotext is not installed (apt-get install poppler-utils)")
    pdf = subprocess.run(["pdftotext", str(paths["pdf"]), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "2018年各乡镇劳务协作就业情况" in pdf and "资金测试节" in pdf


def test_every_row_of_a_section_table_is_kept_whole_in_word(plan, users, placements,
                                                            monkeypatch, tmp_path):
    from docx import Document

    monkeypatch.setattr(reports, "app_modules", lambda name: (labour_sections,))
    data = report_data(plan=plan, year=2018, user=users["county_admin"], as_of=AS_OF)
    path = build_report(data, out_dir=tmp_path, formats=("docx",))["docx"]
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "乡镇")
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert all(r._tr.trPr.find(f"{ns}cantSplit") is not None for r in table.rows)
    assert table.rows[0]._tr.trPr.find(f"{ns}tblHeader") is not None
