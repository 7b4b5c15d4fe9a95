from pathlib import Path

from django.core.management.base import BaseCommand

from xiezuo.core.backup import BackupError, backup_create

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = ("备份：数据库的一致副本（SQLite 在线备份或 pg_dump）与数据目录中保存的文件，附 SHA-256 "
            "清单；不含密钥文件。Back up the database and the kept files, with a manifest.")

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True,
                            help="a new or empty folder outside XIEZUO_DATA_DIR")

    def handle(self, *args, **o):
        try:
            m = backup_create(out=Path(o["out"]))
        except BackupError as e:
            self.stderr.write(f"备份未完成：{e}")
            raise SystemExit(EXIT_REFUSED) from None
        total = m["database"]["size"] + sum(f["size"] for f in m["files"])
        ledger = m.get("ledger") or {}
        counts = m["counts"]
        self.stdout.write(self.style.SUCCESS(f"备份完成：{Path(o['out']).resolve()}"))
        self.stdout.write(f"  数据库：{m['engine']}，{m['database']['size']:,} 字节")
        self.stdout.write(f"  数据目录文件：{len(m['files'])} 个；合计 {total:,} 字节")
        self.stdout.write(
            f"  记录：用户 {counts.get('accounts.user', 0):,}，户 "
            f"{counts.get('registry.household', 0):,}，人 {counts.get('registry.person', 0):,}，"
            f"审计事件 {counts.get('accounts.auditevent', 0):,}")
        if ledger:
            self.stdout.write(f"  资金台账：{ledger['entries']:,} 条，链头 #{ledger['head_seq']} "
                              f"{ledger['head_hash']}")
        self.stdout.write("  密钥不在备份中：XIEZUO_FIELD_KEY（身份证号加密密钥）与 "
                          "XIEZUO_SECRET_KEY 须另行保管，恢复时单独提供。")
