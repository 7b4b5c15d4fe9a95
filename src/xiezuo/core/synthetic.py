"""The synthetic-demo frame: a fixed seed, then each part's `demo.build(ctx)` in app order.

Never real personal data: names come from Faker's zh_CN locale, ID numbers are generated with
valid check characters, and every synthetic area is labelled as such.
"""

import datetime
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO, TypeVar

from faker import Faker

from xiezuo.core.discovery import app_modules

if TYPE_CHECKING:  # the shell never imports a part at run time; these only name the types
    from xiezuo.accounts.models import User
    from xiezuo.regions.models import Area

DEMO_PASSWORD = "Demo-user-2017"
# The demo's authenticator secret (base32, as an app takes it) for the accounts whose role must
# log in with two factors (accounts.twofactor): printed with the log-ins, never for real use.
DEMO_TOTP_SECRET = "XIEZUODEMOTOTPKEYLINTAOCANGSHAN2"
DEFAULT_SEED = 20170626  # the day the plan was signed

T = TypeVar("T")


@dataclass
class DemoContext:
    """What the builders share, in INSTALLED_APPS order. Each field says which builder fills
    it; a later builder reads it (and falls back to the database when run on its own)."""

    seed: int
    stdout: TextIO
    rng: random.Random = field(init=False)
    faker: Faker = field(init=False)
    #: the western county of the default partnership (regions)
    county: "Area | None" = None
    #: its townships, by code (regions)
    townships: "list[Area]" = field(default_factory=list)
    #: one demo account per role, by username (accounts)
    users: "dict[str, User]" = field(default_factory=dict)
    #: how many registered households the registry built (registry)
    households: int = 0
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


# --- small helpers every builder draws with -------------------------------------------------------

def pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    """One value of (value, weight) pairs, drawn by weight."""
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def day_in(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    """A day from `start` to `end`, both included, each equally likely."""
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def build(*, seed: int, stdout: TextIO) -> DemoContext:
    ctx = DemoContext(seed=seed, stdout=stdout)
    for module in app_modules("demo"):
        started = time.perf_counter()
        module.build(ctx)
        ctx.log(f"  {module.__name__}: {time.perf_counter() - started:.1f} s")
    return ctx
