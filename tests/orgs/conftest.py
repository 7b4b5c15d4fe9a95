"""The organisations tests' set-up: `org` makes an organisation through the service (as the
command-line operator) in an area given by its code."""

import random

import pytest

from xiezuo.orgs import creditcode, services
from xiezuo.regions.models import Area

_rng = random.Random(11)


@pytest.fixture
def org(areas):
    def make(name: str, area_code: str, *, roles=("employer",), kind="enterprise", code=None,
             **kw):
        area = Area.objects.get(code=area_code)
        if code is None:
            code = creditcode.generate(_rng, division=area_code[:6]) if kind in (
                "enterprise", "cooperative") else ""
        return services.organisation_create(actor=None, name=name, area=area, kind=kind,
                                            credit_code=code, roles=roles, **kw)

    return make
