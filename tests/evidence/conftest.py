"""The evidence tests' set-up: files of each type as bytes, and a project, an allocation and a
disbursement (tests/conftest.py's funds_build and funds_pay) to attach them to."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from xiezuo.tabular.guard import OLE2_MAGIC

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x01" * 200
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x02" * 200
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOC = OLE2_MAGIC + b"\x00" * 500 + "WordDocument".encode("utf-16-le") + b"\x00" * 100
XLS = OLE2_MAGIC + b"\x00" * 500 + "Workbook".encode("utf-16-le") + b"\x00" * 100
TEXT = "拨付资金到位说明\n".encode()


def docx_bytes() -> bytes:
    from docx import Document

    d = Document()
    d.add_paragraph("协议书")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx_file_bytes() -> bytes:
    from openpyxl import Workbook

    buf = io.BytesIO()
    Workbook().save(buf)
    return buf.getvalue()


@pytest.fixture
def upload():
    """upload(name, content) -> an uploaded file as Django hands it to a view."""
    def make(name: str, content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content)
    return make


@pytest.fixture
def files():
    return {"png": PNG, "jpeg": JPEG, "pdf": PDF, "doc": DOC, "xls": XLS, "text": TEXT,
            "docx": docx_bytes(), "xlsx": xlsx_file_bytes()}


@pytest.fixture
def funded(areas, users, funds_build, funds_pay):
    """{officer, p1 (a Taoyang project), p2 (a Xindian project), allocation, d1 (p1's payment)}."""
    built = funds_build(areas, users)
    built["d1"] = funds_pay(built["p1"], "1000.00", actor=built["officer"])
    return built
