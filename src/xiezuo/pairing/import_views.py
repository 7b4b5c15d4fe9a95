"""The page 导入结对或帮扶活动: town pairings, enterprise pairings and their activities from a
spreadsheet (pairing_imports.py). Checked first (a dry run: counts, every rejected row and the
file's first rows, nothing stored); 正式导入 then imports exactly that file once
(core.importpages). Kept apart from the donation ledger's page (views.py)."""

from django.http import Http404
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.core.importpages import ImportPages
from xiezuo.pairing.access import EDITS_PAIRING
from xiezuo.pairing.forms import PairingImportForm

KIND_LABELS = {"towns": gettext_lazy("镇村结对"), "enterprises": gettext_lazy("村企结对"),
               "activities": gettext_lazy("结对帮扶活动")}
IMPORT = ImportPages(
    job_kind="pairing.records_import",
    task="xiezuo.pairing.import_tasks.pairing_records_import_task",
    folder="pairing", urls="pairing:records_import_", upload_url="pairing:records_import_upload",
    what=KIND_LABELS.get, kind_option="import_kind", template_kinds=KIND_LABELS.keys,
    report_note=gettext_lazy("下载结对帮扶导入错误报告"),
    labels={
        "rows": gettext_lazy("数据行"), "pairings_created": gettext_lazy("新增结对"),
        "activities_created": gettext_lazy("新增帮扶活动"),
        "unchanged": gettext_lazy("已登记（未变化）"), "rejected": gettext_lazy("拒绝的行"),
    })


@require(EDITS_PAIRING)
def records_import_upload(request):
    initial = {"kind": request.GET["kind"]} if request.GET.get("kind") in KIND_LABELS else None
    form = PairingImportForm(request.POST or None, request.FILES or None, initial=initial)
    return IMPORT.upload(request, form, template="pairing/records_import_upload.html")


@require(EDITS_PAIRING)
def records_import_result(request, job_id):
    return IMPORT.result(request, job_id)


@require(EDITS_PAIRING)
@require_POST
def records_import_confirm(request, job_id):
    """正式导入: the file the check read, imported for real (once)."""
    return IMPORT.confirm(request, job_id)


@require(EDITS_PAIRING)
def records_import_report(request, job_id):
    return IMPORT.report_download(request, job_id)


@require(EDITS_PAIRING)
def records_import_template(request, kind: str):
    """The import's template (tabular.template): its columns, an example row, notes."""
    from xiezuo.pairing.pairing_imports import KINDS
    from xiezuo.tabular.template import template_response

    if kind not in KINDS:
        raise Http404
    return template_response(KINDS[kind][0])
