"""The practice CRM in a real browser (Playwright driving Debian's Chromium), as a student uses it:
log in, enter a customer with a contact, move and close an opportunity with a reason, open the statistics,
and one flow again at a phone-sized viewport. Screenshots go to test-artifacts/practice/ (ignored by git)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import launch
from test_practice_system import start_server

# one worker runs both tests, so they share one server (make test uses --dist loadgroup)
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("practice-browser")]

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "practice"


@pytest.fixture(scope="module")
def crm_server(tmp_path_factory):
    """A real `kamcourse crm` process with the company's data, its URL and password."""
    home = tmp_path_factory.mktemp("crm-browser")
    proc, url = start_server(home)
    password = json.loads((home / "credentials.json").read_text())["password"]
    yield url, password, home
    proc.terminate()
    proc.wait(30)


@pytest.fixture(scope="module")
def browser(playwright_session, tmp_path_factory):
    """Debian's Chromium through the shared Playwright session of tests/browser.py (one per test process)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = launch(playwright_session, tmp_path_factory.mktemp("chromium"), locale="zh-CN",
                     timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(90_000)  # the machine may be busy
    yield context
    context.close()


def log_in(page, url: str, password: str, user: str = "admin") -> None:
    page.context.clear_cookies()  # a fresh session
    page.goto(url + "login/")
    page.fill("#id_username", user)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#crm-workbench")


def test_customer_opportunity_and_statistics(crm_server, browser) -> None:
    url, password, home = crm_server
    page = browser.new_page()
    log_in(page, url, password)
    page.screenshot(path=str(SHOTS / "01-workbench.png"))

    # 第四、五章: a new customer with one contact, on one page
    page.goto(url + "customers/customer/add/")
    page.fill("#id_name_zh", "芜湖博锐液压件贸易有限公司")
    page.fill("#id_credit_code", "91350100M000100Y43")
    page.select_option("#id_industry", "distributor")
    page.select_option("#id_region", "east_china")
    page.select_option("#id_size_band", "small_enterprise")
    page.select_option("#id_account_manager", index=1)
    page.fill("#id_contacts-0-name_zh", "周立新")
    page.select_option("#id_contacts-0-role", "purchasing")
    page.select_option("#id_contacts-0-decision_level", "decision_maker")
    page.fill("#id_contacts-0-phone", "139-0000-9321")
    page.screenshot(path=str(SHOTS / "02-customer-form.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert "芜湖博锐液压件贸易有限公司" in page.inner_text("#result_list")

    # 第六章: move an opportunity with a follow-up, then close it; a missing reason is refused
    page.goto(url + "sales/opportunity/?stage__exact=qualification")
    page.click("#result_list tbody tr:first-child th a")
    page.select_option("#id_stage", "proposal")
    page.fill("#id_activities-0-note", "送交方案与报价")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert page.input_value("#id_stage") == "proposal"
    page.select_option("#id_stage", "closed_lost")
    page.click("input[name=_continue]")
    page.wait_for_selector(".errorlist")
    assert "关闭原因" in " ".join(page.locator(".errorlist").all_inner_texts())
    page.screenshot(path=str(SHOTS / "03-closing-reason-required.png"), full_page=True)
    page.select_option("#id_closing_reason", "competitor")
    page.fill("#id_closing_note", "竞争对手报价低8%")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "竞争对手报价" in page.inner_text("#content")  # archived: shown read-only

    # 第九章: the statistics, drawn by the kit's figure functions
    page.goto(url + "stats/business/")
    page.wait_for_selector("#pipeline-figure svg")
    assert "业务统计" in page.inner_text("#content")
    page.screenshot(path=str(SHOTS / "04-business-statistics.png"), full_page=True)

    from kamcourse import practice

    customers = practice.load("customers", home / "crm.sqlite3")
    assert "芜湖博锐液压件贸易有限公司" in set(customers["name_zh"])
    audit = practice.load("audit", home / "crm.sqlite3")
    assert {"admin"} == set(audit["user"].dropna()) and len(audit) >= 4


def test_phone_sized_viewport(crm_server, browser) -> None:
    url, password, home = crm_server
    from kamcourse import practice

    name = practice.load("customers", home / "crm.sqlite3")["name_zh"].iloc[-1]
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone's width (the admin's CSS is responsive)
    log_in(page, url, password, user="manager")
    page.goto(url + "customers/customer/?q=" + name)
    page.wait_for_selector("#result_list")
    assert name in page.inner_text("#result_list")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(SHOTS / "05-phone-customers.png"), full_page=True)
    page.goto(url + "stats/customers/")
    page.wait_for_selector("#pareto-figure svg")
    box = page.locator("#pareto-figure svg").bounding_box()
    page.screenshot(path=str(SHOTS / "06-phone-statistics.png"), full_page=True)
    assert box["width"] <= 390 and width <= 600  # the figure shrinks to the phone; the page does not sprawl
