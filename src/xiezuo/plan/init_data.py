"""`xiezuo init` loads the default plan file (idempotent: the same file again changes nothing)."""

from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load


def load() -> dict[str, int]:
    _plan, summary = plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)
    return summary
