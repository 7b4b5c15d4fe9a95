from pathlib import Path

from django.core.management.base import BaseCommand

from xiezuo.core.backup import BackupError, backup_restore

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = ("恢复：先校验备份清单（SHA-256），只写入空数据库与空数据目录，恢复后校验资金台账与记录数。"
            "Restore a backup into an empty database and data directory, then check it.")

    def add_arguments(self, parser):
        parser.add_argument("source", help="the folder `xiezuo backup --out` wrote")

    def handle(self, *args, **o):
        try:
            report = backup_restore(source=Path(o["source"]))
        except BackupError as e:
            self.stderr.write(f"恢复被拒绝：{e}")
            raise SystemExit(EXIT_REFUSED) from None
        for line in report.lines:
            self.stdout.write(f"  {line}")
        if not report.ok:
            self.stderr.write("恢复后的校验未通过：数据与备份清单不一致（见上），请勿启用此数据库。")
            raise SystemExit(EXIT_REFUSED)
        self.stdout.write(self.style.SUCCESS(
            "恢复完成，校验通过。请提供原来的 XIEZUO_FIELD_KEY 后启动 xiezuo serve。"))
