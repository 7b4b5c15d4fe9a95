"""Full ID numbers stay in the encrypted column and the files their uploader may fetch: not in a
job's result, an import's summary, a URL, a page's language form or the access log; and an
import does not tell a clerk where a record outside their area is."""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiezuo.core.models import Job
from xiezuo.registry import crypto
from xiezuo.registry.choices import Relation
from xiezuo.registry.models import Household, RosterImport
from xiezuo.registry.services import household_import

XVILLAGE1 = "测试辛店镇1村"


def _upload_and_run(client, data: bytes, *, dry_run: bool = False, name="花名册.csv") -> Job:
    r = client.post(reverse("registry:import"),
                    {"file": SimpleUploadedFile(name, data, content_type="text/csv")})
    assert r.status_code == 302, r.content.decode()[:500]
    job = Job.objects.filter(kind="registry.import").latest("created_at")  # the check
    if not dry_run:
        r = client.post(reverse("registry:import_confirm", args=[job.pk]))
        assert r.status_code == 302
        job = Job.objects.filter(kind="registry.import").latest("created_at")
    assert job.status == Job.Status.DONE, job.message
    return job


@pytest.fixture
def _bad_id_rows(_roster_csv):
    def _bad_id_rows() -> tuple[bytes, str]:
        """The page tests' roster: one row has a full ID number with a wrong check character."""
        data = _roster_csv()
        line = data.decode().splitlines()[3]
        return data, line.split(",")[7]
    return _bad_id_rows


# --- ID numbers in summaries ---------------------------------------------------------------------

def test_an_imports_job_result_and_summary_hold_error_values_masked(client, users, areas,
        _bad_id_rows):
    data, bad_id = _bad_id_rows()
    client.force_login(users["township_clerk"])
    job = _upload_and_run(client, data)
    stored = json.dumps(job.result, ensure_ascii=False)
    assert bad_id not in stored and crypto.mask_id(bad_id) in stored
    summary = json.dumps(RosterImport.objects.get().summary, ensure_ascii=False)
    assert bad_id not in summary and crypto.mask_id(bad_id) in summary
    for url in (job.result_url, reverse("registry:import_detail",
                                        args=[RosterImport.objects.get().pk])):
        page = client.get(url).content.decode()
        assert bad_id not in page and crypto.mask_id(bad_id) in page
    # The error report keeps what the uploader sent, for the uploader only.
    from openpyxl import load_workbook

    report_url = reverse("registry:import_result_report", args=[job.pk])
    content = b"".join(client.get(report_url).streaming_content)
    cells = {c for row in load_workbook(io.BytesIO(content)).active.values for c in row}
    assert bad_id in cells
    for other in ("county_admin", "other_clerk"):
        client.force_login(users[other])
        assert client.get(report_url).status_code == 404
        assert client.get(job.result_url).status_code == 404


def test_the_command_lines_json_summary_masks_id_numbers_too(areas, tmp_path, household,
        write_xlsx):
    rows = household("H1", 2)
    good = rows[1]["证件号码"]
    rows[1]["证件号码"] = good[:17] + ("0" if good[17] != "0" else "1")
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert r.errors[0].value == rows[1]["证件号码"]  # the report is written from these
    text = json.dumps(r.as_json(), ensure_ascii=False)
    assert rows[1]["证件号码"] not in text and crypto.mask_id(rows[1]["证件号码"]) in text


def test_a_failed_jobs_message_masks_an_id_number(users, db):
    from xiezuo.core.jobs import job_create, job_finish

    job = job_create(kind="x", title="x", user=users["township_clerk"])
    job_finish(job.pk, failed=True, result={"error": "第 3 行 621124198005060013 无法读取"},
               message="导入失败：621124198005060013")
    job.refresh_from_db()
    assert "621124198005060013" not in json.dumps(job.result) + job.message
    assert "621124********0013" in job.message


# --- out-of-scope records through the web ---------------------------------------------------------

def test_the_web_import_of_another_townships_id_does_not_say_where(client, users, areas,
                                                                   tmp_path, household, person, write_xlsx):
    taken = household("T-77", 1)
    household_import(path=write_xlsx(tmp_path / "a.xlsx", taken))
    stored = Household.objects.get(number="T-77")
    row = {**person("X-1", 1, **{"乡(镇)": "辛店镇", "行政村": XVILLAGE1}),
           "证件号码": taken[0]["证件号码"]}
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(list(row))
    w.writerow(list(row.values()))
    client.force_login(users["other_clerk"])
    job = _upload_and_run(client, buf.getvalue().encode(), dry_run=True)
    page = client.get(job.result_url).content.decode()
    assert "此行不能在您负责的区域内导入" in page
    for text in (page, json.dumps(job.result, ensure_ascii=False)):
        for word in ("T-77", stored.township.name, stored.village.name):
            assert word not in text, word


# --- search by ID number: never in a URL ----------------------------------------------------------

def test_an_id_number_in_the_search_url_is_refused_and_not_echoed(client, users, areas, full_id,
        two_households):
    hh = two_households(areas)
    number = full_id(hh["taoyang"].members.get(relation=Relation.SPOUSE))
    client.force_login(users["township_clerk"])
    response = client.get(reverse("registry:household_list"), {"id_number": number, "name": "李"})
    assert response.status_code == 400
    html = response.content.decode()
    assert number not in html and "证件号码不能放在网址中" in html
    assert "T001" not in html  # not searched
    # The form posts it; the redirect carries only the keyed hash.
    location = client.post(reverse("registry:household_list"), {"id_number": number})["Location"]
    assert number not in location
    html = client.get(location).content.decode()
    assert "T001" in html and number not in html


def test_the_language_form_does_not_echo_an_id_number(client, users, areas):
    client.force_login(users["township_clerk"])
    html = client.get("/registry/?id_number=621124198005060013&township=621124100000"
                      ).content.decode()
    assert "621124198005060013" not in html
    client.logout()  # the log-in page of a link that held one
    html = client.get("/accounts/login/?next=/registry/%3Fid_number%3D621124198005060013"
                      ).content.decode()
    assert 'name="next" type="hidden" value="/accounts/login/"' in html
    client.force_login(users["township_clerk"])
    html = client.get("/registry/?name=%E6%9D%8E&page=2").content.decode()
    assert 'name="next" type="hidden" value="/registry/?name=%E6%9D%8E&amp;page=2"' in html


# --- the access log ----------------------------------------------------------------------------

class _Resp:
    status, sent, headers = "200 OK", 10, []


def _log_line(tmp_path, path: str, query: str, referer: str = "-") -> str:
    from gunicorn.config import Config

    from xiezuo.core.access_log import PrivateLogger

    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = PrivateLogger(cfg)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"{path}?{query}" if query else path,
               "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": path, "QUERY_STRING": query,
               "REMOTE_ADDR": "10.0.0.9", "HTTP_REFERER": referer}
    logger.access(_Resp(), [("REFERER", referer)], environ, datetime.timedelta(seconds=0))
    for h in logger.access_log.handlers:
        h.flush()
    return (tmp_path / "access.log").read_text()


@pytest.mark.parametrize("query", [
    "id_number=621124198005060013", "name=%E6%9D%8E&id_number=62112419800506001X&page=2",
    "id_number=621124+19800506+0013", "q=621124198005060013",
])
def test_the_access_log_holds_no_id_number(tmp_path, query):
    line = _log_line(tmp_path, "/api/registry/persons", query,
                     referer=f"https://xiezuo.example/registry/?{query}")
    for secret in ("621124198005060013", "62112419800506001X", "19800506"):
        assert secret not in line, line
    assert "/api/registry/persons" in line and "10.0.0.9" in line
    if "page=2" in query:
        assert "page=2" in line  # other parameters are kept


def test_serve_starts_gunicorn_with_the_private_logger():
    # serve builds gunicorn's command line here (and supervises the process it starts).
    from xiezuo.core.management.commands.serve import gunicorn_argv

    args = gunicorn_argv(host="127.0.0.1", port=8000, workers=2, threads=4, grace=10)
    assert args[args.index("--logger-class") + 1] == "xiezuo.core.access_log.PrivateLogger"


def test_summaries_kept_before_masking_are_masked_by_the_migrations(users, areas):
    """Jobs and import records written before this rule held full ID numbers: the data
    migrations mask them (error values, reasons, a failure's text), and nothing else changes."""
    import importlib

    from django.apps import apps

    from xiezuo.core.jobs import job_create
    from xiezuo.labour.models import LabourImport

    number = "621124198005060013"
    summary = {"rows": 2, "errors": [{"row": 3, "column": "证件号码", "value": number,
                                      "reason": f"与 {number} 重复"}], "report": "r.xlsx"}
    job = job_create(kind="x", title="x", user=users["township_clerk"])
    Job.objects.filter(pk=job.pk).update(result=summary)
    failed = job_create(kind="x", title="y", user=users["township_clerk"])
    Job.objects.filter(pk=failed.pk).update(result={"error": f"第 2 行 {number}"})
    imp = RosterImport.objects.create(file="f", original_name="f", sha256="0" * 64,
                                      summary=summary)
    lab = LabourImport.objects.create(kind="survey", file="f", original_name="f",
                                      sha256="0" * 64, summary=summary)
    for module in ("xiezuo.core.migrations.0002_mask_id_numbers_in_job_results",
                   "xiezuo.registry.migrations.0003_mask_id_numbers_in_import_summaries",
                   "xiezuo.labour.migrations.0003_mask_id_numbers_in_import_summaries"):
        importlib.import_module(module).mask(apps, None)
    for obj, field in ((job, "result"), (failed, "result"), (imp, "summary"),
                       (lab, "summary")):
        obj.refresh_from_db()
        text = json.dumps(getattr(obj, field), ensure_ascii=False)
        assert number not in text and "621124********0013" in text, (obj, text)
    assert imp.summary["rows"] == 2 and imp.summary["report"] == "r.xlsx"
