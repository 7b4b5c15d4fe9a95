"""The minutes and the secondment report are valid Word files: python-docx reads them back with
their headings and tables, and LibreOffice renders every table whole (its text in the PDF)."""

import datetime
import io
import shutil
import subprocess

import pytest
from docx import Document

from xiezuo.mechanisms import services
from xiezuo.mechanisms.choices import Direction, Level, Side
from xiezuo.mechanisms.documents import minutes_docx, secondment_report_docx

D = datetime.date
pytestmark = pytest.mark.django_db
DECISIONS = [("联合举办2019年春季劳务招聘会", "临洮县人社局", "张科长", D(2019, 3, 31)),
             ("落实2019年东部财政帮扶资金5000万元", "仓山区财政局", "", D(2019, 6, 30)),
             ("推进仓山区企业在临洮设立扶贫车间", "仓山区工商联", "李主席", None)]


@pytest.fixture
def minutes(meeting):
    m = meeting(D(2019, 1, 15), Side.EAST, title="仓山·临洮2019年东西部扶贫协作联席会议",
                place="仓山区行政服务中心会议室", chair="仓山区委书记 林某",
                attendees="林某 仓山区委书记\n王某 临洮县委书记\n陈某 仓山区副区长",
                agenda="通报2018年协作工作\n研究2019年协作计划", summary="会议听取了两地工作汇报。",
                minutes_no="仓临协〔2019〕1号", copy_to="福州市、定西市扶贫办")
    for text, unit, person, due in DECISIONS:
        services.decision_add(actor=None, meeting=m, text=text, owner_unit=unit,
                              owner_person=person, due=due)
    data = minutes_docx(m, list(m.decisions.all()), issuer="仓山区·临洮县东西部扶贫协作联席会议")
    return data


@pytest.fixture
def report(partnership):
    s = services.secondment_create(
        actor=None, partnership=partnership, batch=2, direction=Direction.EAST_TO_WEST,
        person_name="陈挂职", level=Level.DEPUTY_DIVISION, home_unit="仓山区发改局",
        home_post="副局长", host_unit="临洮县人民政府", host_post="副县长",
        start=D(2019, 7, 1), end=D(2021, 6, 30))
    ws = services.summary_save(actor=None, secondment=s, year=2019,
                               text="牵头推进产业合作。\n协调落实帮扶资金。", assessment="优秀")
    return secondment_report_docx(s, ws, home_area="仓山区", host_area="临洮县",
                                  today=D(2019, 12, 20))


def _texts(doc):
    return [p.text for p in doc.paragraphs]


def test_the_minutes_open_with_their_headings_and_decision_table(minutes):
    doc = Document(io.BytesIO(minutes))
    text = "\n".join(_texts(doc))
    assert "仓山·临洮2019年东西部扶贫协作联席会议纪要" in text
    assert "仓临协〔2019〕1号" in text
    for label in ("会议时间：2019年1月15日", "会议地点：仓山区行政服务中心会议室",
                  "主　　持：仓山区委书记 林某", "出　　席：林某 仓山区委书记、王某 临洮县委书记"):
        assert label in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、会议议程", "二、会议主要内容", "三、议定事项"]
    assert "（二）落实2019年东部财政帮扶资金5000万元由仓山区财政局负责，2019年6月30日前完成。" in text
    assert "抄送：福州市、定西市扶贫办。" in text
    [table] = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["序号", "议定事项", "责任单位", "责任人", "完成时限"]
    assert rows[1:] == [["1", DECISIONS[0][0], "临洮县人社局", "张科长", "2019年3月31日"],
                        ["2", DECISIONS[1][0], "仓山区财政局", "—", "2019年6月30日"],
                        ["3", DECISIONS[2][0], "仓山区工商联", "李主席", "—"]]
    # CJK text is set in the Chinese office fonts through w:eastAsia; the footer numbers pages
    xml = doc.element.xml
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:eastAsia="黑体"' in xml
    assert "PAGE" in doc.sections[0].footer._element.xml


def test_the_secondment_report_opens_with_its_table(report):
    doc = Document(io.BytesIO(report))
    text = "\n".join(_texts(doc))
    assert "关于陈挂职同志2019年度挂职工作情况的报告" in text
    assert "中共仓山区委组织部：" in text
    assert "经考核，陈挂职同志2019年度考核等次为优秀。" in text
    assert "临洮县东西部扶贫协作领导小组办公室" in text
    [table] = doc.tables
    rows = {r.cells[0].text: r.cells[1].text for r in table.rows}
    assert rows["挂职单位及职务"] == "临洮县人民政府副县长"
    assert rows["挂职期间"] == "2019年7月1日至2021年6月30日"


def _pdf_text(tmp_path, name, data, skip_or_fail_in_ci) -> str:
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        skip_or_fail_in_ci("LibreOffice (soffice) or pdftotext is not installed")
    src = tmp_path / f"{name}.docx"
    src.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    # -raw: the text in the order it is drawn, cell by cell (with -layout a cell wrapped over
    # two lines interleaves with its neighbours' lines)
    out = subprocess.run(["pdftotext", "-raw", str(tmp_path / f"{name}.pdf"), "-"],
                         check=True, capture_output=True, text=True)
    return "".join(out.stdout.split())  # table cells wrap: compare without spaces and breaks


def test_libreoffice_renders_every_table_whole(tmp_path, minutes, report, skip_or_fail_in_ci):
    text = _pdf_text(tmp_path, "minutes", minutes, skip_or_fail_in_ci)
    for cell in ["序号", "责任单位", "完成时限", "临洮县人社局", "2019年6月30日", "李主席",
                 *(d[0] for d in DECISIONS)]:
        assert cell in text, cell
    assert "抄送：福州市、定西市扶贫办。" in text
    text = _pdf_text(tmp_path, "report", report, skip_or_fail_in_ci)
    for cell in ["派出单位及职务", "仓山区发改局副局长", "临洮县人民政府副县长",
                 "2019年7月1日至2021年6月30日", "牵头推进产业合作。"]:
        assert cell in text, cell
