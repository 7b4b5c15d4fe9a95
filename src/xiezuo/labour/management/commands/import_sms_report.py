from xiezuo.labour.outreach.imports import sms_report_import
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import an SMS platform's delivery report (批次号, 序号, 手机号, 状态, 送达时间, 失败原因) "
            "for batches sent by Xiezuo: each message's household reach becomes delivered or "
            "failed. Exit 0 when processed, 2 when the file is refused, 3 when --strict refused "
            "rejected rows.")

    def run(self, o):
        return sms_report_import(path=o["file"], dry_run=o["dry_run"], strict=o["strict"],
                                 report_path=o["report"])
