"""What an imported file must be before any reader touches it: the defences against hostile
files (docs/security.md, "入侵防范"). Every import reads through `xiezuo.tabular.read`, which
calls `check_file` first; the upload form calls it on the upload.

- size: at most MAX_FILE_BYTES, from the file system, before a byte is read;
- type from the content: .xlsx/.xlsm a zip holding the OOXML parts, .xls an OLE2 compound file,
  .csv/.txt text (no NUL bytes, not a zip, OLE2 or image);
- a compressed sheet (zip bomb): the zip's central directory is read (declared sizes, ratio)
  without inflating anything; then each worksheet and the shared strings are inflated by zlib
  here, in blocks, counting the bytes actually produced, stopping at the limit (a member whose
  declared size lies is caught there, not by the reader);
- the used range: while inflating, the cell references (r="XFD1048576") give the sheet's rows and
  columns; a range over MAX_CELLS (or more than MAX_ROWS rows, or MAX_COLUMNS columns) is refused
  before calamine allocates it (a 1.6 KB file asking for 512 GiB aborted the process).

Written here rather than taken from a library: none checks an OOXML file's used range without
building it. Pure functions over files; no database.
"""

import re
import struct
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from xiezuo.tabular.errors import FileRefused

MIB = 1 << 20
MAX_FILE_BYTES = 50 * MIB  # a 57,000-person roster .xlsx is about 5 MB
MAX_UNCOMPRESSED_BYTES = 400 * MIB  # all the parts of an .xlsx, inflated
MAX_RATIO = 250  # inflated / compressed, for a member over RATIO_FROM bytes
RATIO_FROM = 4 * MIB
MAX_ROWS = 300_000  # data rows of one sheet (a county's roster: 57,000 people)
MAX_COLUMNS = 1_000
MAX_CELLS = 8_000_000  # rows x columns of a sheet's used range, as the reader allocates it
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_ERRORS = 1_000  # rejected-row errors listed per file (the count is always whole)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_OTHER_MAGIC = {  # what a renamed file most often is, to say so
    b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"%PDF": "PDF",
    b"Rar!": "RAR", b"\x1f\x8b": "gzip", b"7z\xbc\xaf": "7z", b"BM": "BMP",
}
OOXML_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]{0,3})([0-9]{1,9})["']""")
_BLOCK = 1 * MIB
MAX_TAG_BYTES = 1 * MIB  # one XML tag of a sheet longer than this is not a spreadsheet's


def limit(name: str) -> int:
    """A limit, overridable in settings as IMPORT_<NAME> (tests and big counties)."""
    return getattr(settings, f"IMPORT_{name}", globals()[name])


def _name(path: Path, shown: str | None) -> str:
    return shown or path.name


def check_size(size: int, *, name: str) -> None:
    if size > limit("MAX_FILE_BYTES"):
        raise FileRefused(_("文件 %(f)s 有 %(n).1f MB，超过上限 %(max)d MB")
                          % {"f": name, "n": size / MIB, "max": limit("MAX_FILE_BYTES") // MIB})
    if size == 0:
        raise FileRefused(_("文件 %(f)s 是空的") % {"f": name})


def _what(head: bytes) -> str:
    for magic, kind in _OTHER_MAGIC.items():
        if head.startswith(magic):
            return kind
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "OLE2"
    return ""


def check_content(f, *, suffix: str, name: str) -> None:
    """The type from the content: `f` a binary file object at its start (left there)."""
    head = f.read(8192)
    f.seek(0)
    what = _what(head)
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(ZIP_MAGIC):
            raise FileRefused(_("文件 %(f)s 不是 Excel .xlsx 文件（内容是%(what)s）")
                              % {"f": name, "what": what or _("其他格式")})
        check_zip(f, name=name)
    elif suffix == ".xls":
        if not head.startswith(OLE2_MAGIC):
            raise FileRefused(_("文件 %(f)s 不是 Excel .xls 文件（内容是%(what)s）")
                              % {"f": name, "what": what or _("其他格式")})
    else:  # .csv, .txt
        if what or b"\x00" in head:
            raise FileRefused(_("文件 %(f)s 不是文本（CSV）文件（内容是%(what)s）")
                              % {"f": name, "what": what or _("二进制数据")})


def check_zip(f, *, name: str) -> list[zipfile.ZipInfo]:
    """The central directory only: the OOXML parts present, each member's declared size and
    ratio, and their total. Nothing is inflated here. Returns the members."""
    try:
        with zipfile.ZipFile(f) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise FileRefused(_("文件 %(f)s 不是有效的 .xlsx 文件：%(e)s") % {"f": name, "e": e}) from e
    finally:
        f.seek(0)
    names = {m.filename for m in members}
    missing = [p for p in OOXML_PARTS if p not in names]
    if missing:
        raise FileRefused(_("文件 %(f)s 不是 Excel .xlsx 文件：缺少 %(parts)s")
                          % {"f": name, "parts": "、".join(missing)})
    total = 0
    for m in members:
        total += m.file_size
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > RATIO_FROM and ratio > limit("MAX_RATIO"):
            raise FileRefused(_("文件 %(f)s 的 %(part)s 压缩比 %(r)d:1，解压后 %(n)d MB，疑为压缩炸弹")
                              % {"f": name, "part": m.filename, "r": ratio,
                                 "n": m.file_size // MIB})
    if total > limit("MAX_UNCOMPRESSED_BYTES"):
        raise FileRefused(_("文件 %(f)s 解压后有 %(n)d MB，超过上限 %(max)d MB")
                          % {"f": name, "n": total // MIB,
                             "max": limit("MAX_UNCOMPRESSED_BYTES") // MIB})
    return members


def column_number(letters: bytes) -> int:
    """A1-style column letters as a 1-based number: A 1, Z 26, AA 27, XFD 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


class _Range:
    """The used range a reader would build from a sheet's XML, bounded from above.

    The XML is scanned with numpy over whole blocks (a regular expression over a 90 MB sheet
    takes seconds): the positions of `<row`, `<c` and of each ` r="…"` reference; a reference's
    letters and digits give its column and row. A cell or row without a reference takes the next
    position, so the bound adds the most cells of any row (and the rows) that lack one. A sheet
    whose references are written in an unusual way (spaces around `=`) is scanned by a regular
    expression instead.
    """

    def __init__(self) -> None:
        self.max_row = self.max_col = 0
        self.row_tags = self.cell_tags = self.row_refs = self.cell_refs = 0
        self.most_cells_in_a_row = 0
        self.odd = False

    def feed(self, data: bytes) -> None:
        import numpy as np

        if not data:
            return
        n = len(data)
        a = np.frombuffer(data + b"\0" * 16, dtype=np.uint8)
        # Whole-array work kept to three comparisons; the rest looks at the candidates only.
        lt = np.flatnonzero(a == 60)  # "<"
        after, third = a[lt + 1], a[lt + 2]
        end3 = (third == 32) | (third == 62) | (third == 47) | (third == 9) | (third == 10) \
            | (third == 13)
        c_tag = lt[(after == 99) & end3]
        row_tag = lt[(after == 114) & (third == 111) & (a[lt + 3] == 119)]
        colon = np.flatnonzero(a == 58)  # a prefixed tag (x:c) counts as a cell
        nxt = a[colon + 2]
        self.cell_tags += len(c_tag) + int(((a[colon + 1] == 99) & (
            (nxt == 32) | (nxt == 9) | (nxt == 10) | (nxt == 13) | (nxt == 62))).sum())
        self.row_tags += len(row_tag)
        r_at = np.flatnonzero(a == 114)  # "r"
        r_at = r_at[r_at > 0]
        before, follow = a[r_at - 1], a[r_at + 1]
        attr = r_at[(before == 32) | (before == 9) | (before == 10) | (before == 13)]
        follow = a[attr + 1]
        quote = a[attr + 2]
        std = attr[(follow == 61) & ((quote == 34) | (quote == 39))]
        if np.any((follow == 32) | (follow == 9) | (follow == 10) | (follow == 13)
                  | ((follow == 61) & (quote != 34) & (quote != 39))):
            self.odd = True  # "r =" or r= without a quote next: the slow scan reads them
        if len(std):
            self._refs(a, std + 3)
        if len(c_tag):
            bounds = np.append(row_tag, n) if len(row_tag) else np.array([n])
            per_row = np.diff(np.concatenate(([0], np.searchsorted(c_tag, bounds))))
            self.most_cells_in_a_row = max(self.most_cells_in_a_row, int(per_row.max()))

    def _refs(self, a, start) -> None:
        """The largest row and column among the references starting at `start`, without
        converting each: the digits right-aligned over "0" compare as big-endian integers, and
        so do the letters right-aligned over NUL (A < Z < AA < XFD)."""
        import numpy as np

        n = len(start)
        w = a[start[:, None] + np.arange(13)]
        letter = ((w >= 65) & (w <= 90)) | ((w >= 97) & (w <= 122))
        lead = np.argmin(np.hstack([letter[:, :4], np.zeros((n, 1), bool)]), axis=1)
        quote = np.argmax((w == 34) | (w == 39), axis=1)
        digits = quote - lead
        if np.any((lead > 3) | (digits < 1) | (digits > 8)):
            self.max_row = max(self.max_row, 10 ** 9)  # not a reference a reader accepts
            return
        rows_i = np.arange(n)[:, None]
        pos = quote[:, None] - 8 + np.arange(8)
        d = np.where(pos >= lead[:, None], w[rows_i, np.clip(pos, 0, 12)], 48).astype(np.uint8)
        key = np.ascontiguousarray(d).view(">u8").ravel()
        self.max_row = max(self.max_row, int(bytes(d[np.argmax(key)])))
        has = lead > 0
        self.cell_refs += int(has.sum())
        self.row_refs += n - int(has.sum())
        if has.any():
            pos = lead[:, None] - 3 + np.arange(3)
            letters = np.where(pos >= 0, w[rows_i, np.clip(pos, 0, 12)] & 0xDF, 0)
            key = np.hstack([np.zeros((n, 1), np.uint8), letters.astype(np.uint8)])[has]
            best = key[np.argmax(np.ascontiguousarray(key).view(">u4").ravel())]
            self.max_col = max(self.max_col, column_number(bytes(best).lstrip(b"\0")))

    def feed_slowly(self, data: bytes) -> None:
        """The regular expression's scan, for a sheet written in an unusual way."""
        for letters, digits in _CELL_REF.findall(data):
            if letters:
                self.cell_refs += 1
                self.max_col = max(self.max_col, column_number(letters))
            else:
                self.row_refs += 1
            self.max_row = max(self.max_row, int(digits))

    def bounds(self) -> tuple[int, int]:
        """(rows, columns) the reader may allocate, at most."""
        rows = self.max_row + max(0, self.row_tags - self.row_refs)
        cols = self.max_col + (self.most_cells_in_a_row if self.cell_tags > self.cell_refs
                               else 0)
        return rows, cols


def _member_data(fh, m: zipfile.ZipInfo, *, name: str):
    """The member's inflated bytes in blocks, inflated here (not by zipfile, which trusts the
    declared size): stops with FileRefused past the declared size or the limit."""
    fh.seek(m.header_offset)
    header = fh.read(30)
    if len(header) < 30 or header[:4] != ZIP_MAGIC:
        raise FileRefused(_("文件 %(f)s 不是有效的 .xlsx 文件：%(part)s 已损坏")
                          % {"f": name, "part": m.filename})
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    fh.seek(m.header_offset + 30 + name_len + extra_len)
    if m.compress_type == zipfile.ZIP_STORED:
        inflate = None
    elif m.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    else:
        raise FileRefused(_("文件 %(f)s 的 %(part)s 使用了不支持的压缩方式")
                          % {"f": name, "part": m.filename})
    allowed = min(m.file_size, limit("MAX_UNCOMPRESSED_BYTES"))
    left, produced = m.compress_size, 0
    while left > 0:
        raw = fh.read(min(_BLOCK, left))
        if not raw:
            break
        left -= len(raw)
        while raw:
            out = inflate.decompress(raw, _BLOCK) if inflate else raw
            raw = inflate.unconsumed_tail if inflate else b""
            produced += len(out)
            if produced > allowed:
                raise FileRefused(
                    _("文件 %(f)s 的 %(part)s 解压后超过声明的大小或上限 %(max)d MB，疑为压缩炸弹")
                    % {"f": name, "part": m.filename,
                       "max": limit("MAX_UNCOMPRESSED_BYTES") // MIB})
            if out:
                yield out


def scan_xlsx(path: Path, *, name: str | None = None) -> dict[str, tuple[int, int]]:
    """Inflate each worksheet (bounded) and find its used range; refuse an absurd one.
    Returns {worksheet part: (rows, columns)}."""
    shown = _name(path, name)
    with path.open("rb") as fh:
        members = check_zip(fh, name=shown)
        found = {}
        for m in members:
            is_sheet = bool(_SHEET_PART.match(m.filename))
            if not is_sheet and m.filename.lower() != "xl/sharedstrings.xml":
                continue  # the reader reads these two kinds in bulk; the rest are small
            used = _Range()
            carry = b""
            for block in _member_data(fh, m, name=shown):
                if not is_sheet:
                    continue
                data = carry + block
                cut = data.rfind(b"<")  # whole tags only: a reference never straddles blocks
                data, carry = (data[:cut], data[cut:]) if cut > 0 else (b"", data)
                if len(carry) > MAX_TAG_BYTES:
                    raise FileRefused(_("文件 %(f)s 的 %(part)s 不是有效的工作表")
                                      % {"f": shown, "part": m.filename})
                used.feed(data)
            if not is_sheet:
                continue
            used.feed(carry)
            if used.odd:  # read it again, by the regular expression
                used = _Range()
                used.odd = True
                carry = b""
                for block in _member_data(fh, m, name=shown):
                    data = carry + block
                    cut = data.rfind(b"<")
                    data, carry = (data[:cut], data[cut:]) if cut > 0 else (b"", data)
                    used.feed_slowly(data)
                used.feed_slowly(carry)
                used.cell_tags = used.row_tags = 0  # counted by refs only: bound below
                used.most_cells_in_a_row = 0
            found[m.filename] = used.bounds()
            check_range(*found[m.filename], name=shown)
    return found


def check_range(rows: int, columns: int, *, name: str) -> None:
    """A sheet's used range as the reader would allocate it."""
    if rows > limit("MAX_ROWS") + 10:  # the title and header rows above the data
        raise FileRefused(_("文件 %(f)s 的工作表用到第 %(n)d 行，超过上限 %(max)d 行；请分成几个文件导入")
                          % {"f": name, "n": rows, "max": limit("MAX_ROWS")})
    if columns > limit("MAX_COLUMNS"):
        raise FileRefused(_("文件 %(f)s 的工作表用到第 %(n)d 列，超过上限 %(max)d 列")
                          % {"f": name, "n": columns, "max": limit("MAX_COLUMNS")})
    if rows * columns > limit("MAX_CELLS"):
        raise FileRefused(_("文件 %(f)s 的工作表范围为 %(r)d 行 × %(c)d 列，超过上限 %(max)d 个单元格")
                          % {"f": name, "r": rows, "c": columns, "max": limit("MAX_CELLS")})


def check_file(path: Path, *, suffix: str, name: str | None = None) -> None:
    """Everything before a reader opens `path`: size, type from the content, and for .xlsx the
    zip's declared and actual sizes and each sheet's used range. FileRefused says which."""
    shown = _name(path, name)
    check_size(path.stat().st_size, name=shown)
    with path.open("rb") as f:
        check_content(f, suffix=suffix, name=shown)
    if suffix in (".xlsx", ".xlsm"):
        scan_xlsx(path, name=shown)


def check_upload(upload, *, suffixes: tuple[str, ...]) -> None:
    """The upload form's checks on an uploaded file (Django's UploadedFile): suffix, size, type
    from the content and the zip's central directory (the used range is checked when the
    import reads the file). FileRefused says which."""
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise FileRefused(_("请上传 .xlsx、.xls 或 .csv 文件"))
    check_size(upload.size, name=name)
    upload.seek(0)
    check_content(upload, suffix=suffix, name=name)
    upload.seek(0)
