"""The category values of the mechanisms part (ch.8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    EAST = "east", _("东部（仓山）")
    WEST = "west", _("西部（临洮）")


class GroupKind(models.TextChoices):
    LEADING = "leading", _("领导小组")
    #: the working group the eastern side keeps in the western county with its seconded cadres
    WORKING = "working", _("工作组")


class Post(models.TextChoices):
    LEADER = "leader", _("组长")
    EXEC_DEPUTY = "exec_deputy", _("常务副组长")
    DEPUTY = "deputy", _("副组长")
    MEMBER = "member", _("成员")
    OFFICE_DIRECTOR = "office_director", _("办公室主任")
    OFFICE = "office", _("办公室")


#: the order members are listed in (a group's list, the minutes' 出席 line)
POST_ORDER = {p: i for i, p in enumerate(Post.values)}


class MeetingKind(models.TextChoices):
    JOINT = "joint", _("联席会议")
    VISIT = "visit", _("互访")
    HIGH_LEVEL = "high_level", _("高层对接")


class DecisionStatus(models.TextChoices):
    TODO = "todo", _("待办")
    DOING = "doing", _("进行中")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已撤销")


#: a decision in one of these is still owed: past its due date it is overdue
OPEN_DECISION = (DecisionStatus.TODO, DecisionStatus.DOING)


class Direction(models.TextChoices):
    EAST_TO_WEST = "east_to_west", _("东部到西部（仓山→临洮）")
    WEST_TO_EAST = "west_to_east", _("西部到东部（临洮→仓山）")


class Level(models.TextChoices):
    DEPUTY_DIVISION = "deputy_division", _("副处级")
    SECTION = "section", _("科级")
    OTHER = "other", _("其他")
