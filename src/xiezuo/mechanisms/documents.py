"""The Word documents ch.8 asks for, drafted from the records in government layout (GB/T 9704
in spirit): the minutes of a joint meeting (会议纪要) and a seconded cadre's yearly report to
the home organisation department (ch.8.6).

A4, title in 小标宋, headings in 黑体, body in 仿宋 三号 at fixed 28 pt lines, page numbers
"— N —" in the footer. The Chinese office fonts are named on w:eastAsia (the CJK mapping
Word and WPS use for Chinese text), with their Noto alternates in the font table so a machine
without them still shows a serif or sans face (as plan/report.py does for the annual report;
the plan sits above this part, so the few helpers are repeated here rather than imported).
"""

import datetime
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONTS = {
    "title": ("方正小标宋简体", "Noto Serif CJK SC"),
    "heading": ("黑体", "Noto Sans CJK SC"),
    "body": ("仿宋_GB2312", "Noto Serif CJK SC"),
    "kai": ("楷体_GB2312", "Noto Serif CJK SC"),
}
RED = RGBColor(0xC0, 0x00, 0x00)
CN_DIGITS = "一二三四五六七八九十"


def cn_number(i: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三."""
    if i <= 10:
        return CN_DIGITS[i - 1]
    tens, ones = divmod(i, 10)
    return (CN_DIGITS[tens - 1] if tens > 1 else "") + "十" + (CN_DIGITS[ones - 1] if ones else "")


def cn_date(d: datetime.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _font(target, role: str, size: float, bold: bool = False) -> None:
    f = target.font
    f.name = "Times New Roman"
    f.size = Pt(size)
    f.bold = bold
    el = target.element if hasattr(target, "element") else target._element
    el.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONTS[role][0])


def _font_table_alternates(doc) -> None:
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for name, alt in FONTS.values():
                font = etree.SubElement(root, f"{{{ns}}}font")
                font.set(f"{{{ns}}}name", name)
                etree.SubElement(font, f"{{{ns}}}altName").set(f"{{{ns}}}val", alt)
                etree.SubElement(font, f"{{{ns}}}charset").set(f"{{{ns}}}val", "86")
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)


def _page_field(paragraph) -> None:
    def run_with(el):
        r = paragraph.add_run()
        r._r.append(el)
        _font(r, "body", 14)

    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run_with(el)
        elif text == "1":
            _font(paragraph.add_run("1"), "body", 14)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run_with(el)


def _border(paragraph, edge: str, *, color: str = "000000", size: int = 8) -> None:
    """A rule above or below a paragraph (the red line under the 红头, the 抄送 lines)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    el = OxmlElement(f"w:{edge}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), "1")
    el.set(qn("w:color"), color)
    borders.append(el)


class GovDoc:
    """A document in the government layout, with the few kinds of paragraph the drafts use."""

    def __init__(self, title: str):
        self.doc = doc = Document()
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
        for level in (1, 2):
            style = doc.styles[f"Heading {level}"]
            _font(style, "heading" if level == 1 else "kai", 16)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.first_line_indent = Pt(32)
            style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            style.paragraph_format.line_spacing = Pt(28)
        foot = sec.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(foot.add_run("— "), "body", 14)
        _page_field(foot)
        _font(foot.add_run(" —"), "body", 14)
        doc.core_properties.title = title

    def para(self, text: str = "", *, role: str = "body", size: float = 16, bold: bool = False,
             align=None, indent: bool = True, color=None):
        p = self.doc.add_paragraph()
        if align is not None:
            p.alignment = align
        elif indent:
            p.paragraph_format.first_line_indent = Pt(32)
        r = p.add_run(text)
        _font(r, role, size, bold)
        if color is not None:
            r.font.color.rgb = color
        return p

    def labelled(self, label: str, text: str):
        """A line "会议时间：…" with the label in 黑体."""
        p = self.doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(label), "heading", 16)
        _font(p.add_run(text), "body", 16)
        return p

    def heading(self, text: str, level: int = 1):
        p = self.doc.add_paragraph(style=f"Heading {level}")
        _font(p.add_run(text), "heading" if level == 1 else "kai", 16)
        return p

    def red_head(self, issuer: str, number: str):
        """The 红头: the issuer in red 小标宋, the number, a red rule."""
        self.para(issuer, role="title", size=26 if len(issuer) <= 14 else 20, align=WD_ALIGN_PARAGRAPH.CENTER,
                  color=RED).paragraph_format.line_spacing = Pt(40)
        self.para("", indent=False)
        p = self.para(number, align=WD_ALIGN_PARAGRAPH.CENTER)
        _border(p, "bottom", color="C00000", size=18)
        self.para("", indent=False)

    def title(self, text: str):
        p = self.para(text, role="title", size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.line_spacing = Pt(36)
        self.para("", indent=False)
        return p

    def table(self, headers: list[str], rows: list[list[str]], widths_cm: list[float]):
        t = self.doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for cell, h in zip(t.rows[0].cells, headers, strict=True):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing = Pt(18)
            _font(p.add_run(h), "heading", 12)
        for row in rows:
            for cell, text in zip(t.add_row().cells, row, strict=True):
                p = cell.paragraphs[0]
                p.paragraph_format.line_spacing = Pt(18)
                _font(p.add_run(str(text)), "body", 12)
        # the grid's widths (LibreOffice reads these) and each cell's (Word reads those)
        for col, w in zip(t.columns, widths_cm, strict=True):
            col.width = Cm(w)
        for row in t.rows:
            for cell, w in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(w)
        # repeat the header on each page the table runs onto
        tr_pr = t.rows[0]._tr.get_or_add_trPr()
        head = OxmlElement("w:tblHeader")
        head.set(qn("w:val"), "true")
        tr_pr.append(head)
        return t

    def copy_to(self, text: str, issuer: str, date: datetime.date | None):
        """The 抄送 line and the printing line at the foot of the document, between rules."""
        self.para("", indent=False)
        p = self.doc.add_paragraph()
        p.paragraph_format.left_indent = Pt(14)
        _font(p.add_run("抄送："), "body", 14)
        _font(p.add_run(text + "。"), "body", 14)
        _border(p, "top")
        _border(p, "bottom", size=4)
        q = self.doc.add_paragraph()
        q.paragraph_format.left_indent = Pt(14)
        _font(q.add_run(issuer), "body", 14)
        _font(q.add_run(f"　　{cn_date(date)}印发"), "body", 14)
        _border(q, "bottom")

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def minutes_docx(meeting, decisions, *, issuer: str) -> bytes:
    """The minutes (会议纪要) of `meeting`, drafted from its record and its decisions."""
    doc = GovDoc(f"{meeting.title}纪要")
    doc.red_head(issuer, meeting.minutes_no or f"（{meeting.date.year}年第  期）")
    doc.title(f"{meeting.title}纪要")
    attendees = meeting.attendee_list
    opening = f"{cn_date(meeting.date)}，{meeting.title}在{meeting.place}召开"
    opening += f"，会议由{meeting.chair}主持" if meeting.chair else ""
    doc.para(opening + "。现将会议议定事项纪要如下。")
    doc.labelled("会议时间：", cn_date(meeting.date))
    doc.labelled("会议地点：", meeting.place)
    doc.labelled("主　　持：", meeting.chair or "—")
    doc.labelled("出　　席：", "、".join(attendees) if attendees else "—")
    n = 0
    if meeting.agenda_list:
        n += 1
        doc.heading(f"{cn_number(n)}、会议议程")
        for i, item in enumerate(meeting.agenda_list, 1):
            doc.para(f"{i}．{item}")
    if meeting.summary.strip():
        n += 1
        doc.heading(f"{cn_number(n)}、会议主要内容")
        for line in [t for t in meeting.summary.splitlines() if t.strip()]:
            doc.para(line.strip())
    n += 1
    doc.heading(f"{cn_number(n)}、议定事项")
    if decisions:
        for d in decisions:
            owner = d.owner_unit + (f"（{d.owner_person}）" if d.owner_person else "")
            due = f"，{cn_date(d.due)}前完成" if d.due else ""
            doc.para(f"（{cn_number(d.number)}）{d.text}由{owner}负责{due}。")
        doc.para("议定事项分工见下表。")
        doc.table(["序号", "议定事项", "责任单位", "责任人", "完成时限"],
                  [[str(d.number), d.text, d.owner_unit, d.owner_person or "—",
                    cn_date(d.due) or "—"] for d in decisions],
                  [1.2, 6.6, 3.2, 2.0, 2.6])
    else:
        doc.para("本次会议无议定事项。")
    doc.para("", indent=False)
    doc.para(issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.para(cn_date(meeting.date), align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.copy_to(meeting.copy_to or "仓山区、临洮县东西部扶贫协作领导小组各成员单位",
                issuer, meeting.date)
    return doc.save()


def organisation_department(area_name: str) -> str:
    """The home organisation department a report goes to: 中共临洮县委组织部."""
    return f"中共{area_name}委组织部"


def secondment_report_docx(secondment, summary, *, home_area: str, host_area: str,
                           today: datetime.date) -> bytes:
    """A seconded cadre's work in `summary.year`, reported to the home organisation department
    by the host side's leading group office (ch.8.6)."""
    s = secondment
    issuer = f"{host_area}东西部扶贫协作领导小组办公室"
    title = f"关于{s.person_name}同志{summary.year}年度挂职工作情况的报告"
    doc = GovDoc(title)
    doc.title(title)
    doc.para(f"{organisation_department(home_area)}：", indent=False)
    doc.para(f"{s.person_name}同志由{s.home_unit}选派，于{cn_date(s.start)}起在{s.host_unit}挂职"
             f"{s.host_post}，挂职期至{cn_date(s.end)}。现将其{summary.year}年度挂职工作情况"
             "报告如下。")
    doc.heading("一、基本情况")
    doc.table(["项目", "内容"], [
        ["姓名", s.person_name], ["职级", s.get_level_display()],
        ["派出单位及职务", f"{s.home_unit}{s.home_post}"],
        ["挂职单位及职务", f"{s.host_unit}{s.host_post}"],
        ["挂职期间", f"{cn_date(s.start)}至{cn_date(s.end)}"],
        ["批次", f"第{cn_number(s.batch)}批（{s.get_direction_display()}）"],
    ], [4.0, 11.6])
    doc.heading(f"二、{summary.year}年度工作情况")
    for line in [t for t in summary.text.splitlines() if t.strip()] or ["—"]:
        doc.para(line.strip())
    doc.heading("三、考核意见")
    doc.para(f"经考核，{s.person_name}同志{summary.year}年度考核等次为"
             f"{summary.assessment or '（待定）'}。")
    doc.para("特此报告。")
    doc.para("", indent=False)
    doc.para(issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.para(cn_date(today), align=WD_ALIGN_PARAGRAPH.RIGHT)
    return doc.save()
