"""The review page's controls in a real headless Chromium, then review --import and apply.

A reviewer accepts, rejects, accepts every occurrence of a term, rejects a person's
values, tries "accept all" without the attestation (the button stays disabled) and
with it, and saves the decisions file; ``idpc-guard review --import`` records them
and ``idpc-guard apply`` makes a copy in which the rejected redaction's value stays
and the accepted ones are gone. Needs Debian's ``chromium`` and ``chromium-driver``
(skipped, with the reason, when they are absent).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from idpc_guard.report.review import ATTESTATION
from tests.conftest import FIXTURES
from tests.e2e.test_html_chromium import CHROMEDRIVER, CHROMIUM

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian packages chromium and chromium-driver (apt-get install -y chromium "
    "chromium-driver; .ci/run installs them)",
)
webdriver = pytest.importorskip("selenium.webdriver")

SAMPLE = FIXTURES / "sample_bundle.pdf"


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "idpc_guard", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", "IDPC_GUARD_USER": "ci", "PYTHONPATH": ":".join(sys.path)},
    )


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page")
    result = _cli("scan", SAMPLE, "--out-dir", out, "--html", "--no-redact", "--quiet")
    assert result.returncode == 1, result.stderr
    return out


@pytest.fixture()
def work(scanned: Path, tmp_path: Path) -> Path:
    for name in ("sample_bundle.report.json", "sample_bundle.report.html"):
        shutil.copy(scanned / name, tmp_path / name)
    return tmp_path


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
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
        "--window-size=1366,900",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_page_load_timeout(60)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _by_value(report: dict[str, Any], action: str, count: int) -> list[dict[str, Any]]:
    """Findings proposed ``action`` whose value occurs ``count`` times, one per value."""
    seen: dict[str, list[dict[str, Any]]] = {}
    for f in report["findings"]:
        seen.setdefault(" ".join(f["text"].split()).casefold(), []).append(f)
    return [
        group[0]
        for group in seen.values()
        if len(group) == count and all(f["action"] == action for f in group)
    ]


def _click(browser: Any, finding: str, what: str) -> None:
    from selenium.webdriver.common.by import By

    button = browser.find_element(
        By.CSS_SELECTOR, f"li[data-finding='{finding}'] button[data-do='{what}']"
    )
    browser.execute_script("arguments[0].scrollIntoView({block:'center'})", button)
    button.click()


def _type(browser: Any, element_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def _saved(browser: Any) -> Path:
    from selenium.webdriver.common.by import By

    browser.find_element(By.ID, "rv-save").click()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done = [p for p in browser.downloads.iterdir() if p.suffix == ".json"]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError("the decisions file was not downloaded")


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.get_text().split()) for page in pymupdf.open(pdf))


def test_decide_on_the_page_save_import_and_apply(work: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    report_path = work / "sample_bundle.report.json"
    report = json.loads(report_path.read_text())
    once = _by_value(report, "redact", 1)
    rejected = next(f for f in once if f["entity"] == "PHONE_NUMBER")
    accepted = next(f for f in once if f["entity"] not in ("PERSON", "PHONE_NUMBER"))
    # A number redacted in three places, and a person whose every name is redacted.
    term = next(f for f in _by_value(report, "redact", 3) if f["entity"] != "PERSON")
    person = next(p for p in report["people"] if p["redacted"] > 1 and not p["kept"])
    browser.get((work / "sample_bundle.report.html").as_uri())

    _type(browser, "rv-reviewer", "Page Reviewer")
    # A reject needs a reason: without one nothing is recorded.
    _click(browser, rejected["id"], "reject")
    assert "reason" in browser.find_element(By.ID, "rv-status").text
    assert browser.find_element(By.ID, "rv-count").text == "0"
    _type(browser, "rv-reason", "a business number, not a person's")
    _click(browser, rejected["id"], "reject")
    item = browser.find_element(By.CSS_SELECTOR, f"li[data-finding='{rejected['id']}']")
    assert item.get_attribute("data-action") == "keep"
    box = browser.find_element(By.CSS_SELECTOR, f".box[data-finding='{rejected['id']}']")
    assert "a-keep" in box.get_attribute("class")
    _type(browser, "rv-reason", "")
    _click(browser, accepted["id"], "accept")
    _click(browser, term["id"], "accept-term")
    assert "accept: 3 finding(s)" in browser.find_element(By.ID, "rv-status").text
    _type(browser, "rv-reason", "the officer's own colleague")
    row = browser.find_element(By.CSS_SELECTOR, f"tr[data-person='{person['id']}']")
    row.find_element(By.CSS_SELECTOR, "button[data-do='reject']").click()

    # A box the scan missed: page, box and kind typed in; a reason is needed.
    _type(browser, "rv-box-page", "1")
    _type(browser, "rv-box-bbox", "300,60,360,72")
    _type(browser, "rv-box-entity", "phone_number")
    _type(browser, "rv-reason", "a number written in the margin")
    add = browser.find_element(By.ID, "rv-add-box")
    browser.execute_script("arguments[0].scrollIntoView()", add)
    add.click()
    assert "box added on page 1 (PHONE_NUMBER)" in browser.find_element(By.ID, "rv-status").text

    # Items the scan left for review have nothing to accept: each is decided on its own.
    pending = [f for f in report["findings"] if f["action"] == "review"]
    _type(browser, "rv-reason", "a relation the court needs to hear")
    for f in pending:
        _click(browser, f["id"], "keep")

    # Accept all: disabled until the box is ticked and the statement typed in full.
    accept_all = browser.find_element(By.ID, "rv-accept-all")
    assert not accept_all.is_enabled()
    browser.find_element(By.ID, "rv-attest-box").click()
    assert not accept_all.is_enabled()
    _type(browser, "rv-attest-text", "I have reviewed")
    assert not accept_all.is_enabled()
    _type(browser, "rv-attest-text", ATTESTATION)
    assert accept_all.is_enabled()
    _type(browser, "rv-reason", "")
    browser.execute_script("arguments[0].scrollIntoView()", accept_all)
    accept_all.click()
    assert browser.find_element(By.ID, "rv-count").text == str(6 + len(pending))

    saved = _saved(browser)
    assert saved.name == "sample_bundle.review-decisions.json"
    decisions = json.loads(saved.read_text())
    made = [d["decision"] for d in decisions["decisions"]]
    assert made[:5] == ["reject", "accept", "accept", "reject", "add-box"]
    assert made[-1] == "accept-all" and len(made) == 6 + len(pending)
    # Ids, decisions and reasons only: no value of the bundle leaves the page.
    text = saved.read_text()
    for f in report["findings"]:
        assert f["text"] not in text, f["id"]

    result = _cli("review", report_path, "--import", saved)
    assert result.returncode == 0, result.stderr
    reviewed = json.loads(report_path.read_text())
    changes = reviewed["review"]["changes"]
    assert {c["by"] for c in changes} == {"Page Reviewer"}
    assert {c["source"] for c in changes} == {"html"}
    # Every finding decided once or more, and the box added as a finding of its own.
    assert len(changes) == len(report["findings"]) + 1
    added = reviewed["findings"][-1]
    assert (added["page"], added["bbox"], added["entity"]) == (
        1,
        [300, 60, 360, 72],
        "PHONE_NUMBER",
    )
    assert reviewed["review"]["attestations"][0]["statement"] == ATTESTATION
    actions = {f["id"]: f["action"] for f in reviewed["findings"]}
    assert actions[rejected["id"]] == "keep"
    assert all(actions[i] == "keep" for i in person["findings"])

    copy = work / "copy.pdf"
    result = _cli("apply", SAMPLE, "--report", report_path, "--out", copy)
    assert result.returncode == 1, result.stderr
    text = _text(copy)
    assert " ".join(rejected["text"].split()) in text
    assert " ".join(accepted["text"].split()) not in text
    assert " ".join(term["text"].split()) not in text
    assert person["names"][0] in text


def test_accept_all_without_the_attestation_is_refused(work: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    report_path = work / "sample_bundle.report.json"
    before = report_path.read_bytes()
    browser.get((work / "sample_bundle.report.html").as_uri())
    accept_all = browser.find_element(By.ID, "rv-accept-all")
    _type(browser, "rv-attest-text", ATTESTATION)  # typed, but the box is not ticked
    assert not accept_all.is_enabled()
    browser.execute_script("arguments[0].disabled=false", accept_all)  # forced
    browser.execute_script("arguments[0].scrollIntoView()", accept_all)
    accept_all.click()
    assert "attestation" in browser.find_element(By.ID, "rv-status").text
    assert browser.find_element(By.ID, "rv-count").text == "0"
    # A decisions file edited to accept all without the attestation is refused.
    saved = _saved(browser)
    decisions = json.loads(saved.read_text())
    decisions["decisions"].append({"decision": "accept-all", "reason": ""})
    saved.write_text(json.dumps(decisions))
    result = _cli("review", report_path, "--import", saved)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "attestation" in line
    assert report_path.read_bytes() == before
