"""What each labour list exports: the columns of its page, names beside codes, numbers and dates
typed (tabular.listexport). The views pass the same selector's rows with the same filters."""

from django.utils.translation import gettext_lazy as _

from xiezuo.tabular.listexport import XCol


def _lp(attr):
    def get(p):
        lp = getattr(p, "labour_profile", None)
        if lp is None:
            return None
        v = getattr(lp, attr)
        return v() if callable(v) else v
    return get


SEEKERS = (_("贫困劳动力"), [
    XCol(_("姓名"), "name"), XCol(_("证件号码（脱敏）"), "id_masked", width=20),
    XCol(_("乡镇"), "household.village.parent.name"), XCol(_("行政村代码"), "household.village.code"),
    XCol(_("行政村"), "household.village.name"), XCol(_("劳动能力"), "labour_capacity"),
    XCol(_("技能"), lambda p: "、".join(_lp("skill_list")(p) or [])),
    XCol(_("期望月薪（元）"), _lp("expected_wage"), kind="money"),
    XCol(_("愿意外出务工"), _lp("willing")),
])

OPENINGS = (_("岗位"), [
    XCol(_("用工单位"), "employer.name", width=30), XCol(_("岗位名称"), "title"),
    XCol(_("工作地点"), "area.name"), XCol(_("招聘人数"), "positions", kind="int"),
    XCol(_("已录用"), "taken", kind="int"), XCol(_("月薪（元）"), "wage", kind="money"),
    XCol(_("技能要求"), lambda o: "、".join(o.skill_list)),
    XCol(_("证书要求"), lambda o: "、".join(o.certificate_list)),
    XCol(_("最低年龄"), "min_age", kind="int"), XCol(_("最高年龄"), "max_age", kind="int"),
    XCol(_("住宿"), "housing"), XCol(_("状态"), "status"),
])

PLACEMENTS = (_("转移就业"), [
    XCol(_("姓名"), "person.name"), XCol(_("乡镇"), "person.household.village.parent.name"),
    XCol(_("行政村"), "person.household.village.name"),
    XCol(_("用工单位"), "employer.name", width=30), XCol(_("推荐日期"), "referred_on", kind="date"),
    XCol(_("上岗日期"), "hired_on", kind="date"), XCol(_("离职日期"), "left_on", kind="date"),
    XCol(_("月薪（元）"), "wage", kind="money"), XCol(_("状态"), "status"),
])

GRADUATES = (_("高校毕业生就业"), [
    XCol(_("姓名"), "name"), XCol(_("户籍地"), "home_area.name"),
    XCol(_("毕业院校"), "university"), XCol(_("专业"), "major"),
    XCol(_("毕业年份"), "graduation_year", kind="int"),
    XCol(_("就业单位"), lambda g: g.employer_name or (g.employer.name if g.employer else "")),
    XCol(_("就业地"), "work_area.name"), XCol(_("就业日期"), "employed_on", kind="date"),
])

JOB_FAIRS = (_("招聘会"), [
    XCol(_("名称"), "name", width=30), XCol(_("类别"), "kind"), XCol(_("日期"), "date", kind="date"),
    XCol(_("地点"), "place"), XCol(_("参会单位数"), "n_employers", kind="int"),
    XCol(_("提供岗位数"), "positions", kind="int"), XCol(_("参会人数"), "attendance", kind="int"),
    XCol(_("达成意向人数"), "offers", kind="int"), XCol(_("实际录用人数"), "hires", kind="int"),
])

EMPLOYERS = (_("用工单位"), [
    XCol(_("单位名称"), "name", width=30), XCol(_("统一社会信用代码"), "credit_code", width=22),
    XCol(_("所在地区"), "area.name"), XCol(_("行业"), "sector"),
    XCol(_("就业基地"), "employment_base"), XCol(_("岗位"), "n_openings", kind="int"),
    XCol(_("已录用"), "n_hired", kind="int"),
])

WORKSTATIONS = (_("劳务工作站"), [
    XCol(_("名称"), "name", width=24), XCol(_("所在地区"), "area.full_name", width=24),
    XCol(_("地址"), "address"), XCol(_("联系电话"), "phone"),
    XCol(_("设立日期"), "opened_on", kind="date"), XCol(_("撤销日期"), "closed_on", kind="date"),
    XCol(_("工作人员数"), "staff", kind="int"), XCol(_("案件"), "n_cases", kind="int"),
])

CASES = (_("劳务工作站受理案件"), [
    XCol(_("工作站"), "workstation.name", width=24),
    XCol(_("受理日期"), "opened_on", kind="date"), XCol(_("务工人员"), "person.name"),
    XCol(_("类别"), "kind"), XCol(_("诉求"), "summary", width=40),
    XCol(_("处理情况"), "action", width=40), XCol(_("状态"), "status"),
    XCol(_("办结日期"), "closed_on", kind="date"),
])

RECRUITMENTS = (_("定向招聘"), [
    XCol(_("用工单位"), "employer.name", width=30), XCol(_("乡镇"), "village.parent.name"),
    XCol(_("行政村代码"), "village.code"), XCol(_("行政村"), "village.name"),
    XCol(_("开始日期"), "started_on", kind="date"), XCol(_("结束日期"), "ended_on", kind="date"),
    XCol(_("计划招聘人数"), "planned", kind="int"), XCol(_("已录用人数"), "hired", kind="int"),
    XCol(_("备注"), "note"),
])

INTERNS = (_("职业院校学生实习"), [
    XCol(_("姓名"), "name"), XCol(_("户籍地"), "home_area.name"), XCol(_("职业院校"), "school"),
    XCol(_("专业"), "major"),
    XCol(_("实习单位"), lambda i: i.employer_name or (i.employer.name if i.employer else "")),
    XCol(_("实习地"), "work_area.name"), XCol(_("开始日期"), "started_on", kind="date"),
    XCol(_("结束日期"), "ended_on", kind="date"),
    XCol(_("月实习补贴（元）"), "allowance", kind="money"),
])

FOLLOW_UPS = (_("跟踪回访"), [
    XCol(_("应回访日期"), "due_on", kind="date"), XCol(_("姓名"), "placement.person.name"),
    XCol(_("乡镇"), "placement.person.household.village.parent.name"),
    XCol(_("行政村"), "placement.person.household.village.name"),
    XCol(_("用工单位"), "placement.employer.name", width=30),
    XCol(_("上岗后月数"), "months", kind="int"),
])
