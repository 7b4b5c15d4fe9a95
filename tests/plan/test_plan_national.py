"""The annual report's summary in the national assessment's six areas (plan.national): each
figure read from a part's indicator by key, "—" with a note where a part is missing, shown in
the Word report before the partner side's comments."""

import datetime
from decimal import Decimal

import pytest
from docx import Document

from xiezuo.plan import indicators
from xiezuo.plan.national import AREAS, national_summary
from xiezuo.plan.report import build_docx, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def seconded(partnership):
    from xiezuo.mechanisms import services

    for name in ("甲", "乙"):
        services.secondment_create(
            actor=None, partnership=partnership, batch=1, direction="east_to_west",
            person_name=name, level="section", home_unit="仓山区发改局", home_post="科长",
            host_unit="临洮县发改局", host_post="副局长", start=datetime.date(2018, 7, 1),
            end=datetime.date(2020, 6, 30))


@pytest.fixture
def partnership(areas):
    from xiezuo.regions.reference import default_partnership

    return default_partnership()


def test_six_areas_from_the_parts_indicators(users, seconded):
    summary = national_summary(user=users["leadership"], year=2018)
    assert [a.title for a in summary] == ["组织领导", "人才交流/支援", "资金使用/支持", "产业合作",
                                          "劳务协作", "携手奔小康"]
    figures = {f.key: f for a in summary for f in a.figures}
    assert figures["mechanisms.cadres_east_to_west"].value == "2"
    assert figures["mechanisms.cadres_west_to_east"].value == "—"
    assert figures["mechanisms.cadres_west_to_east"].note == "本年度无业务记录"
    for key in (k for _t, keys in AREAS for k in keys):
        if indicators.find(key) is None:  # a part not installed here: said so, never guessed
            assert figures[key].value == "—" and "未上线" in figures[key].note


def test_a_missing_part_gives_a_dash_and_a_note(users, monkeypatch):
    real = indicators.find
    monkeypatch.setattr(indicators, "find",
                        lambda key: None if key.startswith("labour.") else real(key))
    summary = {a.title: a for a in national_summary(user=users["leadership"], year=2018)}
    assert all(f.value == "—" and f.note == "该业务模块未上线，暂无数据"
               for f in summary["劳务协作"].figures)


def test_the_word_report_carries_the_summary_before_the_comments(plan, users, seconded,
                                                                 tmp_path):
    data = report_data(plan=plan, year=2018, user=users["county_admin"],
                       as_of=datetime.date(2019, 1, 5))
    path = build_docx(data, tmp_path / "r.docx", {})
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    i = next(i for i, h in enumerate(headings) if h.endswith("按全国东西部扶贫协作考核内容汇总"))
    assert headings[i + 1].endswith("协作方评议意见")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "考核方面")
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert ["", "仓山区选派到临洮县挂职的干部", "2 名", ""] in rows and rows[1][0] == "组织领导"
    assert data["snapshot"]["national"][0]["area"] == "组织领导"


@pytest.mark.parametrize(("number", "unit", "cell", "fmt"), [
    (Decimal(2), "名", 2, "#,##0"),
    (Decimal("5000000.00"), "元", Decimal("5000000.00"), "#,##0.00"),
    (Decimal("25.0000"), "%", 25, "#,##0"),
    (Decimal("12.5"), "小时", Decimal("12.5"), "#,##0.00"),
    (None, "", None, None),
])
def test_a_figure_becomes_a_typed_cell(number, unit, cell, fmt):
    from xiezuo.plan.national import Figure
    from xiezuo.plan.report import national_cell

    got = national_cell(Figure(key="k", label="k", value="", unit=unit, number=number))
    assert got == (cell, fmt) and type(got[0]) is type(cell)


@pytest.fixture
def summary_xlsx(plan, users, seconded, tmp_path):
    from xiezuo.plan.report import build_xlsx

    data = report_data(plan=plan, year=2018, user=users["county_admin"],
                       as_of=datetime.date(2019, 1, 5))
    return data, build_xlsx(data, tmp_path / "r.xlsx")


def test_the_excel_report_carries_the_summary_as_a_typed_sheet(summary_xlsx):
    from openpyxl import load_workbook

    data, path = summary_xlsx
    wb = load_workbook(path)
    # after the narrative, as in the Word report the summary follows the chapters' findings
    assert wb.sheetnames[:3] == ["2018年度考核", "工作成效与问题", "全国考核六方面汇总"]
    ws = wb["全国考核六方面汇总"]
    assert ws["A1"].value == "2018年度东西部扶贫协作工作按全国考核内容汇总" and ws["A1"].font.b
    assert ws["A2"].value.startswith("年度：2018年")
    assert [c.value for c in ws[3]] == ["考核方面", "指标", "本年度", "单位", "说明"]
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == f"A3:E{ws.max_row}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    n = sum(len(a.figures) for a in data["national"])
    assert len(rows) == n and {r[0] for r in rows} == {t for t, _k in AREAS}
    row = next(r for r in ws.iter_rows(min_row=4) if r[1].value == "仓山区选派到临洮县挂职的干部")
    assert (row[0].value, row[2].value, row[2].number_format, row[3].value) == (
        "组织领导", 2, "#,##0", "名")
    none = next(r for r in ws.iter_rows(min_row=4) if r[1].value == "临洮县选派到仓山区挂职的干部")
    assert (none[2].value, none[3].value, none[4].value) == ("—", None, "本年度无业务记录")
    # every figure of the Word table is in the sheet, as a number where there is one
    for a in data["national"]:
        for f in a.figures:
            got = next(r for r in rows if r[0] == a.title and r[1] == f.label)
            assert got[2] == ("—" if f.number is None else national_value(f.number, f.unit))
    # widths from the header and the data, CJK counted double (the labels are the widest)
    assert ws.column_dimensions["B"].width >= 2 * len("仓山区选派到临洮县挂职的干部")


def national_value(number, unit):
    from xiezuo.plan.national import Figure
    from xiezuo.plan.report import national_cell

    return national_cell(Figure(key="", label="", value="", unit=unit, number=number))[0]


def test_libreoffice_renders_the_summary_sheet(summary_xlsx, tmp_path, skip_or_fail_in_ci):
    import shutil
    import subprocess

    from openpyxl import load_workbook

    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        skip_or_fail_in_ci("LibreOffice (soffice) or pdftotext is not installed")
    _data, path = summary_xlsx
    wb = load_workbook(path)  # the summary sheet alone (LibreOffice prints every sheet)
    for name in wb.sheetnames:
        if name != "全国考核六方面汇总":
            del wb[name]
    only = tmp_path / "summary.xlsx"
    wb.save(only)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(only)],
                   check=True, capture_output=True, timeout=180)
    out = subprocess.run(["pdftotext", "-raw", str(tmp_path / "summary.pdf"), "-"],
                         check=True, capture_output=True, text=True).stdout
    text = "".join(out.split())
    for cell in ("按全国考核内容汇总", "考核方面", "组织领导", "携手奔小康",
                 "仓山区选派到临洮县挂职的干部", "本年度无业务记录"):
        assert cell in text, cell
    assert "###" not in text  # no number too wide for its column
