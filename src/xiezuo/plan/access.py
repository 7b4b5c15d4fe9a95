"""Who may do what in the plan app. Plain data, asked through `accounts.roles.has`.

Reading the dashboard needs only a signed-in user: every number is computed from what the user's
area scope shows. Aggregate entries are entered by county admins and eastern officers and
approved by a *different* user holding either role — so a Lintao entry can be confirmed by the
Cangshan side and vice versa (the four-eyes rule of the annual cross-check).
"""

from xiezuo.accounts.choices import Role
from xiezuo.core.access import SIGNED_IN

ENTERS_AGGREGATES = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER})
APPROVES_AGGREGATES = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER})
# The partner side and both leadership groups comment on the year's self-assessment.
COMMENTS_ASSESSMENT = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER, Role.LEADERSHIP})
# County-wide readers may produce the (draft) report; township clerks see only their township.
PRODUCES_REPORT = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER, Role.LEADERSHIP,
                             Role.AUDITOR, Role.CITY_OFFICE})
FINALISES_REPORT = frozenset({Role.COUNTY_ADMIN})
# The year's assessment page and its final reports: those who produce or comment on it.
READS_ASSESSMENT = PRODUCES_REPORT | COMMENTS_ASSESSMENT

ACCESS = {
    "plan:dashboard": SIGNED_IN,
    # every pair the user works in, added up: a city office's several, a county user's one
    "plan:city": SIGNED_IN,
    "plan:target_detail": SIGNED_IN,
    "plan:entry_create": ENTERS_AGGREGATES,
    "plan:entry_list": SIGNED_IN,
    "plan:pending_list": APPROVES_AGGREGATES,
    "plan:entry_decide": APPROVES_AGGREGATES,
    "plan:evidence": SIGNED_IN,  # an entry outside the user's scope: 404
    "plan:assessment": READS_ASSESSMENT,
    "plan:comment_add": COMMENTS_ASSESSMENT,
    "plan:report_generate": PRODUCES_REPORT,
    "plan:report_finalise": FINALISES_REPORT,
    "plan:draft": SIGNED_IN,  # a draft is its maker's only (404 for others)
    "plan:draft_download": SIGNED_IN,
    "plan:report_download": READS_ASSESSMENT,
}
