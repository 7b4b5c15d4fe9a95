"""Two disbursements posted at the same moment cannot together overspend (PostgreSQL row locks).

On SQLite writers are serialised by IMMEDIATE transactions, so the race cannot happen there: the
`postgres_only` marker skips them on SQLite (and fails them in CI when DATABASE_URL is PostgreSQL
but the tests are not on it; tests/conftest.py).
"""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connections

from xiezuo.funds import services
from xiezuo.funds.models import Disbursement, FundYear, Project


def _race(posts):
    """Run the posts in threads released together; returns (successes, errors)."""
    barrier = threading.Barrier(len(posts))
    results = []

    def run(project_id, amount, officer):
        try:
            barrier.wait()
            project = Project.objects.get(pk=project_id)
            services.disbursement_post(actor=officer, project=project, amount=amount,
                                       date=datetime.date(2018, 6, 1), payee="并发测试",
                                       voucher_no="PZ")
            results.append("ok")
        except Exception as exc:  # noqa: BLE001 - the test counts what failed, and why
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=p) for p in posts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ([r for r in results if r == "ok"], [r for r in results if r != "ok"])


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_cannot_exceed_the_budget(areas, users, build):
    f = build(areas, users)
    ok, errors = _race([(f["p1"].pk, "200000", f["officer"]) for _ in range(4)])
    assert len(ok) == 1 and len(errors) == 3
    assert all(isinstance(e, services.FundsRuleError) for e in errors), errors
    f["p1"].refresh_from_db()
    assert f["p1"].disbursed == Decimal("200000.00")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_cannot_exceed_the_years_allocation(areas, users, build):
    f = build(areas, users, allocation="250000")
    # Each fits its own project's budget; together they exceed the year's 250,000.
    ok, errors = _race([(f["p1"].pk, "150000", f["officer"]),
                        (f["p2"].pk, "150000", f["officer"]),
                        (f["p3"].pk, "100000", f["officer"])])
    paid = sum(Disbursement.objects.values_list("amount", flat=True))
    assert paid <= Decimal("250000") and len(errors) >= 1
    assert FundYear.objects.get(year=2018).disbursed == paid
    from xiezuo.funds.services import verify_ledger

    assert verify_ledger().ok  # the chain did not fork under the race
