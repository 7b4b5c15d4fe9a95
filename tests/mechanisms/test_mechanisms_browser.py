"""In a browser: an eastern officer adds a decision to a joint meeting, finds the overdue one in
the decisions list, records its follow-up, and drafts the minutes (the .docx downloaded holds
the meeting's decisions in its table)."""

import datetime

import pytest
from docx import Document

from xiezuo.mechanisms.choices import DecisionStatus, Side
from xiezuo.mechanisms.models import Decision

D = datetime.date


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_decisions_list_follow_up_and_minutes(page, users, meeting, decision, tmp_path,
                                              browser_login, screenshot):
    m = meeting(D(2019, 6, 1), Side.EAST, title="仓山·临洮2019年东西部扶贫协作联席会议",
                chair="林某", attendees="林某 仓山区委书记\n王某 临洮县委书记")
    late = decision(m, text="落实2019年东部财政帮扶资金", due=D(2019, 9, 30))
    decision(m, text="远期事项", due=D(2099, 1, 1))

    browser_login(page, users["east_officer"].username)
    page.goto(page.base_url + f"/mechanisms/meetings/{m.pk}/")
    page.fill("#decision-form [name=text]", "联合举办秋季劳务招聘会")
    page.fill("#decision-form [name=owner_unit]", "临洮县人社局")
    page.fill("#decision-form [name=due]", "2019-10-31")
    page.click("#decision-form button[type=submit]")
    page.wait_for_load_state()
    assert "联合举办秋季劳务招聘会" in page.locator("#decisions").inner_text()

    page.goto(page.base_url + "/mechanisms/decisions/")
    page.check("#id_overdue")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("#decision-table tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert len(texts) == 2 and "远期事项" not in " ".join(texts)  # the two past their due date
    screenshot(page, "mechanisms-decisions-overdue")
    page.locator("#decision-table tbody tr", has_text="落实2019年东部财政帮扶资金") \
        .get_by_role("link", name="记录进展").click()
    page.wait_for_url("**/follow-up/")
    page.select_option("#id_status", DecisionStatus.DONE)
    page.fill("#id_date", "2019-10-08")
    page.fill("#id_note", "资金已全部拨付")
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    assert "已记录办理进展" in page.content()
    late.refresh_from_db()
    assert late.status == DecisionStatus.DONE

    page.goto(page.base_url + f"/mechanisms/meetings/{m.pk}/")
    with page.expect_download() as dl:
        page.click("#draft-minutes")
    path = tmp_path / "minutes.docx"
    dl.value.save_as(str(path))
    assert dl.value.suggested_filename.endswith("纪要（草稿）.docx")
    doc = Document(str(path))
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert [r[1] for r in cells[1:]] == [d.text for d in Decision.objects.filter(meeting=m)]
    assert "联合举办秋季劳务招聘会" in [r[1] for r in cells]
    assert page.csp_violations == []
