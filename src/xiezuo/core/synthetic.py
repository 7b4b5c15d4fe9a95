"""The synthetic-demo frame: a fixed seed, then each part's `demo.build(ctx)` in app order.

Never real personal data: names come from Faker's zh_CN locale, ID numbers are generated with
valid check characters, and every synthetic area is labelled as such.
"""

import random
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

from faker import Faker

from xiezuo.core.discovery import app_modules

DEMO_PASSWORD = "Demo-user-2017"
# The demo's authenticator secret (base32, as an app takes it) for the accounts whose role must
# log in with two factors (accounts.twofactor): printed with the log-ins, never for real use.
DEMO_TOTP_SECRET = "XIEZUODEMOTOTPKEYLINTAOCANGSHAN2"
DEFAULT_SEED = 20170626  # the day the plan was signed


@dataclass
class DemoContext:
    seed: int
    stdout: TextIO
    rng: random.Random = field(init=False)
    faker: Faker = field(init=False)
    #: what one step leaves for the next (e.g. the villages it made)
    shared: dict[str, Any] = field(default_factory=dict)
    #: log-ins to print at the end: (username, role label, scope)
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(self.seed)

    def sub_rng(self, name: str) -> random.Random:
        """An independent stream per part, so adding rows to one part leaves the others as they were."""
        return random.Random(f"{self.seed}:{name}")

    def log(self, message: str) -> None:
        self.stdout.write(message + "\n")


def build(*, seed: int, stdout: TextIO) -> DemoContext:
    ctx = DemoContext(seed=seed, stdout=stdout)
    for module in app_modules("demo"):
        started = time.perf_counter()
        module.build(ctx)
        ctx.log(f"  {module.__name__}: {time.perf_counter() - started:.1f} s")
    return ctx
