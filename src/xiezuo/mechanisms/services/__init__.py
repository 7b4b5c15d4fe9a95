"""Writes to the mechanisms part (ch.8), by topic. Keyword-only, typed, one transaction each,
each writing its audit event; checked by the one guard, edits through the versioned update.

- `groups`: leading groups, the working group and their members;
- `meetings`: joint meetings, their decisions and the decisions' follow-up;
- `secondments`: seconded cadres and their yearly work summaries;
- `cases`: model cases.
"""

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.mechanisms.services.cases import case_create, case_update
from xiezuo.mechanisms.services.groups import group_create, group_update, member_add, member_update
from xiezuo.mechanisms.services.meetings import (
    decision_add,
    decision_follow_up,
    decision_update,
    meeting_create,
    meeting_update,
)
from xiezuo.mechanisms.services.secondments import (
    secondment_create,
    secondment_update,
    summary_save,
)

__all__ = ["StaleEditError", "case_create", "case_update", "decision_add", "decision_follow_up",
           "decision_update", "group_create", "group_update", "meeting_create", "meeting_update",
           "member_add", "member_update", "secondment_create", "secondment_update",
           "summary_save"]
