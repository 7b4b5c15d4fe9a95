"""Text messages go out through a pluggable sender (settings.XIEZUO_SMS_SENDER, a dotted path).

The default, `FileBatchSender`, sends nothing itself: it writes the batch as the file a county's
SMS platform takes for a bulk send (批量发送), and the platform's delivery report comes back
through `xiezuo import_sms_report` (labour.outreach.imports). The file (docs/labour.md, "SMS
batch file") is an .xlsx with one sheet 短信批次 and the header in row 1:

    手机号 | 内容 | 批次号 | 序号

one row per message, 手机号 as 11-digit text (so Excel keeps it whole), 序号 from 1. It holds
full phone numbers: it is kept under DATA_DIR/sms/ (not a served folder), and its download is
for roles that may see full numbers, each download audited.

`RecordingSender` is the test double: it records what it was given and writes nothing. A real
gateway (an HTTP API of a county platform) is another class with the same `send`.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_SENDER = "xiezuo.labour.outreach.sms.FileBatchSender"
HEADER = ("手机号", "内容", "批次号", "序号")
SHEET = "短信批次"


@dataclass(frozen=True)
class Message:
    seq: int  # 序号, from 1 within the batch
    phone: str  # 11 digits, in clear only on the way to the sender
    content: str


@dataclass(frozen=True)
class Sent:
    """What a sender did with a batch: the file it left (relative to DATA_DIR), if any."""

    file: str = ""


class SmsSender(Protocol):
    def send(self, *, batch_number: str, messages: list[Message]) -> Sent: ...


def sender_path() -> str:
    return getattr(settings, "XIEZUO_SMS_SENDER", "") or DEFAULT_SENDER


def get_sender() -> SmsSender:
    return import_string(sender_path())()


class FileBatchSender:
    """Writes the batch as the county SMS platform's bulk-send .xlsx (see the module doc)."""

    folder = "sms"

    def send(self, *, batch_number: str, messages: list[Message]) -> Sent:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        from xiezuo.tabular.safe import safe_cell

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(SHEET)
        for col, width in zip("ABCD", (16, 70, 22, 8), strict=True):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
        head = []
        for h in HEADER:
            c = WriteOnlyCell(ws, value=h)
            c.font = Font(bold=True)
            head.append(c)
        ws.append(head)
        for m in messages:
            phone = WriteOnlyCell(ws, value=m.phone)
            phone.number_format = "@"  # text: Excel must not turn it into 1.38E+10
            ws.append([phone, safe_cell(m.content, sheet=ws), batch_number, m.seq])
        rel = Path(self.folder) / f"{datetime.date.today():%Y}" / f"{batch_number}.xlsx"
        target = Path(settings.DATA_DIR) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        wb.save(target)
        return Sent(file=str(rel))


class RecordingSender:
    """The test double: records every batch given to it (class-wide, cleared by `reset`)."""

    sent: list[tuple[str, list[Message]]] = []

    def send(self, *, batch_number: str, messages: list[Message]) -> Sent:
        RecordingSender.sent.append((batch_number, list(messages)))
        return Sent()

    @classmethod
    def reset(cls) -> None:
        cls.sent = []
