from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem
from xiezuo.labour.access import EDITS_LABOUR, READS_LABOUR

ITEMS = [
    NavItem(4, _("贫困劳动力信息库"), "labour:seeker_list", READS_LABOUR, order=10),
    NavItem(4, _("用工单位"), "labour:employer_list", READS_LABOUR, order=20),
    NavItem(4, _("招聘岗位"), "labour:opening_list", READS_LABOUR, order=25),
    NavItem(4, _("人岗匹配"), "labour:run_list", READS_LABOUR, order=30),
    NavItem(4, _("就业记录"), "labour:placement_list", READS_LABOUR, order=40),
    NavItem(4, _("跟踪回访"), "labour:follow_up_list", READS_LABOUR, order=45),
    NavItem(4, _("劳务工作站"), "labour:workstation_list", READS_LABOUR, order=50),
    NavItem(4, _("招聘会"), "labour:job_fair_list", READS_LABOUR, order=55),
    NavItem(4, _("定向招聘"), "labour:recruitment_list", READS_LABOUR, order=60),
    NavItem(4, _("高校毕业生就业"), "labour:graduate_list", READS_LABOUR, order=70),
    NavItem(4, _("职业院校学生实习"), "labour:intern_list", READS_LABOUR, order=75),
    NavItem(4, _("政策宣传"), "labour:campaign_list", READS_LABOUR, order=76),
    NavItem(4, _("职业技能培训"), "labour:course_list", READS_LABOUR, order=77),
    NavItem(4, _("两后生名单"), "labour:youth_list", READS_LABOUR, order=78),
    NavItem(4, _("劳务协作任务完成情况"), "labour:figures", READS_LABOUR, order=80),
    NavItem(4, _("导入调查或岗位"), "labour:import_upload", EDITS_LABOUR, order=90),
]
