from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem
from xiezuo.talent.access import EDITS_TALENT, READS_TALENT

ITEMS = [
    NavItem(5, _("培训班"), "talent:class_list", READS_TALENT, order=10),
    NavItem(5, _("培训学员"), "talent:trainee_list", READS_TALENT, order=20),
    NavItem(5, _("参训记录（人次）"), "talent:attendance_list", READS_TALENT, order=25),
    NavItem(5, _("疑似同一人"), "talent:merge_list", READS_TALENT, order=30),
    NavItem(5, _("医院对口协作"), "talent:pairing_list", READS_TALENT, order=40),
    NavItem(5, _("医院协作活动"), "talent:activity_list", READS_TALENT, order=45),
    NavItem(5, _("专家人才需求"), "talent:request_list", READS_TALENT, order=50),
    NavItem(5, _("定向招生"), "talent:enrolment_list", READS_TALENT, order=60),
    NavItem(5, _("人才支援任务完成情况"), "talent:figures", READS_TALENT, order=80),
    NavItem(5, _("导入学员名单"), "talent:import_upload", EDITS_TALENT, order=90),
]
