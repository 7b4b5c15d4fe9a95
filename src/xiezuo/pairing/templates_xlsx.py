"""The donation-ledger template a clerk downloads: the import's columns and one example row."""

import io

from django.http import FileResponse

from xiezuo.pairing.imports import DONATION_COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "社会捐赠台账导入模板"
HEADERS = ["捐赠日期", "捐赠单位", "捐赠单位信用代码", "捐赠人", "捐赠方类别", "形式", "金额或折价（元）",
           "物资", "用途", "收据编号", "受赠乡镇", "受赠村", "受赠学校", "受赠项目", "受助贫困户", "备注"]
EXAMPLE = ["2019-09-01", "", "", "王某某", "侨胞", "资金", 20000, "", "捐资助学", "SJ-2019-001",
           "洮阳镇", "", "", "", "", "捐赠单位（已登记）或捐赠人填一项；受助贫困户填户编号，用顿号分隔"]
TEXT_COLUMNS = ("捐赠单位信用代码", "收据编号", "受助贫困户")  # digits kept as typed


def template_workbook() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    assert set(HEADERS) <= {c.header for c in DONATION_COLUMNS}
    wb = Workbook()
    ws = wb.active
    ws.title = TITLE[:31]
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(EXAMPLE)
    for i, h in enumerate(HEADERS, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(h) * 2 + 4)
        if h in TEXT_COLUMNS:
            for row in ws.iter_rows(min_row=2, max_row=500, min_col=i, max_col=i):
                row[0].number_format = "@"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_response() -> FileResponse:
    return FileResponse(io.BytesIO(template_workbook()), as_attachment=True,
                        filename=f"{TITLE}.xlsx", content_type=XLSX)
