"""Deterministic generator of realistic matching instances (Lintao seekers, mostly Fuzhou jobs).

Seekers come from Lintao county (Dingxi, Gansu, area code 621124) and openings sit mostly in
Cangshan district (350104) and elsewhere in Fuzhou (3501), as in the East-West labour
cooperation. Densities are tuned so that a seeker is eligible for a few percent of openings.
Everything derives from ``seed``: the same arguments always write the same bytes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .files import OPENING_COLUMNS, SEEKER_COLUMNS

# 18 township-level divisions of Lintao (12 towns 100-111, 6 townships 200-205).
TOWNSHIPS = tuple(f"621124{t:03d}000" for t in (*range(100, 112), *range(200, 206)))

HEALTH, DRIVING, ELECTRICIAN, WELDER, NURSING, FORKLIFT = (
    "健康证",
    "驾驶证",
    "电工证",
    "焊工证",
    "护理证",
    "叉车证",
)


@dataclass(frozen=True)
class _Trade:
    skill: str
    share: float  # of openings
    extra_skills: tuple[str, ...]  # may also be required by an opening of this trade
    certificate: str | None  # usually required
    certificate_rate: float
    ages: tuple[int, int]
    wages: tuple[int, int]


_TRADES = (
    _Trade("普工", 0.20, ("装配",), HEALTH, 0.6, (18, 40), (3500, 5500)),
    _Trade("装配", 0.12, ("普工",), HEALTH, 0.3, (18, 35), (4000, 6000)),
    _Trade("缝纫", 0.10, (), HEALTH, 0.6, (18, 45), (3500, 6500)),
    _Trade("电工", 0.08, ("装配",), ELECTRICIAN, 1.0, (22, 50), (5000, 7000)),
    _Trade("焊工", 0.07, (), WELDER, 1.0, (22, 50), (5500, 7000)),
    _Trade("厨师", 0.08, ("保洁",), HEALTH, 1.0, (22, 48), (4500, 7000)),
    _Trade("保洁", 0.10, (), HEALTH, 0.8, (30, 58), (2500, 4000)),
    _Trade("驾驶", 0.07, (), DRIVING, 1.0, (25, 50), (5000, 7000)),
    _Trade("家政", 0.07, ("厨师", "保洁"), HEALTH, 1.0, (28, 52), (4000, 6500)),
    _Trade("护工", 0.06, ("家政",), NURSING, 0.7, (28, 55), (4000, 6000)),
    _Trade("叉车", 0.05, ("普工",), FORKLIFT, 1.0, (22, 45), (5000, 6500)),
)
_TRADE_SHARE = np.array([t.share for t in _TRADES]) / sum(t.share for t in _TRADES)

# Where openings are: (area prefix, share, number of sub-districts to spread over).
_JOB_AREAS = (
    ("350104", 0.35, 12),  # Fuzhou Cangshan
    ("350102", 0.06, 8),  # Fuzhou Gulou
    ("350103", 0.06, 8),  # Fuzhou Taijiang
    ("350105", 0.05, 6),  # Fuzhou Mawei
    ("350111", 0.05, 6),  # Fuzhou Jin'an
    ("350121", 0.05, 10),  # Minhou county (Fuzhou)
    ("350206", 0.10, 8),  # Xiamen Huli
    ("440306", 0.10, 10),  # Shenzhen Bao'an
    ("621124", 0.10, 18),  # Lintao itself
    ("621102", 0.04, 10),  # Dingxi Anding
)
_AREA_SHARE = np.array([a[1] for a in _JOB_AREAS]) / sum(a[1] for a in _JOB_AREAS)

# What seekers accept (area prefixes; "" = anywhere) and how often.
_PREFERENCES = (
    ("350104", 0.30),
    ("3501", 0.10),
    ("621124", 0.20),
    ("6211", 0.05),
    ("350104;350105", 0.06),
    ("350102;350103;350104", 0.06),
    ("3502", 0.05),
    ("4403", 0.05),
    ("3501;4403", 0.04),
    ("350104;621124", 0.03),
    ("35", 0.03),
    ("", 0.03),
)
_PREF_SHARE = np.array([p[1] for p in _PREFERENCES]) / sum(p[1] for p in _PREFERENCES)

# The dense profile (issue 15: "a quarter of all pairs eligible"): seekers who go almost
# anywhere, often hold a health certificate; openings that seldom require a
# certificate and take a wide age range. Measured: ~25 % of seeker x opening pairs eligible.
_PREFERENCES_DENSE = (("", 0.40), ("35", 0.15), ("3501", 0.17), ("350104;4403", 0.10),
                      ("350104;350105", 0.10), ("621124", 0.08))
_PREF_SHARE_DENSE = np.array([p[1] for p in _PREFERENCES_DENSE]) / sum(
    p[1] for p in _PREFERENCES_DENSE
)

_SKILLS = tuple(t.skill for t in _TRADES)


def _area_code(prefix: str, sub: int) -> str:
    """12-digit code of the ``sub``-th township/street under a 6-digit county/district prefix."""
    if prefix == TOWNSHIPS[0][:6]:
        return TOWNSHIPS[sub % len(TOWNSHIPS)]
    return f"{prefix}{sub + 1:03d}000"


def seeker_rows(
    n: int, seed: int = 0, *, demographics: bool = False, dense: bool = False
) -> Iterator[list[str]]:
    """Rows for seekers.csv (no header), in SEEKER_COLUMNS order; a generator, to stream 1M rows.

    With ``demographics`` two trailing columns, sex and ethnicity, are added: real exports carry
    them and the reader must ignore them. ``dense`` draws the dense profile (see above).
    """
    rng = np.random.default_rng([seed, 1])
    trade = rng.choice(len(_TRADES), size=n, p=_TRADE_SHARE)
    age = np.clip(np.rint(rng.normal(36, 11, size=n)), 16, 60).astype(int)
    odd = rng.random(n)
    young, old = odd < 0.01, odd > 0.98  # a few outside working age, to exercise the rules
    age[young] = rng.integers(14, 16, size=int(young.sum()))
    age[old] = rng.integers(61, 66, size=int(old.sum()))
    min_wage = rng.integers(38, 64, size=n) * 100
    min_wage[rng.random(n) < 0.05] = 0
    priority = rng.choice([1, 2, 3], size=n, p=[0.65, 0.25, 0.10])
    township = rng.integers(0, len(TOWNSHIPS), size=n)
    preferences = _PREFERENCES_DENSE if dense else _PREFERENCES
    pref = rng.choice(len(preferences), size=n, p=_PREF_SHARE_DENSE if dense else _PREF_SHARE)
    n_extra = rng.choice([0, 1, 2], size=n, p=[0.45, 0.4, 0.15])
    extra = rng.integers(0, len(_SKILLS), size=(n, 2))
    own_cert = rng.random(n) < (0.6 if dense else 0.4)
    health = rng.random(n) < (0.8 if dense else 0.25)
    driving = rng.random(n) < 0.1
    sex = rng.choice(["男", "女"], size=n)
    ethnicity = rng.choice(["汉族", "回族", "东乡族", "藏族"], size=n, p=[0.9, 0.07, 0.02, 0.01])

    columns = zip(
        trade.tolist(),
        age.tolist(),
        min_wage.tolist(),
        priority.tolist(),
        township.tolist(),
        pref.tolist(),
        n_extra.tolist(),
        extra.tolist(),
        own_cert.tolist(),
        health.tolist(),
        driving.tolist(),
        sex.tolist(),
        ethnicity.tolist(),
        strict=True,
    )
    for i, (tr, a, mw, pr, tw, pf, ne, ex, oc, he, dr, sx, et) in enumerate(columns):
        t = _TRADES[tr]
        skills = dict.fromkeys([t.skill, *(_SKILLS[j] for j in ex[:ne])])
        certs = dict.fromkeys(
            ([t.certificate] if t.certificate and oc else [])
            + ([HEALTH] if he else [])
            + ([DRIVING] if dr else [])
        )
        row = [
            f"S{i + 1:07d}",
            TOWNSHIPS[tw],
            str(a),
            ";".join(skills),
            ";".join(certs),
            str(mw),
            preferences[pf][0],
            str(pr),
        ]
        if demographics:
            row += [sx, et]
        yield row


def opening_rows(m: int, seed: int = 0, *, dense: bool = False) -> Iterator[list[str]]:
    """Rows for openings.csv (no header), in OPENING_COLUMNS order (``dense``: see above)."""
    rng = np.random.default_rng([seed, 2])
    trade = rng.choice(len(_TRADES), size=m, p=_TRADE_SHARE)
    area = rng.choice(len(_JOB_AREAS), size=m, p=_AREA_SHARE)
    sub = rng.integers(0, 1000, size=m)
    positions = np.minimum(rng.geometric(0.45, size=m), 10)
    jitter = rng.integers(-2, 3, size=(m, 2))
    wage_u = rng.random(m)
    req_u = rng.random((m, 3))
    employer = rng.integers(0, max(1, m // 4), size=m)
    columns = zip(
        trade.tolist(),
        area.tolist(),
        sub.tolist(),
        positions.tolist(),
        jitter.tolist(),
        wage_u.tolist(),
        req_u.tolist(),
        employer.tolist(),
        strict=True,
    )
    for j, (tr, ar, sb, po, jt, wu, ru, em) in enumerate(columns):
        t = _TRADES[tr]
        prefix, _, subs = _JOB_AREAS[ar]
        skills = []
        if ru[0] < 0.85:  # some openings take anyone
            skills.append(t.skill)
            if t.extra_skills and ru[1] < 0.35:
                skills.append(t.extra_skills[int(ru[1] * 100) % len(t.extra_skills)])
        rate = t.certificate_rate * (0.3 if dense else 1.0)
        certs = [t.certificate] if t.certificate and ru[2] < rate else []
        lo = max(16, t.ages[0] + jt[0] - (4 if dense else 0))
        hi = max(lo, t.ages[1] + jt[1] + (10 if dense else 0))
        wage = round((t.wages[0] + wu * (t.wages[1] - t.wages[0])) / 100) * 100
        yield [
            f"J{j + 1:06d}",
            f"E{em + 1:05d}",
            _area_code(prefix, sb % subs),
            str(po),
            ";".join(skills),
            ";".join(certs),
            str(lo),
            str(hi),
            str(wage),
        ]


def write_instance(
    directory: str | Path,
    seekers: int,
    openings: int,
    seed: int = 0,
    *,
    demographics: bool = False,
    dense: bool = False,
) -> tuple[Path, Path]:
    """Write ``seekers.csv`` and ``openings.csv`` into ``directory``; return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    s_path, o_path = directory / "seekers.csv", directory / "openings.csv"
    header = list(SEEKER_COLUMNS) + (["sex", "ethnicity"] if demographics else [])
    _write(s_path, header, seeker_rows(seekers, seed, demographics=demographics, dense=dense))
    _write(o_path, list(OPENING_COLUMNS), opening_rows(openings, seed, dense=dense))
    return s_path, o_path


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
