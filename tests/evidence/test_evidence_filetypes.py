"""The type of an evidence file comes from its content; the name must agree (no database)."""

import io

import pytest
from django.test import override_settings

from xiezuo.evidence import filetypes
from xiezuo.tabular.errors import FileRefused


@pytest.mark.parametrize("key,name,mime", [
    ("pdf", "合同.pdf", "application/pdf"),
    ("png", "现场照片.png", "image/png"),
    ("jpeg", "现场照片.JPG", "image/jpeg"),
    ("jpeg", "photo.jpeg", "image/jpeg"),
    ("docx", "协议.docx", filetypes.DOCX.mime),
    ("docx", "协议.wps", filetypes.DOCX.mime),
    ("xlsx", "名单.xlsx", filetypes.XLSX.mime),
    ("doc", "纪要.doc", "application/msword"),
    ("doc", "纪要.wps", "application/msword"),
    ("xls", "名单.xls", "application/vnd.ms-excel"),
    ("xls", "名单.et", "application/vnd.ms-excel"),
])
def test_each_accepted_type_is_found_from_its_content(files, key, name, mime):
    data = files[key]
    assert filetypes.check(io.BytesIO(data), name=name, size=len(data)).mime == mime


def test_a_png_named_pdf_is_refused_naming_what_it_is(files):
    with pytest.raises(FileRefused, match="PNG"):
        filetypes.check(io.BytesIO(files["png"]), name="合同.pdf", size=len(files["png"]))


def test_the_same_png_named_png_is_accepted_as_a_photo(files):
    found = filetypes.check(io.BytesIO(files["png"]), name="合同.png", size=len(files["png"]),
                            image_only=True)
    assert found is filetypes.PNG


def test_a_photo_must_be_an_image(files):
    with pytest.raises(FileRefused, match="照片"):
        filetypes.check(io.BytesIO(files["pdf"]), name="照片.pdf", size=len(files["pdf"]),
                        image_only=True)


def test_a_docx_named_xlsx_is_refused(files):
    with pytest.raises(FileRefused, match="Word"):
        filetypes.check(io.BytesIO(files["docx"]), name="名单.xlsx", size=len(files["docx"]))


def test_plain_text_is_refused_unless_allowed(files):
    data = files["text"]
    with pytest.raises(FileRefused, match="纯文本"):
        filetypes.check(io.BytesIO(data), name="说明.txt", size=len(data))
    with override_settings(EVIDENCE_ALLOW_TEXT=True):
        assert filetypes.check(io.BytesIO(data), name="说明.txt", size=len(data)).mime \
            == "text/plain"


@pytest.mark.parametrize("data,what", [
    (b"MZ\x90\x00" + b"\x00" * 100, "可执行程序"),
    (b"GIF89a" + b"\x00" * 100, "GIF"),
    (b"PK\x03\x04" + b"\x00" * 100, "压缩包"),
    (b"\x00\x01\x02" * 50, "无法识别"),
])
def test_other_content_is_refused_and_named(data, what):
    with pytest.raises(FileRefused, match=what):
        filetypes.check(io.BytesIO(data), name="合同.pdf", size=len(data))


def test_an_empty_file_is_refused():
    with pytest.raises(FileRefused, match="空"):
        filetypes.check(io.BytesIO(b""), name="合同.pdf", size=0)


def test_the_size_limit_comes_from_the_settings(files):
    data = files["pdf"]
    with override_settings(EVIDENCE_MAX_BYTES=len(data) - 1):
        with pytest.raises(FileRefused, match="超过上限"):
            filetypes.check(io.BytesIO(data), name="合同.pdf", size=len(data))
    with override_settings(EVIDENCE_MAX_BYTES=len(data)):
        assert filetypes.check(io.BytesIO(data), name="合同.pdf", size=len(data))


def test_the_default_limit_is_20_mb():
    assert filetypes.MAX_BYTES == 20 * 1024 * 1024
