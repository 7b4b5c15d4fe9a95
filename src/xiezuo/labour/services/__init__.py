"""Writes to the labour part, by topic. Keyword-only, typed, one transaction each, each writing
its audit event; checked by the one guard (accounts.guard), edits through the one versioned
update (accounts.versioned).

- `employers`: employers and openings;
- `placements`: placements and their lifecycle, follow-ups, matching proposals;
- `workstation`: the workstation and its cases, job fairs, targeted recruitment, graduates and
  interns;
- `profiles`: a person's labour-survey profile.

Callers import from here (`xiezuo.labour.services`); the modules are the code's layout.
"""

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.labour.services.base import LifecycleError
from xiezuo.labour.services.employers import (
    employer_create,
    employer_update,
    opening_create,
    opening_set_status,
    opening_update,
)
from xiezuo.labour.services.placements import (
    follow_up_record,
    placement_hire,
    placement_interview,
    placement_leave,
    placement_not_hired,
    placement_refer,
    proposal_accept,
    proposal_refer,
    proposal_reject,
)
from xiezuo.labour.services.profiles import profile_save, profile_update
from xiezuo.labour.services.workstation import (
    case_close,
    case_open,
    graduate_record,
    intern_record,
    job_fair_record,
    recruitment_record,
    workstation_create,
    workstation_update,
)

__all__ = ["LifecycleError", "StaleEditError", "case_close", "case_open", "employer_create",
           "employer_update", "follow_up_record", "graduate_record", "intern_record",
           "job_fair_record", "opening_create", "opening_set_status", "opening_update",
           "placement_hire", "placement_interview", "placement_leave", "placement_not_hired",
           "placement_refer", "profile_save", "profile_update", "proposal_accept",
           "proposal_refer", "proposal_reject", "recruitment_record", "workstation_create",
           "workstation_update"]
