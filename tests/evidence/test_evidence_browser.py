"""In Debian's Chromium: a fund officer attaches a contract to a project and an invoice to a
payment, sees them listed and downloads one under its Chinese name."""

import pytest
from django.db import connection

from xiezuo.funds import triggers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def unlock_ledger_after():
    """The test database is emptied with DELETE on SQLite, which the ledger's trigger refuses;
    drop it for the flush (post_migrate after the flush installs it again)."""
    yield
    triggers.drop(connection)


def test_attach_list_and_download_on_the_project_page(page, unlock_ledger_after, funded, files,
                                                      tmp_path, browser_login, screenshot):
    contract = tmp_path / "施工合同.pdf"
    contract.write_bytes(files["pdf"])
    invoice = tmp_path / "发票.png"
    invoice.write_bytes(files["png"])
    browser_login(page, funded["officer"].username)
    page.goto(page.base_url + f"/funds/projects/{funded['p1'].pk}/")
    panel = page.locator(f"#evidence-funds-project-{funded['p1'].pk}")
    panel.locator("select[name=kind]").select_option("contract")
    panel.locator("input[name=title]").fill("道路硬化施工合同")
    panel.locator("input[type=file]").set_input_files(str(contract))
    panel.locator("button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "已上传佐证材料" in page.inner_text("body")
    assert "道路硬化施工合同" in panel.inner_text() and "合同/协议" in panel.inner_text()
    # the payment's invoice, from its row
    cell = page.locator(f"#evidence-funds-disbursement-{funded['d1'].pk}")
    cell.locator("select[name=kind]").select_option("invoice")
    cell.locator("input[type=file]").set_input_files(str(invoice))
    cell.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "发票：发票" in page.locator(f"#evidence-funds-disbursement-{funded['d1'].pk}").inner_text()
    screenshot(page, "evidence-project-page")
    with page.expect_download() as info:
        panel.locator("a", has_text="施工合同.pdf").click()
    assert info.value.suggested_filename == "施工合同.pdf"
    assert open(info.value.path(), "rb").read() == files["pdf"]
