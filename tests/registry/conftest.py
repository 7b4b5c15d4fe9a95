"""The registry tests' helpers as fixtures, each giving the function of its name: the roster-file
builders `person`, `household`, `new_id`, `write_xlsx`, `write_csv` (tests/conftest.py defines
them and offers them together as `roster`, which test_kept_files.py and test_backup_restore.py
use); households made directly in the database, `make_household`, `two_households`, and
`full_id`; `form_data` (an edit form's fields as a browser posts them)."""

import csv
import datetime
import io
import random
import re

import pytest

from xiezuo.registry import crypto, idnumber
from xiezuo.registry.choices import ExitStatus, Relation
from xiezuo.registry.models import Household, Person


@pytest.fixture
def person(roster):
    """person(hh="H001", n=1, *, relation="户主", seed=None, **over) -> one row {header: value}."""
    return roster.person


@pytest.fixture
def household(roster):
    """household(hh, size=3, *, seed0=0, **over) -> the rows of one household."""
    return roster.household


@pytest.fixture
def new_id(roster):
    """new_id(seed, *, born=..., male=True) -> a valid ID number."""
    return roster.new_id


@pytest.fixture
def write_xlsx(roster):
    """write_xlsx(path, rows, *, header=None, above=(), raw=None) -> path."""
    return roster.write_xlsx


@pytest.fixture
def write_csv(roster):
    """write_csv(path, rows, *, header=None, encoding="utf-8") -> path."""
    return roster.write_csv


@pytest.fixture
def _roster_csv(roster):
    """_roster_csv() -> the CSV roster of the page and privacy tests (two defects in it)."""
    def _roster_csv() -> bytes:
        """Two good rows of one household, a wrong check character, a household without a head."""
        rows = roster.household("H001", 2, seed0=101)
        bad = roster.person("H002", 1, seed=201)
        bad["证件号码"] = bad["证件号码"][:17] + ("0" if bad["证件号码"][17] != "0" else "1")
        rows.append(bad)
        rows.append(roster.person("H003", 1, relation="配偶", seed=301))
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(roster.HEADER)
        for r in rows:
            w.writerow([r.get(h, "") for h in roster.HEADER])
        return buf.getvalue().encode("utf-8")
    return _roster_csv


# --- Households made directly in the database (the page, API, privacy and edit tests) ----------

T_VILLAGE, X_VILLAGE = "621124100201", "621124103201"  # 测试洮阳镇1村, 测试辛店镇1村


def _make_household(areas, village_code: str, number: str, members: list[tuple[str, str]], *,
                   seed: int = 1, **fields) -> Household:
    """A household in `village_code` with members [(name, relation)], valid synthetic IDs."""
    village = areas[village_code]
    township = village.parent
    hh = Household.objects.create(county=township.parent, township=township, village=village,
                                  number=number, size=len(members), **fields)
    rng = random.Random(seed)
    for i, (name, relation) in enumerate(members):
        born = datetime.date(1940 + rng.randrange(60), 1 + rng.randrange(12),
                             1 + rng.randrange(28))
        number_ = idnumber.generate(rng, birth_date=born, male=i % 2 == 0)
        ident = idnumber.parse(number_)
        Person.objects.create(household=hh, name=name, relation=relation, sex=ident.sex,
                              birth_date=ident.birth_date, id_cipher=crypto.encrypt_id(number_),
                              id_hash=crypto.id_hash(number_), id_masked=crypto.mask_id(number_),
                              number=f"{number}-{i + 1:02d}")
    return hh


def _full_id(person: Person) -> str:
    return crypto.decrypt_id(person.id_cipher)


def _two_households(areas) -> dict[str, Household]:
    """One household in 洮阳镇 (the clerk's) and one in 辛店镇 (the other clerk's)."""
    return {
        "taoyang": _make_household(areas, T_VILLAGE, "T001", [("张三", Relation.HEAD),
                                                             ("李四", Relation.SPOUSE)], seed=1),
        "xindian": _make_household(areas, X_VILLAGE, "X001", [("王五", Relation.HEAD)], seed=2,
                                  exit_status=ExitStatus.EXITED, exit_year=2019),
    }


@pytest.fixture
def make_household():
    """make_household(areas, village_code, number, [(name, relation)], *, seed=1, **fields)."""
    return _make_household


@pytest.fixture
def two_households():
    """two_households(areas) -> {"taoyang": the clerk's household, "xindian": the other's}."""
    return _two_households


@pytest.fixture
def full_id():
    """full_id(person) -> the person's whole ID number, decrypted."""
    return _full_id


def _form_data(html: str) -> dict:
    """The fields of the edit form as the browser would post them unchanged."""
    data = {}
    for m in re.finditer(r'<input([^>]*)>', html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', m.group(1)))
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if kind == "checkbox":
            if "checked" in m.group(1):
                data.setdefault(name, []).append(attrs.get("value", "on"))
            continue
        data[name] = attrs.get("value", "")
    for m in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', m.group(2))
        data[m.group(1)] = selected.group(1) if selected else ""
    return data


@pytest.fixture
def form_data():
    """form_data(html) -> the edit form's fields as the browser would post them unchanged."""
    return _form_data
