from django.core.management.base import BaseCommand

from xiezuo.core.keptfiles import MAX_AGE_HOURS, cleanup


class Command(BaseCommand):
    help = ("清理过期的保存文件（待预览的上传、交给后台任务的上传副本、花名册导出文件，超过一天），"
            "并把数据目录的权限收紧为 0600/0700。`xiezuo serve` 启动时和每小时自动运行。")

    def add_arguments(self, parser):
        parser.add_argument("--max-age-hours", type=float, default=MAX_AGE_HOURS)

    def handle(self, *args, **o):
        result = cleanup(max_age_hours=o["max_age_hours"])
        for name in result.removed:
            self.stdout.write(f"  已删除 {name}")
        self.stdout.write(f"清理完成：删除 {len(result.removed)} 项过期文件，"
                          f"收紧 {result.tightened} 项权限。")
