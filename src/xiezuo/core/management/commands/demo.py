import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from xiezuo.core import synthetic as demo
from xiezuo.core.models import DemoBuild


class Command(BaseCommand):
    help = "init, then build the synthetic Lintao demo and one account per role, then serve."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="build the data, do not serve")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED)
        parser.add_argument("--rebuild", action="store_true",
                            help="drop the demo data of an earlier run and build it again")
        parser.add_argument("--yes-wipe", action="store_true",
                            help="with --rebuild: also when users or records were added after "
                                 "the demo was built (they are deleted)")
        parser.add_argument("--scale", type=int, default=0, metavar="N",
                            help="also build N synthetic counties of 57,004 registered people "
                                 "each, for measuring at scale (176 ≈ 10 million; PostgreSQL)")

    def handle(self, *args, **options):
        started = time.perf_counter()
        call_command("init", verbosity=0)
        existing = DemoBuild.objects.first()
        if existing and not options["rebuild"]:
            if existing.seed != options["seed"]:
                raise CommandError(f"This database holds the demo of seed {existing.seed}; "
                                   "use --rebuild to replace it, or another XIEZUO_DATA_DIR.")
            self.stdout.write(f"Demo data already built (seed {existing.seed}); keeping it.")
            logins = existing.logins
        else:
            if existing:
                added = _added_since(existing)
                if added and not options["yes_wipe"]:
                    raise CommandError(
                        "演示数据建成之后，这个数据库又有了新的数据，--rebuild 会把它们全部删除："
                        + "；".join(added) + "。确实要删除，请加 --yes-wipe；否则请换一个 "
                        "XIEZUO_DATA_DIR 或 DATABASE_URL。")
                _flush()
                call_command("init", verbosity=0)
            elif _has_other_data():
                raise CommandError("This database holds data that is not a demo; refusing to add "
                                   "synthetic data to it. Point XIEZUO_DATA_DIR or DATABASE_URL "
                                   "at an empty database.")
            self.stdout.write(f"Building the synthetic Lintao demo (seed {options['seed']}) …")
            with transaction.atomic():
                ctx = demo.build(seed=options["seed"], stdout=self.stdout)
                logins = [list(x) for x in ctx.logins]
                DemoBuild.objects.create(seed=options["seed"], logins=logins)
            _analyze()
        if options["scale"]:
            _scale(options["scale"], seed=options["seed"], log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(
            f"Demo ready in {time.perf_counter() - started:.1f} s. Demo log-ins "
            f"(password for all: {demo.DEMO_PASSWORD}):"))
        for username, role, scope in logins:
            self.stdout.write(f"  {username:<16} {role} · {scope}")
        self.stdout.write(
            "Two-factor log-in (admin, anding, auditor): add this secret to an authenticator "
            f"app, then give its 6-digit code after the password:\n  {demo.DEMO_TOTP_SECRET}\n"
            "  (or print the current code: xiezuo demo_code)")
        if not options["no_serve"]:
            self.stdout.write(f"Serving on http://127.0.0.1:{options['port']}/ (Ctrl-C stops)")
            call_command("serve", port=options["port"])


def _scale(n: int, *, seed: int, log) -> None:
    """The parts' `build_scale(n, seed=, log=)` (the registry's synthetic counties): run after the
    demo and kept between runs, so a second `--scale` only adds the counties still missing."""
    from xiezuo.core.discovery import app_modules

    for module in app_modules("demo"):
        build = getattr(module, "build_scale", None)
        if build is not None:
            build(n, seed=seed, log=log)
    _analyze()


def _analyze() -> None:
    """Refresh the planner's statistics: the tables went from empty to 57,000 people in one
    transaction, and PostgreSQL's autovacuum would analyze them only a while later; until then
    its plans assume tiny tables (sorts spill to disk, the dashboard ran twice as slow)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _flush() -> None:
    """Empty the database; parts whose tables refuse deletes (the funds ledger) provide a
    `flush_guard(connection)` context manager in their demo module that lifts that for the flush."""
    from contextlib import ExitStack

    from django.db import connection

    from xiezuo.core.discovery import app_modules

    with ExitStack() as stack:
        for module in app_modules("demo"):
            guard = getattr(module, "flush_guard", None)
            if guard is not None:
                stack.enter_context(guard(connection))
        call_command("flush", interactive=False, verbosity=0)


# Reads and sessions: they change nothing a rebuild would lose.
_READ_ACTIONS = {"login", "logout", "login_failed", "view_id", "export"}


def _added_since(build: DemoBuild) -> list[str]:
    """What a rebuild would wipe that the demo did not make: accounts that are not the demo's
    log-ins, and every audited change (a write to the ledger, the roster, …) after the build."""
    from django.db.models import Count

    from xiezuo.accounts.models import AuditEvent, User

    demo_users = {login[0] for login in build.logins}
    others = list(User.objects.exclude(username__in=demo_users).order_by("pk")
                  .values_list("username", flat=True)[:6])
    lost = []
    if others:
        n = User.objects.exclude(username__in=demo_users).count()
        lost.append(f"{n} 个不属于演示的账号（{'、'.join(others[:5])}{'…' if n > 5 else ''}）")
    changes = (AuditEvent.objects.filter(at__gt=build.built_at)
               .exclude(action__in=_READ_ACTIONS).values("object_type")
               .annotate(n=Count("id")).order_by("-n"))
    if changes:
        total = sum(c["n"] for c in changes)
        lost.append(f"演示建成后的 {total} 次修改（" + "，".join(
            f"{c['object_type'] or '其他'} {c['n']}" for c in changes[:6]) + "）")
    return lost


def _has_other_data() -> bool:
    from xiezuo.accounts.models import User

    return User.objects.exists()
