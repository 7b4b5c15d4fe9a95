"""Who reads and who edits the funds part, and its pages' access table (core.access)."""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import READ_ONLY

#: fund officers and county admins post allocations, projects and disbursements
EDITS_FUNDS = frozenset({Role.COUNTY_ADMIN, Role.FUND_OFFICER})
# Leadership and auditors read; township clerks see their township's projects; eastern
# officers follow the money they gave. Case workers: 403.
READS_FUNDS = EDITS_FUNDS | READ_ONLY | frozenset({Role.TOWNSHIP_CLERK, Role.EAST_OFFICER})

ACCESS = {
    "funds:supervision": READS_FUNDS,
    "funds:project_list": READS_FUNDS,
    "funds:project_create": EDITS_FUNDS,
    "funds:project_detail": READS_FUNDS,
    "funds:project_edit": EDITS_FUNDS,
    "funds:disbursement_create": EDITS_FUNDS,
    "funds:project_beneficiaries": EDITS_FUNDS,
    "funds:disbursement_reverse": EDITS_FUNDS,
    # the list reads; posting a new allocation on the same page needs EDITS_FUNDS
    "funds:allocation_list": {"GET": READS_FUNDS, "POST": EDITS_FUNDS},
    "funds:allocation_reverse": EDITS_FUNDS,
    "funds:ledger_list": READS_FUNDS,
    "funds:ledger_verify": READS_FUNDS,
    "funds:export": READS_FUNDS,
    "funds:import": EDITS_FUNDS,
    "funds:import_result": EDITS_FUNDS,
    "funds:import_confirm": EDITS_FUNDS,
    "funds:import_template": EDITS_FUNDS,
    "funds:import_report": EDITS_FUNDS,
}

#: the funds records that carry evidence files (xiezuo.evidence) and who attaches them: a
#: project's contracts, an allocation's fund-arrival voucher, a disbursement's invoice
EVIDENCE = {
    "funds.project": EDITS_FUNDS,
    "funds.allocation": EDITS_FUNDS,
    "funds.disbursement": EDITS_FUNDS,
}
