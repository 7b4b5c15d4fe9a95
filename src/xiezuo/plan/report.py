"""The annual self-assessment (年度自评报告) in three formats: Word, Excel and PDF.

Word follows the layout of a Chinese government document (GB/T 9704): A4, title in 小标宋,
headings in 黑体, body in 仿宋 三号 with fixed 28 pt lines. Those fonts are on Chinese office
machines; the file also names Noto CJK fonts as their alternates (w:altName in the font table)
so that a machine without them still shows a serif/sans face. Charts are drawn by matplotlib with
Noto Sans CJK; the PDF is rendered by WeasyPrint from an HTML template.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

from xiezuo.core.reports import as_plain, cell_text, report_sections
from xiezuo.plan.choices import Status, TargetKind
from xiezuo.plan.evaluation import PlanResult, evaluate, reader_for
from xiezuo.plan.models import AggregateEntry, AssessmentComment, Plan
from xiezuo.plan.national import MISSING, national_summary

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
CHART_FONT = FONT_DIR / "NotoSansCJK-Regular.ttc"
# name Word uses -> the alternate named in the font table where it is missing
DOCX_FONTS = {
    "title": ("方正小标宋简体", "Noto Serif CJK SC"),
    "heading": ("黑体", "Noto Sans CJK SC"),
    "body": ("仿宋_GB2312", "Noto Serif CJK SC"),
}
CHAPTER_TITLES = {
    1: "基本情况", 2: "总体目标", 3: "产业合作", 4: "劳务协作", 5: "人才支援", 6: "资金支持",
    7: "社会参与", 8: "保障机制",
}
CN_DIGITS = "一二三四五六七八九十"


class _CnNumbers:
    """CN_NUMBERS[i] is i + 1 in Chinese numerals (indexed like the string it replaces:
    [0] 一, [10] 十一, [22] 二十三)."""

    def __getitem__(self, i: int) -> str:
        i += 1
        if i <= 10:
            return CN_DIGITS[i - 1]
        tens, ones = divmod(i, 10)
        return (CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CN_DIGITS[ones - 1] if ones else "")


CN_NUMBERS = _CnNumbers()
STATUS_ORDER = [Status.MET, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET]


def fmt_number(v: Decimal | None) -> str:
    if v is None:
        return "—"
    v = Decimal(v)
    return f"{v:,.0f}" if v == v.to_integral_value() else f"{v:,.2f}"


def cn_date(d: datetime.date) -> str:
    """The report's one date form: 2018年12月31日 (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"


NARRATIVE_SECTIONS = (("achievements", "工作成效"), ("problems", "存在问题"),
                      ("next_steps", "下一步打算"))


def draft_narrative(*, year: int, rows: list[dict], counts: dict) -> dict[str, str]:
    """The three narrative sections of an assessment report, drafted from the figures: the targets
    met (with their values), those behind or not met, and what follows from them."""
    applicable = [r for r in rows if r["applies"]]
    met = [r for r in applicable if r["status"] == Status.MET]
    on_track = [r for r in applicable if r["status"] == Status.ON_TRACK]
    behind = [r for r in applicable if r["status"] == Status.BEHIND]
    not_met = [r for r in applicable if r["status"] == Status.NOT_MET]
    not_started = [r for r in behind + not_met if not r["percent"]]

    def listing(items, limit=6):
        shown = "；".join(f"{r['text']}（{r['value']}，目标值{r['required']}）" for r in items[:limit])
        more = f"等{len(items)}项" if len(items) > limit else ""
        return shown + more

    n = len(applicable)
    achievements = (f"{year}年度适用考核目标{n}项，已完成{len(met)}项，进度正常{len(on_track)}项。")
    if met:
        achievements += f"已完成的目标有：{listing(met)}。"
    else:
        achievements += "本年度尚无已完成的目标。"
    if behind or not_met:
        problems = (f"进度滞后{len(behind)}项，未完成{len(not_met)}项"
                    + (f"，其中尚未起步{len(not_started)}项" if not_started else "") + "。"
                    + f"主要是：{listing(behind + not_met)}。")
    else:
        problems = "本年度适用目标均已完成或进度正常，未发现明显滞后。"
    if behind or not_met:
        next_steps = ("针对滞后和未完成的目标，逐项明确责任单位和完成时限，加强东西部协作双方的"
                      f"沟通调度，优先推进{listing((not_started or behind + not_met), 3)}，"
                      "按月跟踪进度，确保按期完成。")
    else:
        next_steps = "巩固已取得的成效，继续按规划推进下一年度目标，按月跟踪进度。"
    return {"achievements": achievements, "problems": problems, "next_steps": next_steps}


def describe_value(target, yr) -> str:
    if yr is None or not yr.applies:
        return "不适用"
    if target.kind == TargetKind.MILESTONE:
        return ("已完成" if yr.value else "未完成") + (f"（{yr.note}）" if yr.note else "")
    if target.kind == TargetKind.CUMULATIVE:
        return f"当年 {fmt_number(yr.value)}，累计 {fmt_number(yr.total)} {target.unit_zh}"
    return f"{fmt_number(yr.value)} {target.unit_zh}".strip()


def report_data(*, plan: Plan, year: int, user, number: str = "", final: bool = False,
                as_of: datetime.date | None = None, narrative: dict | None = None) -> dict:
    """Everything the three formats show, computed once, in Chinese (the report's language)."""
    with translation.override("zh-hans"):
        as_of = as_of or timezone.localdate()
        # a city office's or the system's report of one pair counts that pair's records only
        user = reader_for(user, plan)
        result: PlanResult = evaluate(plan, user=user, as_of=as_of)
        rows, history = [], []
        for r in result.targets:
            t, yr = r.target, r.years.get(year)
            row = {
                "key": t.key, "chapter": t.chapter, "section": t.section, "text": t.text_zh,
                "side": t.get_side_display(), "kind": t.get_kind_display(), "unit": t.unit_zh,
                "required": r.required_label,
                "value": describe_value(t, yr),
                "number": str(yr.shown) if yr and yr.shown is not None else None,
                "status": yr.status if yr else Status.NOT_APPLICABLE,
                "status_label": str(Status(yr.status).label) if yr else "",
                "percent": yr.percent if yr else 0,
                # the year's own source: the part's records, or the entries typed for a year
                # without records (evaluation.evaluate)
                "source": str(yr.source_label) if yr else str(r.source_label),
                "source_key": yr.source if yr else r.source,
                "applies": bool(yr and yr.applies),
            }
            rows.append(row)
            for y in plan.years:
                h = r.years[y]
                history.append({
                    "key": t.key, "chapter": t.chapter, "text": t.text_zh, "year": y,
                    "value": str(h.value) if h.value is not None else None,
                    "total": str(h.total) if h.total is not None else None,
                    "required": str(h.required) if h.required is not None else None,
                    "status": h.status, "status_label": str(Status(h.status).label),
                    "applies": h.applies, "source": h.source,
                    "source_label": str(h.source_label),
                    "pending": h.pending,
                })
        counts = {s: sum(1 for row in rows if row["applies"] and row["status"] == s)
                  for s in Status.values}
        entries = list(
            AggregateEntry.objects.visible_to(user).filter(target__plan=plan, year=year)
            .select_related("target", "area", "entered_by", "decided_by").order_by("target__order", "id"))
        comments = list(AssessmentComment.objects.filter(plan=plan, year=year)
                        .select_related("author").order_by("created_at", "id"))
        # the parts' own sections (core.reports), each after its chapter's targets
        sections = report_sections(user=user, year=year)
        chapters = []
        for ch in sorted({row["chapter"] for row in rows} | {s.chapter for s in sections}):
            mine = [s for s in sections if s.chapter == ch]
            chapters.append({"chapter": ch, "title": CHAPTER_TITLES.get(ch, ""),
                             "cn": CN_NUMBERS[len(chapters) + 1],
                             "rows": [row for row in rows if row["chapter"] == ch],
                             "sections": [{"cn": CN_NUMBERS[i], "section": sec,
                                           "tables": [{"caption": t.caption, "header": t.header,
                                                       "raw": t,
                                                       "rows": [[cell_text(c) for c in r]
                                                                for r in t.rows]}
                                                      for t in sec.tables]}
                                          for i, sec in enumerate(mine)]})
        applicable = [row for row in rows if row["applies"]]
        drafted = draft_narrative(year=year, rows=rows, counts=counts)
        narrative = {k: (narrative or {}).get(k) or drafted[k] for k, _label in NARRATIVE_SECTIONS}
        snapshot = {
            "plan": plan.key, "year": year, "number": number, "as_of": as_of.isoformat(),
            "rows": [{k: row[k] for k in ("key", "text", "required", "value", "number",
                                           "status", "source")} for row in rows],
            "sections": [as_plain(sec) for sec in sections],
            "history": history,
            "counts": counts,
            "entries": [{"id": e.pk, "target": e.target.key, "area": e.area.code,
                         "value": str(e.value), "state": e.state,
                         "evidence_sha256": e.evidence_sha256} for e in entries],
            "comments": [{"author": str(c.author), "side": c.side, "text": c.text,
                          "at": c.created_at.isoformat()} for c in comments],
            "narrative": narrative,
        }
        national = national_summary(user=user, year=year)
        snapshot["national"] = [{"area": a.title, "figures": [
            {"key": f.key, "value": f.value, "unit": f.unit, "note": f.note}
            for f in a.figures]} for a in national]
        issuer = plan.config.get("report_issuer", {})
        return {
            "national": national,
            "national_cn": CN_NUMBERS[len(chapters) + 1 + len(NARRATIVE_SECTIONS)],
            "plan": plan, "plan_name": plan.name_zh, "year": year, "number": number,
            "final": final, "as_of": as_of, "issuer": issuer.get("zh", "") if isinstance(
                issuer, dict) else str(issuer),
            "title": f"{plan.name_zh.split('（')[0]}{year}年度工作自评报告",
            "rows": rows, "chapters": chapters, "history": history, "counts": counts,
            "sections": sections,
            "n_applicable": len(applicable),
            "n_met": counts.get(Status.MET, 0), "entries": entries, "comments": comments,
            "result": result, "snapshot": snapshot,
            "comments_cn": CN_NUMBERS[len(chapters) + 2 + len(NARRATIVE_SECTIONS)],
            "narrative": narrative,
            "narrative_sections": [(CN_NUMBERS[len(chapters) + 1 + i], label, narrative[k])
                                   for i, (k, label) in enumerate(NARRATIVE_SECTIONS)],
        }


# --- charts ---------------------------------------------------------------------------------
def _chart_font():
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    if "Noto Sans CJK SC" not in names and CHART_FONT.exists():
        font_manager.fontManager.addfont(str(CHART_FONT))
        names = {f.name for f in font_manager.fontManager.ttflist}
    # The SC face by name: the collection's first face is JP, whose glyph shapes differ.
    return "Noto Sans CJK SC" if "Noto Sans CJK SC" in names else "sans-serif"


def build_charts(data: dict, out_dir: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    family = _chart_font()
    plt.rcParams.update({"font.family": family, "axes.unicode_minus": False, "font.size": 12})
    # Colours told apart also in grey print and by colour-blind readers, plus a hatch per status.
    colours = {Status.MET: "#1b7837", Status.ON_TRACK: "#2166ac", Status.BEHIND: "#e08214",
               Status.NOT_MET: "#b2182b"}
    hatches = {Status.MET: "", Status.ON_TRACK: "//", Status.BEHIND: "..", Status.NOT_MET: "xx"}
    out: dict[str, Path] = {}
    # 1. status of the year's targets by chapter
    fig, ax = plt.subplots(figsize=(7.5, 4.2), dpi=150)
    chapters = data["chapters"]
    labels = [f"第{c['chapter']}章 {c['title']}" for c in chapters]
    bottom = [0] * len(chapters)
    for s in STATUS_ORDER:
        counts = [sum(1 for r in c["rows"] if r["applies"] and r["status"] == s) for c in chapters]
        ax.bar(labels, counts, bottom=bottom, color=colours[s], hatch=hatches[s],
               edgecolor="white", label=str(Status(s).label))
        bottom = [a + b for a, b in zip(bottom, counts, strict=True)]
    ax.set_ylabel("目标数")
    ax.set_title(f"{data['year']}年度各章目标完成情况")
    ax.legend(loc="upper right", fontsize=11, frameon=False)
    plt.setp(ax.get_xticklabels(), rotation=15, ha="right")
    fig.tight_layout()
    out["status"] = out_dir / "chart-status.png"
    fig.savefig(out["status"])
    plt.close(fig)
    # 2. progress of each applicable target
    rows = [r for r in data["rows"] if r["applies"]]
    fig, ax = plt.subplots(figsize=(7.5, max(3, 0.38 * len(rows))), dpi=150)
    names = [r["text"][:20] + ("…" if len(r["text"]) > 20 else "") for r in rows][::-1]
    values = [r["percent"] for r in rows][::-1]
    bars = ax.barh(names, values, color=[colours.get(r["status"], "#888") for r in rows][::-1],
                   edgecolor="white")
    for bar, r in zip(bars, rows[::-1], strict=True):
        bar.set_hatch(hatches.get(r["status"], ""))
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s], hatch=hatches[s], ec="white")
               for s in STATUS_ORDER]
    ax.legend(handles, [str(Status(s).label) for s in STATUS_ORDER], loc="lower right",
              fontsize=10, frameon=True)
    ax.set_xlim(0, 100)
    ax.set_xlabel("完成程度（%）")
    ax.set_title(f"{data['year']}年度目标完成程度")
    ax.tick_params(axis="y", labelsize=10)
    fig.tight_layout()
    out["progress"] = out_dir / "chart-progress.png"
    fig.savefig(out["progress"])
    plt.close(fig)
    return out


# --- Word -----------------------------------------------------------------------------------
def _font(run_or_style, role: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    name = DOCX_FONTS[role][0]
    f = run_or_style.font
    f.name = "Times New Roman"
    f.size = Pt(size)
    f.bold = bold
    rpr = (run_or_style.element if hasattr(run_or_style, "element") else
           run_or_style._element).get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _font_table_alternates(doc) -> None:
    """Name each Chinese office font's Noto alternate in word/fontTable.xml (w:altName)."""
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for name, alt in DOCX_FONTS.values():
                font = etree.SubElement(root, f"{{{ns}}}font")
                font.set(f"{{{ns}}}name", name)
                el = etree.SubElement(font, f"{{{ns}}}altName")
                el.set(f"{{{ns}}}val", alt)
                cs = etree.SubElement(font, f"{{{ns}}}charset")
                cs.set(f"{{{ns}}}val", "86")  # GB2312
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)


DRAFT_MARK = "草稿"


def _field(paragraph, instruction: str) -> None:
    """A Word field (e.g. PAGE) in `paragraph`: begin, instruction, separate, placeholder, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(el):
        r = paragraph.add_run()
        r._r.append(el)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _header_and_footer(section, *, final: bool) -> None:
    """Page numbers (— PAGE —, centred) in the footer; the 草稿 mark in the header of a draft."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.paragraph_format.first_line_indent = Pt(0)
    _font(foot.add_run("— "), "body", 14)
    _field(foot, "PAGE")
    for r in foot.runs[1:]:
        _font(r, "body", 14)
    _font(foot.add_run(" —"), "body", 14)
    head = section.header.paragraphs[0]
    head.paragraph_format.first_line_indent = Pt(0)
    if not final:
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        r = head.add_run(f"{DRAFT_MARK}（未定稿，不作正式文件使用）")
        _font(r, "heading", 14, bold=True)
        r.font.color.rgb = RGBColor(0xA1, 0x12, 0x12)


def _cell(cell, text: str, *, head: bool = False, align=None) -> None:
    from docx.shared import Pt

    cell.text = ""
    p = cell.paragraphs[0]
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing = Pt(16)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), "heading" if head else "body", 10.5)


def _whole_rows(table) -> None:
    """The header row repeats on each page and no row breaks across pages (Word, WPS,
    LibreOffice)."""
    from docx.oxml import OxmlElement

    for i, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if i == 0:
            trpr.append(OxmlElement("w:tblHeader"))


def _widths(table, widths) -> None:
    table.autofit = False
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w  # the table grid: LibreOffice and WPS lay out by it, not by the cells
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w


def _target_table(doc, rows: list[dict]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, h in zip(table.rows[0].cells, ["目标", "目标值", "完成情况", "状态", "数据来源"],
                       strict=True):
        _cell(cell, h, head=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, [
                row["text"], row["required"], row["value"],
                row["status_label"] if row["applies"] else "不适用", row["source"]], strict=True):
            _cell(cell, text)
    _whole_rows(table)
    _widths(table, [Cm(5.6), Cm(2.9), Cm(3.3), Cm(1.6), Cm(2.2)])  # 15.6 cm: the text width


def _section_table(doc, tb: dict) -> None:
    """A part's table (core.reports.ReportTable): the first column (names) takes what the
    figures leave of the 15.6 cm text width; figures are right-aligned."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    n = len(tb["header"])
    table = doc.add_table(rows=1, cols=n)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, h in zip(table.rows[0].cells, tb["header"], strict=True):
        _cell(cell, h, head=True)
    for row in tb["rows"]:
        for i, (cell, text) in enumerate(zip(table.add_row().cells, row, strict=True)):
            numeric = i > 0 and text.replace(",", "").replace(".", "").lstrip("-").isdigit()
            _cell(cell, text, align=WD_ALIGN_PARAGRAPH.RIGHT if numeric else None)
    _whole_rows(table)
    first = 15.6 if n == 1 else max(3.0, 15.6 - 3.2 * (n - 1))
    rest = (15.6 - first) / (n - 1) if n > 1 else 0
    _widths(table, [Cm(first)] + [Cm(rest)] * (n - 1))


def _national(doc, data: dict, heading, para) -> None:
    """The six areas of the national assessment (plan.national), one table."""
    heading(f"{data['national_cn']}、按全国东西部扶贫协作考核内容汇总")
    para("按国家东西部扶贫协作考核的六个方面汇总本年度主要数据（均由各业务模块记录计算；"
         "“—”表示暂无数据，说明见表）。协作方评议意见见下节。")
    rows = [[a.title if i == 0 else "", f.label, f.value + (f" {f.unit}" if f.unit and f.value != "—"
             else ""), f.note] for a in data["national"] for i, f in enumerate(a.figures)]
    _section_table(doc, {"header": ["考核方面", "指标", "本年度", "说明"], "rows": rows})


def build_docx(data: dict, path: Path, charts: dict[str, Path]) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    _font(normal, "body", 16)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.space_after = Pt(0)
    _font_table_alternates(doc)
    for level, size in ((1, 16), (2, 16)):
        style = doc.styles[f"Heading {level}"]
        _font(style, "heading", size, bold=False)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        style.paragraph_format.line_spacing = Pt(28)
    _header_and_footer(sec, final=data["final"])

    def heading(text, level=1):
        p = doc.add_paragraph(style=f"Heading {level}")
        _font(p.add_run(text), "heading", 16)
        return p

    def para(text="", role="body", size=16, bold=False, align=None, indent=True):
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent and role == "body" and align is None:
            p.paragraph_format.first_line_indent = Pt(32)
        r = p.add_run(text)
        _font(r, role, size, bold)
        return p

    para(data["issuer"], "body", 16, align=WD_ALIGN_PARAGRAPH.CENTER)
    if data["number"]:
        para(data["number"], "body", 16, align=WD_ALIGN_PARAGRAPH.CENTER)
    para("", indent=False)
    title = para(data["title"], "title", 22, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.line_spacing = Pt(36)
    para("", indent=False)
    n, met = data["n_applicable"], data["n_met"]
    c = data["counts"]
    para(f"根据《{data['plan_name']}》，现将{data['year']}年度东西部扶贫协作工作完成情况自评如下。"
         f"本年度适用考核目标{n}项，其中已完成{met}项，进度正常{c.get(Status.ON_TRACK, 0)}项，"
         f"进度滞后{c.get(Status.BEHIND, 0)}项，未完成{c.get(Status.NOT_MET, 0)}项。"
         f"评估日期：{cn_date(data['as_of'])}。")
    heading("一、总体完成情况")
    para("各章目标完成情况见图1，各项目标完成程度见图2。")
    for key, caption in (("status", "图1 各章目标完成情况"), ("progress", "图2 目标完成程度")):
        if key in charts:
            doc.add_picture(str(charts[key]), width=Cm(15))
            picture = doc.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # Not the body's exact 28 pt: an exact rule clips the picture to one line's height
            # in LibreOffice (and WPS); single spacing lets the line grow to the picture.
            picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            picture.paragraph_format.first_line_indent = Pt(0)
            picture.paragraph_format.keep_with_next = True
            para(caption, "body", 12, align=WD_ALIGN_PARAGRAPH.CENTER)
    for ch in data["chapters"]:
        heading(f"{ch['cn']}、{ch['title']}（第{ch['chapter']}章）")
        if ch["rows"]:
            _target_table(doc, ch["rows"])
        for sec in ch["sections"]:
            heading(f"（{sec['cn']}）{sec['section'].title}", level=2)
            for text in sec["section"].paragraphs:
                para(text)
            for tb in sec["tables"]:
                caption = para(tb["caption"], "heading", 12, align=WD_ALIGN_PARAGRAPH.CENTER)
                caption.paragraph_format.keep_with_next = True
                _section_table(doc, tb)
    for cn, label, text in data["narrative_sections"]:
        heading(f"{cn}、{label}")
        for line in [t for t in text.splitlines() if t.strip()] or [text]:
            para(line.strip())
    _national(doc, data, heading, para)
    heading(f"{data['comments_cn']}、协作方评议意见")
    if data["comments"]:
        for cm in data["comments"]:
            side = {"east": "东部", "west": "西部"}.get(cm.side, "")
            para(f"{side}{cm.author}（{cn_date(timezone.localtime(cm.created_at).date())}）：{cm.text}")
    else:
        para("（暂无评议意见）")
    para("", indent=False)
    para(data["issuer"], "body", 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(cn_date(data["as_of"]), "body", 16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.core_properties.title = data["title"]
    doc.core_properties.subject = data["number"]
    doc.save(str(path))
    return path


# --- Excel ----------------------------------------------------------------------------------
def build_xlsx(data: dict, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from xiezuo.tabular.safe import safe_row

    wb = Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDDDDD")

    def sheet(ws, headers, rows, widths):
        ws.append(headers)
        for c in ws[1]:
            c.font, c.fill = bold, head_fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
        for r in rows:
            ws.append(safe_row(r, sheet=ws))  # comments and names must not run as formulas
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A2"

    def num(v):
        return None if v is None else (int(Decimal(v)) if Decimal(v) == Decimal(v).to_integral_value()
                                       else float(Decimal(v)))

    ws = wb.active
    ws.title = f"{data['year']}年度考核"
    sheet(ws, ["章", "出处", "目标", "责任方", "类型", "目标值", "完成情况", "数值",
               "状态", "完成程度%", "数据来源"],
          [[r["chapter"], r["section"], r["text"], r["side"], r["kind"], r["required"],
            r["value"], num(r["number"]), r["status_label"] if r["applies"] else "不适用",
            r["percent"], r["source"]] for r in data["rows"]],
          [5, 22, 50, 10, 14, 22, 30, 12, 10, 10, 24])
    ws = wb.create_sheet("工作成效与问题")
    sheet(ws, ["部分", "内容"], [[label, text] for _cn, label, text in data["narrative_sections"]],
          [14, 100])
    for row in ws.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    _national_sheet(wb.create_sheet("全国考核六方面汇总"), data)
    for ch in data["chapters"]:
        ws = wb.create_sheet(f"第{ch['chapter']}章{ch['title']}"[:31])
        keys = {r["key"] for r in ch["rows"]}
        sheet(ws, ["目标", "年度", "当年数值", "累计/覆盖", "目标值", "状态",
                   "待审批条数", "数据来源"],
              [[h["text"], h["year"], num(h["value"]), num(h["total"]),
                num(h["required"]), h["status_label"] if h["applies"] else "不适用", h["pending"],
                h["source_label"]]
               for h in data["history"] if h["key"] in keys],
              [50, 8, 12, 12, 12, 10, 10, 10])
    # the parts' sections (core.reports): each table on a sheet of its own, in chapter order
    names = set(wb.sheetnames)
    for ch in data["chapters"]:
        for sec in ch["sections"]:
            for tb in sec["tables"]:
                name = f"{ch['chapter']}章-{tb['caption']}"[:31]
                i = 2
                while name in names:
                    name = f"{ch['chapter']}章-{tb['caption']}"[:28] + f"({i})"
                    i += 1
                names.add(name)
                ws = wb.create_sheet(name)
                raw = tb["raw"]
                sheet(ws, raw.header, [[num(c) if isinstance(c, int | Decimal) and
                                        not isinstance(c, bool) else c for c in r]
                                       for r in raw.rows],
                      [24] + [16] * (len(raw.header) - 1))
    ws = wb.create_sheet("汇总填报明细")
    sheet(ws, ["编号", "目标", "年度", "区域", "数值", "覆盖成员", "结对/合作单位", "状态",
               "填报人", "审批人", "佐证材料", "佐证材料SHA-256"],
          [[e.pk, e.target.text_zh, e.year, e.area.name, num(e.value), e.member, e.partner,
            e.get_state_display(), str(e.entered_by), str(e.decided_by or ""), e.evidence_name,
            e.evidence_sha256] for e in data["entries"]],
          [8, 40, 8, 14, 10, 14, 20, 10, 12, 12, 24, 66])
    ws = wb.create_sheet("评议意见")
    sheet(ws, ["时间", "评议人", "所属方", "意见"],
          [[c.created_at.strftime("%Y-%m-%d %H:%M"), str(c.author),
            {"east": "东部", "west": "西部"}.get(c.side, c.side), c.text]
           for c in data["comments"]], [18, 14, 8, 80])
    wb.properties.title = data["title"]
    wb.save(str(path))
    return path


def national_cell(figure) -> tuple[Decimal | None, str | None]:
    """A national-summary figure as a typed cell: the number and its number format — money
    (元) with 2 places, a whole figure as an integer, anything else (a share, hours) with 2."""
    from xiezuo.tabular.listexport import FORMATS

    v = figure.number
    if v is None:
        return None, None
    if figure.unit.endswith("元"):
        return Decimal(v).quantize(Decimal("0.01")), FORMATS["money"]
    if v == v.to_integral_value():
        return int(v), FORMATS["int"]
    return Decimal(v), FORMATS["money"]


def _national_sheet(ws, data: dict) -> None:
    """The six areas of the national assessment (plan.national) as a list export lays a sheet
    out (xiezuo.tabular.listexport): a title row, a line with the year and when it was made,
    the frozen header with an autofilter, numbers as typed cells with their format, text kept
    from running as formulas, widths from the header and the data (CJK counted double). The
    area is repeated on each row so that the autofilter keeps whole rows."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from xiezuo.tabular.listexport import MAX_WIDTH, display_width
    from xiezuo.tabular.safe import safe_cell

    header = ["考核方面", "指标", "本年度", "单位", "说明"]
    rows = [[a.title, f.label, *national_cell(f), f.unit if f.number is not None else "",
             f.note] for a in data["national"] for f in a.figures]
    ws.append([f"{data['year']}年度东西部扶贫协作工作按全国考核内容汇总"])
    ws["A1"].font = Font(bold=True, size=14)
    made = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    ws.append([f"年度：{data['year']}年　共 {len(rows)} 项　“—”表示暂无数据（见说明）　"
               f"评估日期：{cn_date(data['as_of'])}　生成时间：{made}"])
    ws["A2"].font = Font(color="555555")
    ws.append(header)
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    for c in ws[3]:
        c.font, c.fill = Font(bold=True), head_fill
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for area, label, number, fmt, unit, note in rows:
        # no figure: "—" as in the Word table (text; a sum over the column skips it)
        ws.append([safe_cell(area, sheet=ws), safe_cell(label, sheet=ws),
                   MISSING if number is None else number,
                   safe_cell(unit, sheet=ws) if unit else None,
                   safe_cell(note, sheet=ws) if note else None])
        cell = ws.cell(row=ws.max_row, column=3)
        cell.alignment = Alignment(horizontal="right")
        if fmt:
            cell.number_format = fmt
    shown = [[area, label, f"{number:,}" if number is not None else MISSING, unit, note]
             for area, label, number, _fmt, unit, note in rows]
    for i, h in enumerate(header):
        longest = max([display_width(h)] + [display_width(r[i]) for r in shown])
        ws.column_dimensions[get_column_letter(i + 1)].width = min(MAX_WIDTH, max(6, longest + 2))
    ws.freeze_panes = "A4"  # the title, the year line and the header stay on screen
    ws.auto_filter.ref = f"A3:E{3 + len(rows)}"
    # printed (the report's annex): landscape, one page wide, the header on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "3:3"


# --- PDF ------------------------------------------------------------------------------------
def build_pdf(data: dict, path: Path, charts: dict[str, Path]) -> Path:
    from weasyprint import HTML

    with translation.override("zh-hans"):
        html = render_to_string("plan/report_pdf.html", {
            **data, "charts": {k: v.name for k, v in charts.items()}})
    HTML(string=html, base_url=str(path.parent) + "/").write_pdf(str(path))
    return path


def build_report(data: dict, *, out_dir: Path, formats=("docx", "xlsx", "pdf")
                 ) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{data['plan'].key}-{data['year']}-assessment"
    charts = build_charts(data, out_dir) if {"docx", "pdf"} & set(formats) else {}
    out = {}
    if "docx" in formats:
        out["docx"] = build_docx(data, out_dir / f"{stem}.docx", charts)
    if "xlsx" in formats:
        out["xlsx"] = build_xlsx(data, out_dir / f"{stem}.xlsx")
    if "pdf" in formats:
        out["pdf"] = build_pdf(data, out_dir / f"{stem}.pdf", charts)
    return out


def docx_text(path: Path) -> str:
    """All text of a .docx, paragraphs and tables (for checks and tests)."""
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)
