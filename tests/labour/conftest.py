"""The labour tests' set-up as fixtures, each giving the function of its name: `person` (a
registered person in a household of their own), `profile`, `employer`, `opening`."""

import datetime
import random
from decimal import Decimal

import pytest

from xiezuo.labour.models import LabourProfile, Opening
from xiezuo.orgs import creditcode as credit_code
from xiezuo.orgs.models import Organisation
from xiezuo.orgs.testing import employer_org as _employer_org
from xiezuo.regions.models import Area
from xiezuo.registry import crypto, idnumber
from xiezuo.registry.choices import ExitStatus, LabourCapacity, Relation, Sex
from xiezuo.registry.models import Household, Person

V_TAOYANG_DEEP = "621124100201"
V_TAOYANG = "621124100202"
V_XINDIAN_DEEP = "621124103201"
V_XINDIAN = "621124103202"
CANGSHAN_STREET = "350104001000"  # 仓前街道

_rng = random.Random(7)
_counter = iter(range(1, 10**6))


def _person(
    village_code: str,
    *,
    name: str | None = None,
    age: int = 30,
    male: bool = True,
    capacity: str = LabourCapacity.ORDINARY,
    exit_status: str = ExitStatus.NOT_EXITED,
    today: datetime.date | None = None,
    ethnicity: str = "汉族",
) -> tuple[Person, str]:
    """A registered person in a household of their own; returns (person, ID number)."""
    today = today or datetime.date.today()
    village = Area.objects.select_related("parent__parent").get(code=village_code)
    n = next(_counter)
    hh = Household.objects.create(
        county=village.parent.parent,
        township=village.parent,
        village=village,
        number=f"H{n:06d}",
        exit_status=exit_status,
    )
    birth = (
        datetime.date(today.year - age, 1, 1)
        if today.month > 1 or today.day > 1
        else datetime.date(today.year - age, 1, 1)
    )
    birth = min(birth, today.replace(year=today.year - age))
    while True:
        number = idnumber.generate(_rng, birth_date=birth, male=male)
        if not Person.objects.filter(id_hash=crypto.id_hash(number)).exists():
            break
    p = Person.objects.create(
        household=hh,
        name=name or f"测试{n}",
        id_cipher=crypto.encrypt_id(number),
        id_hash=crypto.id_hash(number),
        id_masked=crypto.mask_id(number),
        sex=Sex.MALE if male else Sex.FEMALE,
        birth_date=birth,
        relation=Relation.HEAD,
        labour_capacity=capacity,
        ethnicity=ethnicity,
    )
    return p, number


def _profile(
    p: Person, *, willing=True, away=True, skills=(), certificates=(), wage="3000", destinations=()
) -> LabourProfile:
    return LabourProfile.objects.create(
        person=p,
        willing=willing,
        can_work_away=away,
        skills=";".join(sorted(skills)),
        certificates=";".join(sorted(certificates)),
        expected_wage=Decimal(wage) if wage is not None else None,
        destinations=";".join(destinations),
    )


def _employer(
    name: str = "福州测试制衣有限公司", area: str = CANGSHAN_STREET, seed: int | None = None
) -> Organisation:
    seed = 10**6 + next(_counter) if seed is None else seed
    return _employer_org(
        name=name,
        credit_code=credit_code.generate(random.Random(seed), division="350104"),
        area=Area.objects.get(code=area),
    )


def _opening(
    emp: Organisation,
    *,
    title="缝纫工",
    positions=1,
    wage="4000",
    skills=(),
    certificates=(),
    min_age=16,
    max_age=60,
    area: str | None = None,
) -> Opening:
    return Opening.objects.create(
        employer=emp,
        title=title,
        positions=positions,
        wage=Decimal(wage),
        skills=";".join(sorted(skills)),
        certificates=";".join(sorted(certificates)),
        min_age=min_age,
        max_age=max_age,
        area=Area.objects.get(code=area) if area else emp.area,
    )


@pytest.fixture
def person():
    """person(village_code, *, name=None, age=30, male=True, ...) -> (Person, ID number)."""
    return _person


@pytest.fixture
def profile():
    """profile(p, *, willing=True, away=True, skills=(), ...) -> LabourProfile."""
    return _profile


@pytest.fixture
def employer():
    """employer(name=..., area=CANGSHAN_STREET, seed=None) -> Organisation (role employer)."""
    return _employer


@pytest.fixture
def opening():
    """opening(emp, *, title=..., positions=1, wage=..., ...) -> Opening."""
    return _opening


# --- outreach and vocational training ---------------------------------------------------------

def _hh(village_code: str, *, phone: str | None = None) -> Household:
    """A registered household (of one person) in the village, with an outreach contact phone
    when `phone` is given."""
    from xiezuo.labour.outreach.models import HouseholdContact

    p, _number = _person(village_code)
    hh = p.household
    if phone:
        HouseholdContact.objects.create(household=hh, phone_cipher=crypto.encrypt_phone(phone),
                                        phone_hash=crypto.phone_hash(phone),
                                        phone_masked=crypto.mask_phone(phone))
    return hh


def _campaign(*, title="2019年雨露计划政策宣传", kind="policy", year=2019,
              channels=("cadres", "sms"), sms_text="【临洮县扶贫办】雨露计划补助开始申报，详询村委会。"):
    from xiezuo.labour.outreach.models import Campaign

    return Campaign.objects.create(
        county=Area.objects.get(code="621124000000"), title=title, kind=kind, year=year,
        started_on=datetime.date(year, 3, 1), channels=";".join(sorted(channels)),
        sms_text=sms_text)


@pytest.fixture
def hh():
    """hh(village_code, *, phone=None) -> Household."""
    return _hh


@pytest.fixture
def campaign():
    """campaign(*, title=..., kind="policy", year=2019, channels=..., sms_text=...) -> Campaign."""
    return _campaign


@pytest.fixture
def recording_sender(settings):
    """The SMS test double as the configured sender; yields its record of sent batches."""
    from xiezuo.labour.outreach.sms import RecordingSender

    settings.XIEZUO_SMS_SENDER = "xiezuo.labour.outreach.sms.RecordingSender"
    RecordingSender.reset()
    yield RecordingSender
    RecordingSender.reset()


def _training_base(name="福州职业技术学院", area="350100000000"):
    from xiezuo.orgs.choices import OrgKind, OrgRole, Side
    from xiezuo.orgs.models import Organisation, OrganisationRole

    org = Organisation.objects.create(name=name, kind=OrgKind.SCHOOL, side=Side.EAST,
                                      area=Area.objects.get(code=area))
    OrganisationRole.objects.create(organisation=org, role=OrgRole.TRAINING_BASE)
    return org


def _course(base, *, title="电工培训班", certificate="电工证", skill="电工", kind="skills",
            starts_on=datetime.date(2019, 3, 1), ends_on=datetime.date(2019, 5, 31)):
    from xiezuo.labour.training.models import Course

    return Course.objects.create(county=Area.objects.get(code="621124000000"), base=base,
                                 title=title, kind=kind, skill=skill, certificate=certificate,
                                 starts_on=starts_on, ends_on=ends_on, place="福州市仓山区")


@pytest.fixture
def training_base(areas):
    """training_base(name=..., area=...) -> an Organisation with the training_base role."""
    return _training_base


@pytest.fixture
def course():
    """course(base, *, title=..., certificate="电工证", skill="电工", ...) -> Course."""
    return _course


@pytest.fixture(scope="module")
def dask_scheduler():
    """A small in-process Dask cluster (2 single-threaded workers, no extra processes: the
    machine's 2 cores are shared); yields its scheduler address for XIEZUO_DASK_SCHEDULER."""
    from dask.distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
