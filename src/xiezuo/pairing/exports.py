"""The Excel columns of every pairing list (tabular.listexport): what the page shows, typed."""

from django.utils.translation import gettext_lazy as _

from xiezuo.tabular.listexport import XCol


def _pairing_name(a) -> str:
    return str(a.pairing)


def _pairing_kind(a) -> str:
    return str(_("镇村结对") if a.town_pairing_id else _("村企结对"))


TOWN_PAIRINGS = (_("镇村结对"), [
    XCol(_("编号"), "pk", kind="int"),
    XCol(_("仓山区镇（街道）"), "east_town.name"),
    XCol(_("东部区划代码"), "east_town.code"),
    XCol(_("临洮县乡镇"), "west_township.name"),
    XCol(_("西部区划代码"), "west_township.code"),
    XCol(_("结对日期"), "started_on", kind="date"),
    XCol(_("结束日期"), "ended_on", kind="date"),
    XCol(_("协议编号"), "agreement_no"),
    XCol(_("协议签订日期"), "agreement_signed_on", kind="date"),
    XCol(_("帮扶活动"), "n_activities", kind="int"),
    XCol(_("备注"), "note"),
])

ENTERPRISE_PAIRINGS = (_("村企结对"), [
    XCol(_("编号"), "pk", kind="int"),
    XCol(_("企业"), "enterprise.name"),
    XCol(_("统一社会信用代码"), "enterprise.credit_code"),
    XCol(_("乡镇"), "village.parent.name"),
    XCol(_("结对村"), "village.name"),
    XCol(_("村区划代码"), "village.code"),
    XCol(_("深度贫困村"), "village.deep_poverty"),
    XCol(_("结对形式"), "form"),
    XCol(_("结对日期"), "started_on", kind="date"),
    XCol(_("结束日期"), "ended_on", kind="date"),
    XCol(_("协议编号"), "agreement_no"),
    XCol(_("帮扶活动"), "n_activities", kind="int"),
])

ACTIVITIES = (_("结对帮扶活动"), [
    XCol(_("日期"), "date", kind="date"),
    XCol(_("结对类别"), _pairing_kind),
    XCol(_("结对"), _pairing_name),
    XCol(_("类型"), "kind"),
    XCol(_("捐款（元）"), "money", kind="money"),
    XCol(_("捐赠物资"), "goods"),
    XCol(_("物资折价（元）"), "goods_value", kind="money"),
    XCol(_("启动项目数"), "projects_started", kind="int"),
    XCol(_("参加人数"), "participants", kind="int"),
    XCol(_("内容"), "description"),
])

DONATIONS = (_("社会捐赠"), [
    XCol(_("编号"), "pk", kind="int"),
    XCol(_("捐赠日期"), "date", kind="date"),
    XCol(_("捐赠方"), "donor_label"),
    XCol(_("捐赠方类别"), "donor_category"),
    XCol(_("形式"), "kind"),
    XCol(_("金额或折价（元）"), "amount", kind="money"),
    XCol(_("物资"), "goods"),
    XCol(_("用途"), "purpose"),
    XCol(_("收据编号"), "receipt_no"),
    XCol(_("受赠地区"), "area.name"),
    XCol(_("受赠地区代码"), "area.code"),
    XCol(_("受赠学校"), "school.name"),
    XCol(_("受赠项目"), "project"),
    XCol(_("受助贫困户数"), "n_households", kind="int"),
    XCol(_("转入资金拨入编号"), "funds_allocation_id", kind="int"),
])

VOLUNTEER_ORGS = (_("社会组织"), [
    XCol(_("名称"), "name"),
    XCol(_("统一社会信用代码"), "credit_code"),
    XCol(_("所在地区"), "area.name"),
    XCol(_("志愿者"), "n_volunteers", kind="int"),
    XCol(_("服务活动"), "n_services", kind="int"),
    XCol(_("服务时长（小时）"), "hours", kind="decimal"),
])

VOLUNTEERS = (_("志愿者"), [
    XCol(_("姓名"), "name"),
    XCol(_("身份"), "kind"),
    XCol(_("所属组织"), "organisation.name"),
    XCol(_("所在地区"), "area.name"),
    XCol(_("专长"), "skills"),
    XCol(_("登记日期"), "registered_on", kind="date"),
    XCol(_("参加服务活动"), "n_services", kind="int"),
])

SERVICES = (_("志愿服务活动"), [
    XCol(_("日期"), "date", kind="date"),
    XCol(_("活动名称"), "title"),
    XCol(_("社会组织"), "organisation.name"),
    XCol(_("服务地点"), "area.name"),
    XCol(_("服务时长（小时）"), "hours", kind="decimal"),
    XCol(_("服务人数"), "people_served", kind="int"),
    XCol(_("参加志愿者"), "n_volunteers", kind="int"),
    XCol(_("内容"), "description"),
])

COVERAGE = [
    XCol(_("类别"), "kind"),
    XCol(_("区划代码"), "code"),
    XCol(_("名称"), "name"),
    XCol(_("是否结对"), "paired"),
    XCol(_("结对数"), "n", kind="int"),
]
