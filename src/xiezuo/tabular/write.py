"""Writing a spreadsheet: sheets of (title, header, rows) in openpyxl's write-only mode."""


def write_xlsx(path_or_buffer, sheets: list[tuple[str, list[str], list[list]]]) -> None:
    """Write sheets of (title, header, rows) with openpyxl's write-only mode (large exports)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path_or_buffer)
