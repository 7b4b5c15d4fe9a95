"""The columns of each ch.8 list's Excel export (tabular.listexport), the same rows the page
lists through the same selector and filters."""

from django.utils.translation import gettext_lazy as _

from xiezuo.tabular.listexport import XCol

GROUP_COLUMNS = [
    XCol(_("名称"), "name", width=36), XCol(_("类别"), "get_kind_display"),
    XCol(_("协作方"), "get_side_display"), XCol(_("成立日期"), "established", kind="date"),
    XCol(_("成立文号"), "document_no", width=22), XCol(_("驻地"), "place"),
    XCol(_("撤销日期"), "dissolved", kind="date"), XCol(_("成员人次"), "n_members", kind="int"),
]
MEMBER_COLUMNS = [
    XCol(_("姓名"), "person_name"), XCol(_("小组职务"), "get_post_display"),
    XCol(_("代表单位"), "unit", width=24), XCol(_("本单位职务"), "title", width=24),
    XCol(_("任职起始"), "start", kind="date"), XCol(_("任职截止"), "end", kind="date"),
    XCol(_("备注"), "note"),
]
MEETING_COLUMNS = [
    XCol(_("会议日期"), "date", kind="date"), XCol(_("类别"), "get_kind_display"),
    XCol(_("会议名称"), "title", width=36), XCol(_("举办地"), "get_venue_side_display"),
    XCol(_("会议地点"), "place", width=24), XCol(_("主持人"), "chair"),
    XCol(_("纪要编号"), "minutes_no"), XCol(_("议定事项数"), "n_decisions", kind="int"),
    XCol(_("举办地提示"), "venue_warning", width=30),
]
DECISION_COLUMNS = [
    XCol(_("会议日期"), "meeting.date", kind="date"), XCol(_("会议"), "meeting.title", width=30),
    XCol(_("序号"), "number", kind="int"), XCol(_("议定事项"), "text", width=50),
    XCol(_("责任单位"), "owner_unit", width=22), XCol(_("责任人"), "owner_person"),
    XCol(_("完成时限"), "due", kind="date"), XCol(_("办理状态"), "get_status_display"),
    XCol(_("状态日期"), "status_on", kind="date"),
    XCol(_("是否逾期"), lambda d: "逾期" if d.is_overdue() else ""),
]
SECONDMENT_COLUMNS = [
    XCol(_("挂职方向"), "get_direction_display", width=22), XCol(_("批次"), "batch", kind="int"),
    XCol(_("姓名"), "person_name"), XCol(_("职级"), "get_level_display"),
    XCol(_("派出单位"), "home_unit", width=22), XCol(_("原任职务"), "home_post", width=18),
    XCol(_("挂职单位"), "host_unit", width=22), XCol(_("挂职职务"), "host_post", width=18),
    XCol(_("挂职起始"), "start", kind="date"), XCol(_("挂职截止"), "end", kind="date"),
    XCol(_("年度工作总结（份）"), "n_summaries", kind="int"),
]
CASE_COLUMNS = [
    XCol(_("年度"), "year", kind="int"), XCol(_("标题"), "title", width=36),
    XCol(_("地点"), "place"), XCol(_("刊发媒体"), "media", width=22),
    XCol(_("刊发日期"), "published_on", kind="date"), XCol(_("案例内容"), "text", width=60),
]
