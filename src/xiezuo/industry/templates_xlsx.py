"""The import templates a clerk downloads: the columns of each import and one example row."""

import io

from django.http import FileResponse

from xiezuo.industry.choices import ImportKind
from xiezuo.industry.imports import LINKAGE_COLUMNS, SALE_COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: the columns a template shows (one spelling each) and an example row
TEMPLATES = {
    ImportKind.LINKAGES: (
        "利益联结导入模板",
        ["户编号", "证件号码", "项目编号", "项目名称", "联结方式", "年度", "户年收益（元）", "备注"],
        ["6211240010010001", "", "LT-2018-001", "", "入股分红", 2019, 1200, "户编号或证件号码填一项"],
    ),
    ImportKind.SALES: (
        "消费扶贫销售台账导入模板",
        ["销售日期", "产品", "产地乡镇", "供货主体", "供货主体信用代码", "采购单位", "采购单位信用代码",
         "采购方类别", "销售渠道", "数量", "单位", "金额（元）", "带动贫困户", "备注"],
        ["2019-06-18", "马铃薯", "洮阳镇", "临洮县某马铃薯专业合作社", "", "仓山区某机关食堂", "",
         "机关食堂", "机关食堂·工会采购", 500, "公斤", 1500, "6211240010010001、6211240010010002",
         ""],
    ),
}


def _known_headers() -> set[str]:
    return {c.header for c in (*LINKAGE_COLUMNS, *SALE_COLUMNS)}


def template_workbook(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    title, headers, example = TEMPLATES[ImportKind(kind)]
    assert set(headers) <= _known_headers()
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(example)
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(h) * 2 + 4)
        # numbers typed as text keep their digits (household and ID numbers, credit codes)
        if h in ("户编号", "证件号码", "带动贫困户", "供货主体信用代码", "采购单位信用代码"):
            for row in ws.iter_rows(min_row=2, max_row=200, min_col=i, max_col=i):
                row[0].number_format = "@"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_response(kind: str) -> FileResponse:
    title = TEMPLATES[ImportKind(kind)][0]
    return FileResponse(io.BytesIO(template_workbook(kind)), as_attachment=True,
                        filename=f"{title}.xlsx", content_type=XLSX)
