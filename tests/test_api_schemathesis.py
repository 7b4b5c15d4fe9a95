"""The API under schemathesis: every operation of the OpenAPI schema, signed in as each role.

The schema is taken from the application itself (`api.get_openapi_schema()`), and the requests
go in-process to Django's WSGI handler with a real session cookie and CSRF token, on the test
database (SQLite or PostgreSQL, whichever the suite runs on). For each role and each operation
Hypothesis draws a bounded number of cases (XIEZUO_API_FUZZ_EXAMPLES, default below), valid and
invalid; every response must:

- never be a server error (5xx),
- carry a status code, content type and body that the schema declares for the operation,
- for a township clerk, hold nothing of the other township (rows seeded in both).

Failures are collected over all operations of a role and reported together, each with its
request, so one run names everything that is wrong.
"""

import datetime
import json
import os
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from xiezuo.regions.reference import CANGSHAN, LINTAO, TAOYANG, XINDIAN

EXAMPLES = int(os.environ.get("XIEZUO_API_FUZZ_EXAMPLES", "10"))
ROLES = ["anonymous", "county_admin", "township_clerk", "case_worker", "fund_officer", "east_officer",
         "leadership", "auditor"]
CSRF = "schemathesisCsrfToken0123456789a"  # 32 characters, as Django's unmasked secret
#: what a clerk of 洮阳镇 must never be shown: 辛店镇's codes and the seeded rows' names
OTHER_TOWNSHIP_PREFIX = XINDIAN[:9]
OTHER_TOWNSHIP_MARKS = ("辛店", "XD-")
#: employers, openings and the register's organisations name no person and are shared by the
#: whole partnership on purpose (labour/access.py, orgs/access.py), so a 辛店镇 employer or
#: cooperative is not a leak there
PARTNERSHIP_WIDE = ("/api/labour/employers", "/api/labour/openings", "/api/orgs/organisations",
                    "/api/orgs/organisations/{pk}")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


# --- Seed: the same kinds of rows in both townships -----------------------------------------
def _seed(areas, users, employer_org) -> None:
    import random

    from xiezuo.funds import services as funds
    from xiezuo.funds.choices import Category, Source
    from xiezuo.labour.choices import PlacementStatus
    from xiezuo.labour.models import FollowUp, LabourProfile, Opening, Placement
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load
    from xiezuo.registry import crypto, idnumber
    from xiezuo.registry.choices import LabourCapacity, Relation, Sex
    from xiezuo.registry.models import Household, Person

    plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)
    rng = random.Random(11)
    officer = users["fund_officer"]
    funds.allocation_record(actor=officer, county=areas[LINTAO], year=2018,
                            source=Source.EAST_FISCAL, amount="1000000",
                            date=datetime.date(2018, 3, 1))
    employer = employer_org(name="福州测试制衣有限公司",
                                       credit_code="91350104MA2XN0001A", area=areas[CANGSHAN])
    today = datetime.date.today()
    for township, tag, mark in ((TAOYANG, "TY-", "洮阳"), (XINDIAN, "XD-", "辛店")):
        village = areas[township[:9] + "201"]
        hh = Household.objects.create(county=areas[LINTAO], township=areas[township],
                                      village=village, number=f"{tag}001", size=1)
        born = datetime.date(1990, 5, 1)
        number = idnumber.generate(rng, birth_date=born, male=True)
        person = Person.objects.create(
            household=hh, name=f"{mark}甲", relation=Relation.HEAD, sex=Sex.MALE, birth_date=born,
            id_cipher=crypto.encrypt_id(number), id_hash=crypto.id_hash(number),
            id_masked=crypto.mask_id(number), number=f"{tag}001-01",
            labour_capacity=LabourCapacity.ORDINARY)
        LabourProfile.objects.create(person=person, willing=True, can_work_away=True,
                                     expected_wage=Decimal("3000"))
        employer_org(name=f"{mark}测试合作社", credit_code=f"9362112{tag[0]}MA7XN0001B",
                                area=areas[township])
        Opening.objects.create(employer=employer, title=f"缝纫工{tag[0]}", positions=2,
                               wage=Decimal("4000"), area=areas[CANGSHAN])
        placement = Placement.objects.create(
            person=person, employer=employer, status=PlacementStatus.HIRED,
            referred_on=today - datetime.timedelta(days=40),
            hired_on=today - datetime.timedelta(days=30), wage=Decimal("4200"))
        FollowUp.objects.create(placement=placement, months=1, due_on=today)
        project = funds.project_create(actor=officer, code=f"{tag}P1", name=f"{mark}道路硬化",
                                       category=Category.ROAD, year=2018, villages=[village],
                                       budget="100000")
        funds.disbursement_post(actor=officer, project=project, amount="1000.00",
                                date=datetime.date(2018, 6, 1), payee=f"{mark}建筑公司")


# --- The application, in-process -----------------------------------------------------------
@pytest.fixture
def wsgi_app(db):
    """Django's WSGI handler. Like Django's test client, it must not close the test's database
    connection at the end of each request (that would end the test's transaction)."""
    from django.core.wsgi import get_wsgi_application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema():
    from xiezuo.urls import api

    return schemathesis.openapi.from_dict(api.get_openapi_schema())


def _session_cookie(user) -> str:
    c = Client()
    c.force_login(user)
    return c.cookies["sessionid"].value


def _walk_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk_strings(k)
            yield from _walk_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk_strings(v)


def other_township_leaks(body) -> list[str]:
    """Strings in a response body that belong to 辛店镇 (codes, seeded names and numbers)."""
    return [s for s in _walk_strings(body)
            if s.startswith(OTHER_TOWNSHIP_PREFIX) or any(m in s for m in OTHER_TOWNSHIP_MARKS)]


def fuzz(schema, app, *, cookies, headers, examples, scope_check) -> list[str]:
    """Run every operation with `examples` valid and `examples` invalid cases; the failures
    found, one text each (operation, what was wrong, the request as curl)."""
    failures: list[str] = []
    for result in schema.get_all_operations():
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            failures += fuzz_operation(result.ok(), mode, app, cookies=cookies, headers=headers,
                                       examples=examples, scope_check=scope_check)
    return failures


def fuzz_operation(operation, mode, app, *, cookies, headers, examples, scope_check):
    found: list[str] = []
    label = f"{operation.label} [{mode}]"

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        if len(found) >= 3:  # enough to say what is wrong with this operation
            return
        response = case.call(app=app, cookies=cookies, headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # a check failed: note it, go on
            found.append(f"{label} {exc}")
            return
        if (scope_check and 200 <= response.status_code < 300
                and operation.path not in PARTNERSHIP_WIDE):
            leaks = other_township_leaks(json.loads(response.content or b"null"))
            if leaks:
                found.append(f"{label} 辛店镇的数据：{leaks[:5]} ← {case.as_curl_command()}")

    try:
        run()
    except (Exception, BaseExceptionGroup) as exc:  # outside the checks: note it too
        found.append(f"{label} {type(exc).__name__}: {exc}")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_api_never_answers_500_and_stays_within_schema_and_scope(role, areas, users, wsgi_app,
                                                                  api_schema, settings, employer_org):
    settings.PLAN_INDICATOR_CACHE_SECONDS = 0  # no figures carried over to other tests
    _seed(areas, users, employer_org)
    cookies = {"csrftoken": CSRF}
    if role != "anonymous":
        cookies["sessionid"] = _session_cookie(users[role])
    failures = fuzz(api_schema, wsgi_app, cookies=cookies, headers={"X-CSRFToken": CSRF},
                    examples=EXAMPLES, scope_check=(role == "township_clerk"))
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)
