"""One demo account per role (the password is printed by `xiezuo demo`). The accounts whose role
must log in with two factors (admin, anding, auditor) get an authenticator with the demo's known secret,
printed with the log-ins, so that a demo can be shown at once (docs/user-guide.md)."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from xiezuo.accounts.choices import Role
from xiezuo.accounts.services import user_create
from xiezuo.accounts.twofactor import second_factor_required
from xiezuo.core.synthetic import DEMO_PASSWORD, DEMO_TOTP_SECRET, DemoContext
from xiezuo.regions.models import Area
from xiezuo.regions.reference import DEFAULT_PARTNERSHIP, DINGXI, FUZHOU, TAOYANG, XINDIAN

# username, role, scope code, display name, organisation
ACCOUNTS = [
    ("admin", Role.COUNTY_ADMIN, DEFAULT_PARTNERSHIP["west"], "县管理员", "临洮县扶贫办"),
    ("clerk", Role.TOWNSHIP_CLERK, TAOYANG, "洮阳镇业务员", "洮阳镇人民政府"),
    ("clerk2", Role.TOWNSHIP_CLERK, XINDIAN, "辛店镇业务员", "辛店镇人民政府"),
    ("caseworker", Role.CASE_WORKER, DEFAULT_PARTNERSHIP["west"], "劳务专员", "临洮县人社局"),
    ("funds", Role.FUND_OFFICER, DEFAULT_PARTNERSHIP["west"], "资金管理员", "临洮县扶贫办"),
    ("east", Role.EAST_OFFICER, DEFAULT_PARTNERSHIP["east"], "仓山协作专员", "仓山区农林水利局"),
    ("leader", Role.LEADERSHIP, DEFAULT_PARTNERSHIP["west"], "领导小组", "临洮县东西部扶贫协作领导小组"),
    ("auditor", Role.AUDITOR, DEFAULT_PARTNERSHIP["west"], "审计员", "临洮县审计局"),
    # the two city offices, each following every pair of its city
    ("dingxi", Role.CITY_OFFICE, DINGXI, "定西市协作办", "定西市东西部扶贫协作领导小组办公室"),
    ("fuzhou", Role.CITY_OFFICE, FUZHOU, "福州市协作办", "福州市东西部扶贫协作领导小组办公室"),
    # the synthetic second pair's county administrator and eastern officer (regions.demo)
    ("anding", Role.COUNTY_ADMIN, "621102000000", "安定区管理员（合成）", "安定区扶贫办（合成）"),
    ("gulou", Role.EAST_OFFICER, "350102000000", "鼓楼协作专员（合成）", "鼓楼区协作办（合成）"),
]


def demo_totp_key() -> str:
    """DEMO_TOTP_SECRET as TOTPDevice.key holds it (hex)."""
    return base64.b32decode(DEMO_TOTP_SECRET + "=" * (-len(DEMO_TOTP_SECRET) % 8)).hex()


def build(ctx: DemoContext) -> None:
    areas = {a.code: a for a in Area.objects.filter(code__in={a[2] for a in ACCOUNTS})}
    for username, role, scope, display, org in ACCOUNTS:
        ctx.users[username] = user_create(actor=None, username=username, password=DEMO_PASSWORD,
                                      role=role, scope=areas[scope], display_name=display,
                                      organisation=org)
        ctx.logins.append((username, str(role.label), areas[scope].name))
        if second_factor_required(ctx.users[username]):
            TOTPDevice.objects.create(user=ctx.users[username], name="演示", confirmed=True,
                                      key=demo_totp_key())
