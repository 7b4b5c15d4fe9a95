"""What an evidence file is, from its content and never from its name.

Scanned contracts and vouchers come as PDF or photos (JPEG, PNG), typed ones as Word or Excel
files (OOXML .docx/.xlsx, the older OLE2 .doc/.xls, and WPS Office's .wps/.et, which are OLE2
files with the same streams). The first bytes give the family (the magic numbers of
`xiezuo.tabular.guard`); an OOXML zip is told apart by the parts its central directory names,
an OLE2 file by the stream names in its directory (UTF-16 names, found in the file's bytes).
The name's suffix must agree with the content: a PNG called 合同.pdf is refused, so what is
downloaded is what its name says. Plain text is refused unless the setting
EVIDENCE_ALLOW_TEXT is on (a text file is no evidence of a signature or a stamp).

Written here rather than with python-magic: libmagic is a system library the deployment would
need, and these few types are told apart by a handful of bytes. Pure functions; no database.
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.guard import MIB, OLE2_MAGIC, ZIP_MAGIC

#: the default upper limit of one evidence file (setting EVIDENCE_MAX_BYTES)
MAX_BYTES = 20 * MIB


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    mime: str
    suffixes: tuple[str, ...]
    image: bool = False


PDF = FileType("pdf", gettext_lazy("PDF 文件"), "application/pdf", (".pdf",))
JPEG = FileType("jpeg", gettext_lazy("JPEG 图片"), "image/jpeg", (".jpg", ".jpeg"), image=True)
PNG = FileType("png", gettext_lazy("PNG 图片"), "image/png", (".png",), image=True)
DOCX = FileType("docx", gettext_lazy("Word 文档（.docx）"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                (".docx", ".wps"))
XLSX = FileType("xlsx", gettext_lazy("Excel 工作簿（.xlsx）"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                (".xlsx", ".et"))
DOC = FileType("doc", gettext_lazy("Word 97-2003 文档（.doc）"), "application/msword",
               (".doc", ".wps"))
XLS = FileType("xls", gettext_lazy("Excel 97-2003 工作簿（.xls）"), "application/vnd.ms-excel",
               (".xls", ".et"))
TEXT = FileType("text", gettext_lazy("纯文本"), "text/plain", (".txt",))
TYPES = (PDF, JPEG, PNG, DOCX, XLSX, DOC, XLS, TEXT)

#: what other content is, only to say so when refusing it
_OTHER = {b"GIF8": "GIF", b"BM": "BMP", b"Rar!": "RAR", b"\x1f\x8b": "gzip",
          b"7z\xbc\xaf": "7z", b"MZ": _("可执行程序"), b"<!DOCTYPE": "HTML", b"<html": "HTML"}


def max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", MAX_BYTES)


def text_allowed() -> bool:
    return bool(getattr(settings, "EVIDENCE_ALLOW_TEXT", False))


def _zip_type(f) -> FileType | None:
    try:
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        f.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _ole2_type(f) -> FileType | None:
    # The directory's stream names are UTF-16LE; the limit on the file's size bounds this read.
    data = f.read()
    f.seek(0)
    if "WordDocument".encode("utf-16-le") in data:
        return DOC
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return XLS
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as e:
            if e.start > len(head) - 4:  # a character cut at the end of the sample
                return True
    return False


def detect(f) -> FileType | None:
    """The type of the binary file object `f` (at its start, left there), or None."""
    head = f.read(8192)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(ZIP_MAGIC):
        return _zip_type(f)
    if head.startswith(OLE2_MAGIC):
        return _ole2_type(f)
    if head and not any(head.startswith(m) for m in _OTHER) and _is_text(head):
        return TEXT
    return None


def _what(f) -> str:
    head = f.read(16)
    f.seek(0)
    for magic, label in _OTHER.items():
        if head.startswith(magic):
            return str(label)
    if head.startswith(ZIP_MAGIC):
        return _("压缩包")
    if head.startswith(OLE2_MAGIC):
        return _("其他 Office 文件")
    return _("无法识别的格式")


def check(f, *, name: str, size: int, image_only: bool = False,
          allow_text: bool | None = None) -> FileType:
    """The checked type of an evidence file `f` named `name` of `size` bytes: FileRefused says
    why not (too large, empty, an unknown type, a name that disagrees with the content).
    `allow_text` overrides the EVIDENCE_ALLOW_TEXT setting for one caller."""
    limit = max_bytes()
    if size > limit:
        raise FileRefused(_("文件 %(f)s 有 %(n).1f MB，超过上限 %(max)d MB")
                          % {"f": name, "n": size / MIB, "max": limit // MIB})
    if size == 0:
        raise FileRefused(_("文件 %(f)s 是空的") % {"f": name})
    found = detect(f)
    if found is None or (found is TEXT and not (
            text_allowed() if allow_text is None else allow_text)):
        raise FileRefused(
            _("文件 %(f)s 的内容是%(what)s；请上传 PDF、JPEG/PNG 图片、Word 或 Excel（含 WPS）文件")
            % {"f": name, "what": found.label if found else _what(f)})
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in found.suffixes:
        raise FileRefused(_("文件 %(f)s 的内容是%(what)s，与扩展名“%(suffix)s”不符")
                          % {"f": name, "what": found.label, "suffix": suffix or _("无")})
    if image_only and not found.image:
        raise FileRefused(_("照片必须是 JPEG 或 PNG 图片，文件 %(f)s 是%(what)s")
                          % {"f": name, "what": found.label})
    return found
