"""Who may do what in the plan app. Plain data, asked through `accounts.roles.has`.

Reading the dashboard needs only a signed-in user: every number is computed from what the user's
area scope shows. Aggregate entries are entered by county admins and eastern officers and
approved by a *different* user holding either role — so a Lintao entry can be confirmed by the
Cangshan side and vice versa (the four-eyes rule of the annual cross-check).
"""

from xiezuo.accounts.choices import Role

ENTERS_AGGREGATES = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER})
APPROVES_AGGREGATES = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER})
# The partner side and both leadership groups comment on the year's self-assessment.
COMMENTS_ASSESSMENT = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER, Role.LEADERSHIP})
# County-wide readers may produce the (draft) report; township clerks see only their township.
PRODUCES_REPORT = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER, Role.LEADERSHIP,
                             Role.AUDITOR})
FINALISES_REPORT = frozenset({Role.COUNTY_ADMIN})
