"""Category values of the labour part (plan ch.4 and box 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from xiezuo.orgs.choices import Sector as _Sector


class OpeningStatus(models.TextChoices):
    OPEN = "open", _("招聘中")
    FILLED = "filled", _("已招满")
    CLOSED = "closed", _("已关闭")


class Housing(models.TextChoices):
    NONE = "none", _("不提供")
    DORMITORY = "dormitory", _("提供宿舍")
    ALLOWANCE = "allowance", _("住房补贴")


# An employer's line of business is the register's (orgs.choices.Sector, decision 0004).
Sector = _Sector


class PlacementStatus(models.TextChoices):
    """Referred → interviewed → hired → left; a referral may also end without a hire."""

    REFERRED = "referred", _("已推荐")
    INTERVIEWED = "interviewed", _("已面试")
    HIRED = "hired", _("在岗")
    LEFT = "left", _("已离职")
    NOT_HIRED = "not_hired", _("未录用")


#: placements that hold a person: they are not offered to matching again until these end
ACTIVE_PLACEMENT = (PlacementStatus.REFERRED, PlacementStatus.INTERVIEWED, PlacementStatus.HIRED)


class LeaveReason(models.TextChoices):
    WAGES = "wages", _("工资待遇")
    FAMILY = "family", _("家庭原因")
    HEALTH = "health", _("健康原因")
    UNPAID = "unpaid", _("拖欠工资")
    DISPUTE = "dispute", _("劳动纠纷")
    CONTRACT_END = "contract_end", _("合同期满")
    DISMISSED = "dismissed", _("被辞退")
    HOMESICK = "homesick", _("不适应当地生活")
    OTHER = "other", _("其他")


class Problem(models.TextChoices):
    UNPAID_WAGES = "unpaid_wages", _("拖欠工资")
    DISPUTE = "dispute", _("劳动纠纷")
    INJURY = "injury", _("工伤")
    HOUSING = "housing", _("住房困难")
    CHILDREN_SCHOOL = "school", _("子女入学")
    HEALTH = "health", _("身体健康")
    OTHER = "other", _("其他")


#: follow-ups fall due this many months after the hire date (plan ch.4.5, 定期回访)
FOLLOW_UP_MONTHS = (1, 3, 6, 12)


class CaseKind(models.TextChoices):
    CONSULTATION = "consultation", _("咨询求助")
    WAGES = "wages", _("讨薪维权")
    DISPUTE = "dispute", _("劳动纠纷调解")
    JOB_CHANGE = "job_change", _("转岗再就业")
    LIVING = "living", _("生活困难")
    SETTLEMENT = "settlement", _("落户咨询")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    CLOSED = "closed", _("已办结")


class FairKind(models.TextChoices):
    """Box 3: after the Spring Festival for workers, in August for graduates."""

    SPRING = "spring", _("春季劳务输转招聘会")
    GRADUATES = "graduates", _("高校毕业生专场招聘会")
    OTHER = "other", _("其他招聘活动")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("待处理")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("已拒绝")
    REFERRED = "referred", _("已转企业")


class Unmatched(models.TextChoices):
    NO_ELIGIBLE = "no_eligible_opening", _("没有符合条件的岗位")
    OUTCOMPETED = "outcompeted", _("岗位被优先者占满")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("计算中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ImportKind(models.TextChoices):
    SURVEY = "survey", _("劳动力调查")
    OPENINGS = "openings", _("岗位信息")
    SMS_REPORT = "sms_report", _("短信送达回执")
    TRAINEES = "trainees", _("培训学员")
