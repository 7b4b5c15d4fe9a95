"""The audit trail as an auditor reads it: records by their Chinese names with a link to them,
values by their fields' Chinese names and choice labels, never raw JSON or "accounts.user #8".

The trail itself keeps what it kept (field names and stored values: what happened, exactly); this
module only says it in words. An object's page is found by the URL naming rule every part follows
(`<app>:<model>_detail` with the record's key), so accounts imports no part.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

#: keys of summaries and actions that are not a model's fields (imports, jobs, reversals, …)
KEYS = {
    "rows": gettext_lazy("数据行"), "created": pgettext_lazy("how many", "新增"),
    "updated": gettext_lazy("更新"), "unchanged": gettext_lazy("未变化"),
    "rejected": pgettext_lazy("how many", "拒绝"), "ignored_columns": gettext_lazy("忽略的列"),
    "errors_omitted": gettext_lazy("未列出的错误"), "report": gettext_lazy("错误报告"),
    "header_row": gettext_lazy("表头行"), "dry_run": gettext_lazy("试导入"),
    "strict": gettext_lazy("严格模式"), "stored": gettext_lazy("已保存"),
    "import_id": gettext_lazy("导入批次"), "file": gettext_lazy("文件"),
    "files": gettext_lazy("文件"), "source": gettext_lazy("来源"),
    "sha256": gettext_lazy("SHA-256 校验值"), "targets": gettext_lazy("目标数"),
    "reason": gettext_lazy("原因"), "reverses": gettext_lazy("冲销的记录"),
    "amount": gettext_lazy("金额"), "beneficiaries": gettext_lazy("受益户数"),
    "persons": gettext_lazy("人数"), "action": gettext_lazy("操作"),
    "text": gettext_lazy("内容"), "year": gettext_lazy("年度"), "number": gettext_lazy("文号"),
    "second_factor": gettext_lazy("双因素认证"),
    "failed_logins_recorded": gettext_lazy("登录失败记录"), "summary": gettext_lazy("摘要"),
    "status": gettext_lazy("状态"), "state": gettext_lazy("状态"), "name": gettext_lazy("名称"),
    "area": gettext_lazy("地区"), "village": gettext_lazy("行政村"), "members": gettext_lazy("成员"),
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class AuditRow:
    event: object
    type_label: str
    link: str
    changes: list[Change] = field(default_factory=list)


def model_of(object_type: str):
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        return None


def type_label(object_type: str) -> str:
    model = model_of(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def object_link(object_type: str, object_id: str) -> str:
    """The record's page by the naming rule `<app>:<model>_detail`, or "" when it has none."""
    model = model_of(object_type)
    if model is None or not object_id:
        return ""
    name = f"{model._meta.app_label}:{model._meta.model_name}_detail"
    for arg in (int(object_id) if object_id.isdigit() else None, object_id):
        if arg is None:
            continue
        try:
            return reverse(name, args=[arg])
        except NoReverseMatch:
            continue
    return ""


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def value_words(value, model_field=None) -> str:
    """A stored value in words: choice labels, 是/否, lists joined, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list):
        return "、".join(value_words(v, model_field) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{label_of(None, k)}：{value_words(v)}" for k, v in value.items())
    choices = getattr(model_field, "flatchoices", None) if model_field is not None else None
    if choices:
        labels = {str(k): v for k, v in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    return str(value)


def label_of(model, key: str) -> str:
    f = _field(model, key)
    if f is not None and getattr(f, "verbose_name", None):
        return str(f.verbose_name)
    return str(KEYS.get(key, key))


def changes(event) -> list[Change]:
    model = model_of(event.object_type)
    old = event.old if isinstance(event.old, dict) else ({} if event.old is None else {"": event.old})
    new = event.new if isinstance(event.new, dict) else ({} if event.new is None else {"": event.new})
    out = []
    for key in list(dict.fromkeys([*old, *new])):
        if key == "errors":
            continue  # listed in the import's own report, not here
        f = _field(model, key)
        out.append(Change(label=label_of(model, key) if key else "",
                          old=value_words(old[key], f) if key in old else "",
                          new=value_words(new[key], f) if key in new else ""))
    return out


def describe(event) -> AuditRow:
    return AuditRow(event=event, type_label=type_label(event.object_type),
                    link=object_link(event.object_type, event.object_id), changes=changes(event))


def object_type_choices(types) -> list[tuple[str, str]]:
    """The object types present in the trail, by their Chinese names, for the filter's list."""
    return sorted(((t, type_label(t)) for t in types if t), key=lambda c: c[1])
