"""The Word report: pictures never in an exact-spaced paragraph (LibreOffice clips them to one
line), the 草稿 mark on drafts only, a PAGE field in the footer, Heading styles with Chinese fonts,
the narrative sections (工作成效, 存在问题, 下一步打算) drafted from the figures, one date form, no
target slugs in the .xlsx; finalising unchanged content issues no new 文号."""

import datetime

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from openpyxl import load_workbook
from plan_fixtures import *  # noqa: F403

from xiezuo.plan.models import FinalisedReport
from xiezuo.plan.report import build_report, docx_text, report_data
from xiezuo.plan.services import report_finalise


@pytest.fixture
def year_2018(plan, users, approved_entry, fake_parts):
    t = {x.key: x for x in plan.targets.all()}
    approved_entry(t["teachers-trained"], 2018, 18)
    approved_entry(t["cadre-training-people"], 2018, 25)
    return plan


def _build(plan, users, tmp_path, final=False, **kw):
    data = report_data(plan=plan, year=2018, user=users["county_admin"], final=final,
                       as_of=datetime.date(2019, 1, 5), **kw)
    return data, build_report(data, out_dir=tmp_path)


def _effective_rule(paragraph, doc):
    """The paragraph's line spacing rule, its own or inherited from its style (Normal)."""
    pf = paragraph.paragraph_format
    if pf.line_spacing_rule is not None:
        return pf.line_spacing_rule
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.line_spacing_rule is not None:
            return style.paragraph_format.line_spacing_rule
        style = style.base_style
    return doc.styles["Normal"].paragraph_format.line_spacing_rule


def test_no_paragraph_holding_a_picture_has_exact_line_spacing(year_2018, users, tmp_path):
    _data, paths = _build(year_2018, users, tmp_path)
    doc = Document(str(paths["docx"]))
    pictures = [p for p in doc.paragraphs if p._p.xpath(".//w:drawing")]
    assert len(pictures) == 2
    for p in pictures:
        assert _effective_rule(p, doc) != WD_LINE_SPACING.EXACTLY


def test_draft_carries_the_draft_mark_and_final_does_not(year_2018, users, tmp_path):
    _data, paths = _build(year_2018, users, tmp_path / "draft")
    header = "".join(p.text for p in Document(str(paths["docx"])).sections[0].header.paragraphs)
    assert "草稿" in header
    _data, paths = _build(year_2018, users, tmp_path / "final", final=True, number="临协办〔2018〕1号")
    header = "".join(p.text for p in Document(str(paths["docx"])).sections[0].header.paragraphs)
    assert "草稿" not in header


def test_footer_has_a_page_number_field(year_2018, users, tmp_path):
    _data, paths = _build(year_2018, users, tmp_path)
    footer = Document(str(paths["docx"])).sections[0].footer._element
    instructions = [el.text for el in footer.iter(qn("w:instrText"))]
    assert any(i.strip() == "PAGE" for i in instructions)
    assert footer.xpath(".//w:fldChar[@w:fldCharType='begin']")


def test_headings_use_heading_styles_with_chinese_fonts(year_2018, users, tmp_path):
    _data, paths = _build(year_2018, users, tmp_path)
    doc = Document(str(paths["docx"]))
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert any(p.text == "一、总体完成情况" for p in headings)
    style = doc.styles["Heading 1"]
    assert style.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"


def test_the_narrative_sections_are_drafted_from_the_figures(year_2018, users, tmp_path):
    data, paths = _build(year_2018, users, tmp_path)
    text = docx_text(paths["docx"])
    for label in ("工作成效", "存在问题", "下一步打算"):
        assert f"、{label}" in text
    n = data["narrative"]
    assert f"已完成{data['n_met']}项" in n["achievements"]
    assert f"未完成{data['counts']['not_met']}项" in n["problems"]
    assert f"进度滞后{data['counts']['behind']}项" in n["problems"]
    wb = load_workbook(paths["xlsx"])
    assert "工作成效与问题" in wb.sheetnames
    assert [r[0] for r in wb["工作成效与问题"].iter_rows(min_row=2, values_only=True)] == [
        "工作成效", "存在问题", "下一步打算"]


def test_edited_narrative_replaces_the_draft(year_2018, users, tmp_path):
    _data, paths = _build(year_2018, users, tmp_path, narrative={"problems": "人工改写的问题段落。"})
    text = docx_text(paths["docx"])
    assert "人工改写的问题段落。" in text


def test_dates_are_written_one_way(year_2018, users, tmp_path):
    _data, paths = _build(year_2018, users, tmp_path)
    text = docx_text(paths["docx"])
    assert "2019年1月5日" in text and "2019年01月05日" not in text and "2019-01-05" not in text


def test_report_xlsx_carries_no_target_slugs(year_2018, users, tmp_path):
    _data, paths = _build(year_2018, users, tmp_path)
    wb = load_workbook(paths["xlsx"])
    keys = set(year_2018.targets.values_list("key", flat=True))
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not keys & set(row), (ws.title, row)


def test_finalising_unchanged_content_issues_no_new_number(year_2018, users):
    first = report_finalise(actor=users["county_admin"], plan=year_2018, year=2018)
    again = report_finalise(actor=users["county_admin"], plan=year_2018, year=2018)
    assert again.pk == first.pk and again.number == first.number
    assert FinalisedReport.objects.filter(plan=year_2018, year=2018).count() == 1
    third = report_finalise(actor=users["county_admin"], plan=year_2018, year=2018,
                            narrative={"next_steps": "改写后的下一步打算。"})
    assert third.number != first.number
