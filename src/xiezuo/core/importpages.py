"""A part's import pages, described once: upload → check → result → 正式导入 → error report.

Every web import runs the same steps (core.jobs): the upload is kept (`job_upload`), a background
task checks it (a dry run, `job_run_import(confirm=…)`), the result page shows the counts and
offers 正式导入 of that same file (`job_confirm`), and its starter may download the error report.
A part describes its import in one `ImportPages` and its views call it; the views keep their own
permission (`@require`), form and page template, since those are what differ.

URL names: the upload page is `upload_url`; the others are `urls` + result, confirm, report and
template (e.g. "talent:import_result"); a template URL takes the import's kind as its argument
when the part has several imports (`template_kinds`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from xiezuo.core.jobs import (
    job_confirm,
    job_import_result,
    job_of,
    job_report_response,
    job_start_import,
    job_upload,
)
from xiezuo.core.models import Job


@dataclass(frozen=True)
class ImportPages:
    #: core.Job.kind of the part's import jobs
    job_kind: str
    #: the background task, as a dotted path (imported when a job starts)
    task: str
    #: the uploads' folder under DATA_DIR/uploads (job_upload, job_confirm)
    folder: str
    #: the prefix of the URL names of the result, confirm, report and template pages
    urls: str
    #: the URL name of the upload page (再导入一个文件)
    upload_url: str
    #: the counts the result page shows, {summary key: label}, in the summary's order
    labels: dict
    #: what the job's title calls the file: a text, or a function of the import's kind
    what: object
    #: the task's options a check keeps for 正式导入 (and the upload form's fields of that name)
    options: tuple[str, ...] = ("strict",)
    #: the task's keyword for the import's kind where the page has several imports (form field
    #: and kept option "kind"); "" where it has one
    kind_option: str = ""
    #: the kinds that have a template (its URL takes the kind); None: one template, no argument
    template_kinds: Callable[[], Iterable[str]] | None = None
    #: an error as the result page may show it (ID numbers masked)
    shown: Callable[[dict], dict] | None = None
    #: the URL name's suffix of the error report
    report: str = "report"
    #: the audit note of an error report's download (report_download)
    report_note: str = ""

    # --- steps ---------------------------------------------------------------------------------

    def start(self, request, *, path, original_name: str, dry_run: bool,
              checked: Job | None = None, **options):
        """Start the task on the file as a job of the user's; the answer goes to the job page
        (`checked`: the check a 正式导入 follows)."""
        what = self.what(options.get(self.kind_option)) if callable(self.what) else self.what
        title = (_("检查%(kind)s %(f)s") if dry_run else _("导入%(kind)s %(f)s")) % {
            "kind": what, "f": original_name}
        return job_start_import(request, import_string(self.task), job_kind=self.job_kind,
                                title=title, checked=checked, path=str(path),
                                original_name=original_name, dry_run=dry_run, **options)

    def job(self, request, job_id) -> Job:
        """The job, if the user started it (others get 404)."""
        return job_of(request, job_id, kind=self.job_kind)

    # --- pages ---------------------------------------------------------------------------------

    def upload(self, request, form, *, template: str, context: dict | None = None,
               options: Callable[[dict], dict] | None = None, **more):
        """The upload page: a valid file is kept and checked (a dry run). The task's options
        are the form's fields named in `options` (and its kind), or `options(cleaned_data)`;
        `more` are options the view adds."""
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            opts = options(d) if options else {o: d[o] for o in self.options}
            if self.kind_option:
                opts[self.kind_option] = d["kind"]
            return self.start(request, path=job_upload(d["file"], folder=self.folder),
                              original_name=d["file"].name, dry_run=True, **opts, **more)
        return render(request, template, {"form": form, **(context or {})})

    def result(self, request, job_id, *, job: Job | None = None, **kwargs):
        """The result page (core.jobs.job_import_result) with the part's labels and links;
        `kwargs` add to them (links, extra, context)."""
        job = job or self.job(request, job_id)
        kind = ((job.result or {}).get("confirm") or {}).get("kind")
        if self.template_kinds is None:
            template_url = reverse(f"{self.urls}template")
        else:
            template_url = (reverse(f"{self.urls}template", args=[kind])
                            if kind in self.template_kinds() else "")
        return job_import_result(
            request, job, labels=self.labels, report_url_name=f"{self.urls}{self.report}",
            again_url=reverse(self.upload_url), shown=self.shown,
            confirm_url_name=f"{self.urls}confirm", template_url=template_url, **kwargs)

    def confirm(self, request, job_id, *, job: Job | None = None,
                check: Callable[[dict], None] | None = None, **more):
        """正式导入: the file the check read, imported for real (once), with the options the
        check kept; `check(kept)` may refuse (raise), `more` are options the view adds."""
        job = job or self.job(request, job_id)
        c = job_confirm(request, job, folder=self.folder)
        if check:
            check(c)
        opts = {o: c.get(o) for o in self.options}
        if self.kind_option:
            opts[self.kind_option] = c["kind"]
        return self.start(request, path=c["path"], original_name=c["original_name"],
                          dry_run=False, checked=job, **opts, **more)

    def report_download(self, request, job_id):
        """The error report (whole rows as the file held them), for its importer, audited."""
        return job_report_response(request, self.job(request, job_id), note=str(self.report_note))
