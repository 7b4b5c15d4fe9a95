"""Writing a spreadsheet: sheets of (title, header, rows) in openpyxl's write-only mode."""


def write_xlsx(path_or_buffer, sheets: list[tuple[str, list[str], list[list]]]) -> None:
    """Write sheets of (title, header, rows) with openpyxl's write-only mode (large exports);
    no text cell is left for a spreadsheet to run as a formula (tabular.safe)."""
    from openpyxl import Workbook

    from xiezuo.tabular.safe import safe_row

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(safe_row(header, sheet=sheet))
        for row in rows:
            sheet.append([_typed(v, sheet) for v in safe_row(row, sheet=sheet)])
    workbook.save(path_or_buffer)


def _typed(value, sheet):
    """Money (Decimal) shown with 2 places and dates as dates: a number a clerk can sum."""
    import datetime
    from decimal import Decimal

    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "#,##0.00"
        return cell
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value
