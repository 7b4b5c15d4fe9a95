"""Writes about money, by topic. Keyword-only, one transaction each, an audit event and ledger
entries; checked by the one guard (`base.require_editor`: accounts.guard with EDITS_FUNDS).

Lock order, always: the year's pools (FundYear, by county then year), then the projects (by id),
then the ledger head. Every writer takes its locks in this order, so two writers never wait on
each other in a circle, and two disbursements posted at the same moment are checked one after
the other against the same, current totals. On SQLite the IMMEDIATE transactions of the settings
serialise writers anyway.

- `ledger`: `ledger_append` (the bulk, hash-chained append), `verify_ledger`;
- `allocations`: `allocation_record`, `allocation_reverse`;
- `projects`: `project_create`, `projects_create_many`, `project_update` (versioned),
  `project_set_beneficiaries`, `project_check` over `ProjectData`;
- `disbursements`: `disbursement_post`, `disbursements_post_many`, `disbursement_reverse`,
  `disbursement_check` over `DisbursementData`;
- `base`: `FundsRuleError`, the guard, `lock_pools` / `lock_projects` (the lock order), the
  area a project's entries are booked under.

Callers import from here (`xiezuo.funds.services`); the modules are the code's layout.
"""

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.funds.services.allocations import allocation_record, allocation_reverse
from xiezuo.funds.services.base import FundsRuleError, lock_pools, lock_projects
from xiezuo.funds.services.disbursements import (
    DisbursementData,
    disbursement_check,
    disbursement_post,
    disbursement_reverse,
    disbursements_post_many,
)
from xiezuo.funds.services.ledger import LEDGER_BATCH, Draft, ledger_append, verify_ledger
from xiezuo.funds.services.projects import (
    PROJECT_FIELDS,
    ProjectData,
    project_check,
    project_create,
    project_set_beneficiaries,
    project_update,
    projects_create_many,
)

__all__ = ["LEDGER_BATCH", "PROJECT_FIELDS", "DisbursementData", "Draft", "FundsRuleError",
           "ProjectData", "StaleEditError", "allocation_record", "allocation_reverse",
           "disbursement_check", "disbursement_post", "disbursement_reverse",
           "disbursements_post_many", "ledger_append", "lock_pools", "lock_projects",
           "project_check", "project_create", "project_set_beneficiaries", "project_update",
           "projects_create_many", "verify_ledger"]
