"""The roster export: the visible roster as .xlsx or .csv in the import's column layout."""

import csv
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.roles import SEES_FULL_ID
from xiezuo.accounts.services import audit_record
from xiezuo.registry import crypto
from xiezuo.registry.models import Person
from xiezuo.registry.roster import columns as roster_columns
from xiezuo.tabular.safe import safe_row


def _yes_no(v: bool | None) -> str:
    return "" if v is None else ("是" if v else "否")


def roster_rows(qs) -> Iterable[list[str]]:
    """Each person as the roster's cells (full ID number), in roster column order."""
    for p in qs.iterator(chunk_size=2000):
        h = p.household
        values = {
            "county": h.county.name, "township": h.township.name, "village": h.village.name,
            "natural_village": h.natural_village, "number": h.number,
            "person_number": p.number, "name": p.name, "id_number": crypto.decrypt_id(p.id_cipher),
            "size": "" if h.size is None else str(h.size), "relation": p.relation,
            "ethnicity": p.ethnicity, "education": p.education, "schooling": p.schooling,
            "health": p.health, "labour_capacity": p.labour_capacity,
            "employment": p.employment,
            "months_worked": "" if p.months_worked is None else str(p.months_worked),
            "illness_insurance": _yes_no(p.illness_insurance), "exit_status": h.exit_status,
            "exit_year": "" if h.exit_year is None else str(h.exit_year),
            "poverty_attribute": h.poverty_attribute, "main_cause": h.main_cause,
            "dangerous_house": _yes_no(h.dangerous_house), "water_safe": _yes_no(h.water_safe),
            "water_difficulty": _yes_no(h.water_difficulty),
            "income_per_capita": "" if h.income_per_capita is None else str(h.income_per_capita),
            "phone": h.phone,
            "first_identified": h.first_identified.isoformat() if h.first_identified else "",
            "other_causes": h.other_causes,
        }
        yield [values[c.key] for c in roster_columns.COLUMNS]


def roster_export(*, actor=None, path: str | Path, county_code: str | None = None,
                  township_code: str | None = None, progress=None) -> int:
    """Write the visible roster to .xlsx or .csv in the import's column layout; returns rows.

    The file holds full ID numbers (so it can be imported back), so only roles that may see
    them export; `actor` None is the operator at the command line. Audited. `progress(done,
    total)` is called every 2,000 rows (the web export runs as a background job).
    """
    guard(actor, SEES_FULL_ID, message=_("您没有导出完整证件号码的权限"))
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise ValueError(_("导出文件须为 .xlsx 或 .csv"))
    qs = Person.objects.all() if actor is None else Person.objects.visible_to(actor)
    area_code = ""
    if county_code:
        area_code = county_code.ljust(12, "0")
        qs = qs.filter(household__county__code=area_code)
    if township_code:
        area_code = township_code.ljust(12, "0")
        qs = qs.filter(household__township__code=area_code)
    qs = (qs.select_related("household__county", "household__township", "household__village")
          .order_by("household__village__code", "household__number", "id"))
    headers = [c.header for c in roster_columns.COLUMNS]
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    total = qs.count() if progress else 0

    def counted(rows):
        nonlocal n
        for row in rows:
            yield row
            n += 1
            if progress and n % 2000 == 0:
                progress(n, total)

    with transaction.atomic():
        if path.suffix.lower() == ".csv":
            # UTF-8 with a BOM: Excel then opens it as UTF-8 instead of the local code page.
            with path.open("w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                w.writerow(headers)
                for row in counted(roster_rows(qs)):
                    w.writerow(safe_row(row))
        else:
            from openpyxl import Workbook
            from openpyxl.cell import WriteOnlyCell

            wb = Workbook(write_only=True)
            ws = wb.create_sheet(_("建档立卡花名册"))
            ws.append(headers)
            id_col = headers.index("证件号码")
            for row in counted(roster_rows(qs)):
                cell = WriteOnlyCell(ws, value=row[id_col])
                cell.number_format = "@"  # text, so Excel never turns it into 6.21124E+17
                row[id_col] = cell
                ws.append(safe_row(row, sheet=ws))
            wb.save(path)
        audit_record(actor=actor, action=AuditAction.EXPORT, object_type="registry.person",
                     object_repr=path.name, area_code=area_code, new={"rows": n},
                     note=_("导出花名册 %(f)s") % {"f": path.name})
    return n
