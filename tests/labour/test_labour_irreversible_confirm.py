"""Irreversible actions ask first: 冲销 and 定稿 carry a confirmation, and 登记离职 is folded away
with nothing pre-filled, so a stray click records no one's leave."""

import re
from pathlib import Path

import pytest

from xiezuo.labour.forms import LeaveForm

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "src" / "xiezuo"


@pytest.mark.parametrize("template,action", [
    ("funds/templates/funds/allocation_list.html", "funds:allocation_reverse"),
    ("funds/templates/funds/project_detail.html", "funds:disbursement_reverse"),
    ("plan/templates/plan/assessment.html", "plan:report_finalise"),
    ("labour/templates/labour/placement_detail.html", "labour:placement_action' p.pk 'leave"),
])
def test_the_irreversible_forms_ask_for_confirmation(template, action):
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    forms = [f for f in re.findall(r"<form[^>]*>", text) if action in f]
    assert forms and all("data-confirm=" in f for f in forms)


def test_the_site_script_honours_data_confirm():
    js = (TEMPLATES / "static/xiezuo/site.js").read_text(encoding="utf-8")
    assert 'getAttribute("data-confirm")' in js and "window.confirm" in js


def test_the_leave_form_is_not_pre_filled_and_needs_a_reason():
    form = LeaveForm()
    assert form["left_on"].value() in (None, "")
    assert form["reason"].value() in (None, "")
    bound = LeaveForm({"version": 1, "left_on": "2018-09-01", "reason": ""})
    assert not bound.is_valid() and "reason" in bound.errors

