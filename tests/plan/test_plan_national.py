"""The annual report's summary in the national assessment's six areas (plan.national): each
figure read from a part's indicator by key, "—" with a note where a part is missing, shown in
the Word report before the partner side's comments."""

import datetime

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
