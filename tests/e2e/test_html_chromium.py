"""The HTML review page in a real headless Chromium: findings render, links jump to pages.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them);
skipped, with the reason, only when they are absent. The screenshot is saved in
the test's tmp folder and its path printed and recorded as a test property.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian packages chromium and chromium-driver (apt-get install -y chromium "
    "chromium-driver; .ci/run installs them)",
)
webdriver = pytest.importorskip("selenium.webdriver")


@pytest.fixture(scope="module")
def review_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("html")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "idpc_guard",
            "scan",
            str(FIXTURES / "sample_bundle.pdf"),
            "--out-dir",
            str(out),
            "--html",
            "--no-redact",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads((out / "sample_bundle.report.json").read_text())
    return out / "sample_bundle.report.html", report


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1366,768",  # a laptop screen
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def test_review_page_renders_and_links_scroll_to_pages(
    review_page: tuple[Path, dict[str, Any]],
    browser: Any,
    tmp_path: Path,
    record_property: Any,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page, report = review_page
    browser.get(page.as_uri())
    run = browser.execute_script

    # Every page is drawn, and every image decoded.
    assert (
        run("return document.querySelectorAll('section.page').length") == report["bundle"]["pages"]
    )
    assert run("return [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    # Every finding is listed and boxed; 'keep' is filtered out at first.
    items = browser.find_elements(By.CSS_SELECTOR, "#findings li")
    assert len(items) == len(report["findings"])
    acted = [f for f in report["findings"] if f["action"] != "keep"]
    visible = [i for i in items if i.is_displayed()]
    assert len(visible) == len(acted)
    assert browser.find_element(By.ID, "shown").text == str(len(acted))
    boxes = run("return document.querySelectorAll('.box').length")
    assert boxes == sum(len(f["boxes"]) for f in report["findings"])
    # The verdict and the document issues come first.
    assert browser.find_element(By.ID, "verdict").text.startswith(report["verdict"].upper())
    issues = browser.find_elements(By.CSS_SELECTOR, ".issue")
    assert len(issues) == len(report["document_issues"]) > 0

    overview = tmp_path / "review-page-top.png"
    assert browser.save_screenshot(str(overview))

    # Clicking the finding on the last page with findings scrolls that page to the top.
    target = max(acted, key=lambda f: f["page"])
    assert target["page"] > 2
    assert run("return window.scrollY") == 0
    browser.find_element(By.ID, f"item-{target['id']}").click()
    top = run(
        f"return document.getElementById('page-{target['page']}').getBoundingClientRect().top"
    )
    assert abs(top) < 2, top
    assert run("return window.scrollY") > 0
    box = browser.find_element(By.ID, f"box-{target['id']}")
    assert "flash" in box.get_attribute("class")
    assert box.is_displayed()
    screenshot = tmp_path / "review-page.png"
    assert browser.save_screenshot(str(screenshot))
    for name, path in (("screenshot-top", overview), ("screenshot-after-click", screenshot)):
        record_property(name, str(path))
        print(f"{name}: {path}")

    # Filtering by entity leaves only that entity's findings and boxes.
    entity = target["entity"]
    Select(browser.find_element(By.ID, "f-entity")).select_by_value(entity)
    expected = sum(1 for f in acted if f["entity"] == entity)
    assert len([i for i in items if i.is_displayed()]) == expected
    assert browser.find_element(By.ID, "shown").text == str(expected)
    # Turning 'keep' on shows the kept findings of that entity too.
    browser.find_element(By.CSS_SELECTOR, ".f-action[value='keep']").click()
    expected_all = sum(1 for f in report["findings"] if f["entity"] == entity)
    assert len([i for i in items if i.is_displayed()]) == expected_all


def test_review_page_fetches_nothing(review_page: tuple[Path, dict[str, Any]]) -> None:
    html = review_page[0].read_text()
    assert "Content-Security-Policy" in html
    for marker in ("http://", "https://", "src='//", 'src="//'):
        assert marker not in html
    assert review_page[0].stat().st_mode & 0o777 == 0o600
