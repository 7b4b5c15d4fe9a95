"""The page 导入结对或帮扶活动: town pairings, enterprise pairings and their activities from a
spreadsheet (pairing_imports.py). Checked first (a dry run: counts, every rejected row and the
file's first rows, nothing stored); 正式导入 then imports exactly that file once
(core.jobs.job_confirm). Kept apart from the donation ledger's page (views.py)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.core.jobs import (
    job_confirm,
    job_import_result,
    job_of,
    job_report_response,
    job_start_import,
    job_upload,
)
from xiezuo.pairing.access import EDITS_PAIRING
from xiezuo.pairing.forms import PairingImportForm

JOB_KIND = "pairing.records_import"
KIND_LABELS = {"towns": gettext_lazy("镇村结对"), "enterprises": gettext_lazy("村企结对"),
               "activities": gettext_lazy("结对帮扶活动")}
LABELS = {
    "rows": gettext_lazy("数据行"), "pairings_created": gettext_lazy("新增结对"),
    "activities_created": gettext_lazy("新增帮扶活动"),
    "unchanged": gettext_lazy("已登记（未变化）"), "rejected": gettext_lazy("拒绝的行"),
}


def _start(request, *, kind: str, path, original_name: str, strict: bool, dry_run: bool):
    from xiezuo.pairing.import_tasks import pairing_records_import_task

    title = (_("检查%(kind)s %(f)s") if dry_run else _("导入%(kind)s %(f)s")) % {
        "kind": KIND_LABELS[kind], "f": original_name}
    return job_start_import(request, pairing_records_import_task, kind=JOB_KIND, title=title,
                            import_kind=kind, path=str(path), original_name=original_name,
                            dry_run=dry_run, strict=strict)


@require(EDITS_PAIRING)
def records_import_upload(request):
    initial = {"kind": request.GET["kind"]} if request.GET.get("kind") in KIND_LABELS else None
    form = PairingImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        return _start(request, kind=d["kind"], path=job_upload(d["file"], folder="pairing"),
                      original_name=d["file"].name, strict=d["strict"], dry_run=True)
    return render(request, "pairing/records_import_upload.html", {"form": form})


@require(EDITS_PAIRING)
def records_import_result(request, job_id):
    job = job_of(request, job_id, kind=JOB_KIND)
    kind = ((job.result or {}).get("confirm") or {}).get("kind")
    return job_import_result(request, job, labels=LABELS,
                             report_url_name="pairing:records_import_report",
                             again_url=reverse("pairing:records_import_upload"),
                             confirm_url_name="pairing:records_import_confirm",
                             template_url=reverse("pairing:records_import_template", args=[kind])
                             if kind in KIND_LABELS else "")


@require(EDITS_PAIRING)
@require_POST
def records_import_confirm(request, job_id):
    """正式导入: the file the check read, imported for real (once)."""
    c = job_confirm(request, job_of(request, job_id, kind=JOB_KIND), folder="pairing")
    return _start(request, kind=c["kind"], path=c["path"], original_name=c["original_name"],
                  strict=c["strict"], dry_run=False)


@require(EDITS_PAIRING)
def records_import_report(request, job_id):
    return job_report_response(request, job_of(request, job_id, kind=JOB_KIND),
                               note=_("下载结对帮扶导入错误报告"))


@require(EDITS_PAIRING)
def records_import_template(request, kind: str):
    """The import's template (tabular.template): its columns, an example row, notes."""
    from xiezuo.pairing.pairing_imports import KINDS
    from xiezuo.tabular.template import template_response

    if kind not in KINDS:
        raise Http404
    return template_response(KINDS[kind][0])
