"""Hostile spreadsheets, built small and fast: the files tests/test_tabular_hostile.py proves
every import refuses, and bench/bench_hostile.py measures the refusal of (at full size).

A minimal .xlsx is five zip members; only the sheet's <sheetData> differs between the attacks,
so `xlsx()` takes it as text, bytes, or an iterable of byte chunks streamed into the archive (a
1 GB sheet never sits in memory).
"""

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="rels" ContentType="application/'
       'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
       '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
       'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
       '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
         '"xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
       'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
       'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"
ROW = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'  # one cell; compresses about 1000:1


def xlsx(path: Path, sheet_data: str | bytes | Iterable[bytes], *,
         sheet_first: bool = False) -> Path:
    """A minimal workbook whose one sheet's <sheetData> is `sheet_data`: text, bytes, or byte
    chunks streamed as they come. `sheet_first`: the sheet is the archive's first member (where
    `lying_bomb` patches its sizes)."""
    members = (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _WB),
               ("xl/_rels/workbook.xml.rels", _WB_RELS))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if isinstance(sheet_data, str | bytes):
            # one member written whole: its sizes stand in its local header (lying_bomb)
            data = sheet_data.encode() if isinstance(sheet_data, str) else sheet_data
            sheet = [(SHEET, SHEET_HEAD.encode() + data + SHEET_TAIL.encode())]
            for name, content in (sheet + list(members) if sheet_first
                                  else list(members) + sheet):
                z.writestr(name, content)
            return path
        for name, content in members:
            z.writestr(name, content)
        with z.open(SHEET, "w", force_zip64=True) as f:
            f.write(SHEET_HEAD.encode())
            for chunk in sheet_data:
                f.write(chunk)
            f.write(SHEET_TAIL.encode())
    return path


def inline_row(number: int, cells: Iterable[str]) -> bytes:
    """Row `number` with these texts in columns A, B, C, … (inline strings)."""
    return (f'<row r="{number}">' + "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for i, text in enumerate(cells)) + "</row>").encode()


def far_cell(path: Path) -> Path:
    """1.5 KB: A1 and XFD1048576, a used range of 17 billion cells (calamine: 512 GiB)."""
    return xlsx(path, '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
                      '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')


def zip_bomb(path: Path, megabytes: int = 40, *, stream: bool = False) -> Path:
    """A sheet of `megabytes` MB of one repeated row; `stream`: written 1 MB at a time (a
    sheet of a gigabyte), else whole."""
    block = ROW * ((1 << 20) // len(ROW))
    return xlsx(path, (block for _ in range(megabytes)) if stream else block * megabytes)


def lying_bomb(path: Path, megabytes: int = 8) -> Path:
    """A sheet that inflates to `megabytes` MB but whose zip says 1,000 bytes (the local and the
    central header patched): the central directory looks harmless, only inflating it tells."""
    xlsx(path, ROW * (megabytes * (1 << 20) // len(ROW)), sheet_first=True)
    data = bytearray(path.read_bytes())
    assert data[:4] == b"PK\x03\x04" and data[30:30 + len(SHEET)] == SHEET.encode()
    data[22:26] = struct.pack("<I", 1000)  # local header: uncompressed size
    central = data.index(b"PK\x01\x02")
    assert data[central + 46:central + 46 + len(SHEET)] == SHEET.encode()
    data[central + 24:central + 28] = struct.pack("<I", 1000)
    path.write_bytes(bytes(data))
    return path
