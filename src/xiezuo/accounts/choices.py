from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", _("县级管理员")
    TOWNSHIP_CLERK = "township_clerk", _("乡镇业务员")
    CASE_WORKER = "case_worker", _("劳务协作专员")
    FUND_OFFICER = "fund_officer", _("资金管理员")
    EAST_OFFICER = "east_officer", _("东部协作专员")
    LEADERSHIP = "leadership", _("领导小组（只读）")
    AUDITOR = "auditor", _("审计员（只读）")
    #: a city's East–West cooperation office (定西市 or 福州市): every pair of its city, read-only
    CITY_OFFICE = "city_office", _("市级协作办（只读）")


class AuditAction(models.TextChoices):
    CREATE = "create", _("新建")
    UPDATE = "update", _("修改")
    PASSWORD = "password", _("设置密码")
    DELETE = "delete", _("删除")
    VIEW_ID = "view_id", _("查看完整证件号码")
    IMPORT = "import", _("导入")
    EXPORT = "export", _("导出")
    LOGIN = "login", _("登录")
    LOGOUT = "logout", _("退出")
    LOGIN_FAILED = "login_failed", _("登录失败")
    APPROVE = "approve", _("审批")
    POST = "post", _("记账")
