"""The audit log says what happened in Chinese: the record's type by name with a link to its page,
the changed fields by their names and choice labels, a type filter that is a list, an export."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.accounts import auditview
from xiezuo.accounts.services import audit_record


def _household(areas):
    from xiezuo.registry.models import Household

    v = areas["621124100201"]
    return Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                    number="T001", size=2)


def test_a_field_change_is_shown_by_field_name_and_choice_label(users, areas):
    hh = _household(areas)
    event = audit_record(actor=users["county_admin"], action="update", obj=hh,
                         area_code=hh.village.code,
                         old={"exit_status": "未脱贫", "dangerous_house": True},
                         new={"exit_status": "已脱贫（享受政策）", "dangerous_house": False,
                              "income_per_capita": Decimal("3200.50")})
    row = auditview.describe(event)
    assert row.type_label == "建档立卡贫困户" or row.type_label == str(hh._meta.verbose_name)
    assert row.link == reverse("registry:household_detail", args=[hh.pk])
    by_label = {c.label: (c.old, c.new) for c in row.changes}
    assert by_label["危房户"] == ("是", "否")
    assert by_label["人均纯收入（元）"] == ("", "3200.50")
    assert "exit_status" not in by_label and "脱贫属性" in by_label
    assert by_label["脱贫属性"] == ("未脱贫", "已脱贫（享受政策）")


def test_a_stored_code_is_shown_by_its_choice_label(users):
    account = users["township_clerk"]
    event = audit_record(actor=users["county_admin"], action="update", obj=account,
                         old={"role": "township_clerk"}, new={"role": "case_worker"})
    [change] = auditview.describe(event).changes
    assert change.old == str(account.get_role_display())
    assert change.old != "township_clerk" and change.new != "case_worker"


def test_summary_keys_that_are_no_field_are_said_in_chinese():
    class Event:
        object_type, object_id = "core.job", "5"
        old, new = None, {"rows": 3, "rejected": 1, "dry_run": True, "errors": [{"row": 2}]}

    labels = {c.label: c.new for c in auditview.changes(Event())}
    assert labels == {"数据行": "3", "拒绝": "1", "试导入": "是"}


def test_an_unknown_type_keeps_its_code_and_has_no_link():
    assert auditview.type_label("gone.model") == "gone.model"
    assert auditview.object_link("gone.model", "1") == ""
    assert auditview.object_link("accounts.user", "") == ""


def test_the_audit_page_shows_names_links_and_a_type_list(client, users, areas):
    hh = _household(areas)
    audit_record(actor=users["county_admin"], action="update", obj=hh, area_code=hh.village.code,
                 old={"dangerous_house": True}, new={"dangerous_house": False})
    client.force_login(users["auditor"])
    html = client.get(reverse("accounts:audit_list")).content.decode()
    assert "registry.household" not in html.split("<select", 2)[-1].split("</select>")[-1]
    assert f'href="{reverse("registry:household_detail", args=[hh.pk])}"' in html
    assert "危房户" in html and "是 → 否" in html
    assert '<option value="registry.household">' in html
    html = client.get(reverse("accounts:audit_list"), {"object_type": "registry.household"}
                      ).content.decode()
    assert "共 1 条" in html


def test_the_audit_log_exports_in_words(client, users, areas):
    hh = _household(areas)
    audit_record(actor=users["county_admin"], action="update", obj=hh, area_code=hh.village.code,
                 old={"dangerous_house": True}, new={"dangerous_house": False})
    client.force_login(users["auditor"])
    response = client.get(reverse("accounts:audit_list"), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in ws[3]]
    row = dict(zip(header, next(ws.iter_rows(min_row=4, values_only=True)), strict=True))
    assert row["操作"] != "update" and not row["操作"].isascii()
    assert row["变更内容"] == "危房户：是 → 否"
    assert row["时间"].year >= 2026


def test_the_account_list_exports_the_managers_scope(client, users):
    client.force_login(users["county_admin"])
    response = client.get(reverse("accounts:user_list"), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in ws[3]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=4, values_only=True)]
    names = {r["用户名"] for r in rows}
    assert "township_clerk-621124100000" in names or any("township_clerk" in n for n in names)
    assert not any(n.startswith("east_officer") for n in names)  # Cangshan's accounts: not his
    assert all(r["在用"] in {"是", "否"} for r in rows)
