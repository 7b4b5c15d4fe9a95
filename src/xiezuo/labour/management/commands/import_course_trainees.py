from django.core.management.base import CommandError

from xiezuo.labour.training.imports import trainees_import
from xiezuo.labour.training.models import Course
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import the trainees of one course (证件号码, 姓名, 状态 在训/已结业/已退训, 结业日期, "
            "证书编号, 发证日期, 备注); a completion puts the course's certificate into the labour "
            "profile. Exit 0 when processed, 2 when the file is refused, 3 when --strict refused "
            "rejected rows.")

    def add_import_arguments(self, parser) -> None:
        parser.add_argument("--course", type=int, required=True, help="the course's id")

    def run(self, o):
        try:
            course = Course.objects.get(pk=o["course"])
        except Course.DoesNotExist:
            raise CommandError(f"no course with id {o['course']}") from None
        return trainees_import(course=course, path=o["file"], dry_run=o["dry_run"],
                               strict=o["strict"], report_path=o["report"])
