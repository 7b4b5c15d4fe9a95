"""One demo account per role (the password is printed by `xiezuo demo`)."""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.services import user_create
from xiezuo.core.synthetic import DEMO_PASSWORD, DemoContext
from xiezuo.regions.models import Area
from xiezuo.regions.reference import DEFAULT_PARTNERSHIP

# username, role, scope code, display name, organisation
ACCOUNTS = [
    ("admin", Role.COUNTY_ADMIN, DEFAULT_PARTNERSHIP["west"], "县管理员", "临洮县扶贫办"),
    ("clerk", Role.TOWNSHIP_CLERK, "621124100000", "洮阳镇业务员", "洮阳镇人民政府"),
    ("clerk2", Role.TOWNSHIP_CLERK, "621124103000", "辛店镇业务员", "辛店镇人民政府"),
    ("caseworker", Role.CASE_WORKER, DEFAULT_PARTNERSHIP["west"], "劳务专员", "临洮县人社局"),
    ("funds", Role.FUND_OFFICER, DEFAULT_PARTNERSHIP["west"], "资金管理员", "临洮县扶贫办"),
    ("east", Role.EAST_OFFICER, DEFAULT_PARTNERSHIP["east"], "仓山协作专员", "仓山区农林水利局"),
    ("leader", Role.LEADERSHIP, DEFAULT_PARTNERSHIP["west"], "领导小组", "临洮县东西部扶贫协作领导小组"),
    ("auditor", Role.AUDITOR, DEFAULT_PARTNERSHIP["west"], "审计员", "临洮县审计局"),
]


def build(ctx: DemoContext) -> None:
    areas = {a.code: a for a in Area.objects.filter(code__in={a[2] for a in ACCOUNTS})}
    for username, role, scope, display, org in ACCOUNTS:
        ctx.users[username] = user_create(actor=None, username=username, password=DEMO_PASSWORD,
                                      role=role, scope=areas[scope], display_name=display,
                                      organisation=org)
        ctx.logins.append((username, str(role.label), areas[scope].name))
