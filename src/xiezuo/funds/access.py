"""Who may read the funds pages (the writers are accounts.roles.EDITS_FUNDS)."""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import EDITS_FUNDS, READ_ONLY

# Fund officers and county admins post; leadership and auditors read; township clerks see
# their township's projects; eastern officers follow the money they gave. Case workers: 403.
READS_FUNDS = EDITS_FUNDS | READ_ONLY | frozenset({Role.TOWNSHIP_CLERK, Role.EAST_OFFICER})
