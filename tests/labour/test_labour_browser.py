"""In a browser: a case worker runs matching from the page and accepts a proposal."""

import pytest

from xiezuo.labour.choices import PlacementStatus, ProposalStatus
from xiezuo.labour.models import Placement, Proposal

V_TAOYANG = "621124100202"
V_TAOYANG_DEEP = "621124100201"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_run_matching_and_accept_a_proposal(page, users, employer, opening, person, profile,
        browser_login, screenshot):
    deep, _ = person(V_TAOYANG_DEEP, name="马深度")
    other, _ = person(V_TAOYANG, name="杨一般")
    profile(deep, skills=["电工"], wage="3000")
    profile(other, skills=["电工"], wage="3000")
    opening(
        employer("福州仓山电气有限公司"), title="电工", positions=1, wage="5000", skills=["电工"]
    )

    browser_login(page, users["case_worker"].username)
    page.goto(page.base_url + "/labour/match/")
    page.click("#run-matching")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_url("**/labour/match/*/")
    row = page.locator("#proposals tbody tr").first
    assert "马深度" in row.inner_text()  # the deep-poverty village's worker comes first
    assert "岗位被优先者占满" in page.content()  # the other one is told why
    row.get_by_role("button", name="采纳").click()
    page.wait_for_load_state()
    assert "已采纳" in page.locator(".messages").inner_text()
    screenshot(page, "labour-match-accepted")

    p = Proposal.objects.get(rank=0)
    assert p.status == ProposalStatus.ACCEPTED
    assert Placement.objects.get().status == PlacementStatus.REFERRED
