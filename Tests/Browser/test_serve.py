"""The live preview in Chromium: `booklet serve` on a copy of a fixture corpus. An open
entry shows a saved change by itself, keeping its scroll position; a broken save shows
the error with its file and line over the page; fixing it brings the page back; Ctrl-C
stops the server cleanly."""
import time
import urllib.request

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from servepreview import ROOT, Preview

FIXTURE = ROOT / "Tests" / "BookletCoreTests" / "Fixtures" / "golden-site" / "content"
ENTRY = "basics/quiet.md"


@pytest.fixture
def preview():
    server = Preview(FIXTURE)
    yield server
    status = server.stop()
    assert status == 0, f"booklet serve exited {status}:\n{server.error_output()}"
    assert server.output().rstrip().endswith("Stopped.")
    server.remove()


def page_contains(preview, path, needle):
    try:
        with urllib.request.urlopen(preview.url + path, timeout=5) as response:
            return needle in response.read()
    except OSError:
        return False


def body_text(browser):
    """The page's text, or "" while it is being replaced by a reload."""
    try:
        return browser.find_element(By.TAG_NAME, "body").text
    except WebDriverException:
        return ""


def test_open_page_follows_saves_and_errors(browser, preview):
    original = preview.read(ENTRY)
    # A long entry, so there is somewhere to scroll to.
    filler = "\n\n".join(f"Paragraph {n} of a long entry about silence." for n in range(80))
    preview.write(ENTRY, original + "\n" + filler + "\n")
    deadline = time.time() + 20
    while not page_contains(preview, "basics/quiet.html", b"Paragraph 79") and time.time() < deadline:
        time.sleep(0.1)

    browser.get(preview.url + "basics/quiet.html")
    assert "Silence is hard" in body_text(browser)
    browser.execute_script("window.scrollTo(0, 600)")
    browser.execute_script("window.__sameDocument = true")
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return window.scrollY") >= 590)

    # A save: the page reloads by itself and shows the new text, at the same place.
    preview.write(ENTRY, original + "\nA sentence about herons, saved just now.\n\n" + filler + "\n")
    WebDriverWait(browser, 15).until(lambda b: "herons, saved just now" in body_text(b))
    assert browser.execute_script("return window.__sameDocument === undefined"), "the page was not reloaded"
    WebDriverWait(browser, 5).until(lambda b: abs(b.execute_script("return window.scrollY") - 600) <= 2)

    # A broken save: the error, with its file, line and column, over the last good page.
    broken = original.replace("Because [listening](topics:listening)", "Because [listening](topics:listning)")
    assert broken != original
    preview.write(ENTRY, broken + "\n" + filler + "\n")
    WebDriverWait(browser, 15).until(lambda b: "The booklet has 1 error" in body_text(b))
    box = browser.find_element(By.ID, "booklet-problems")
    message = box.text
    assert "The booklet has 1 error" in message
    assert f"content/{ENTRY}:11:" in message
    assert "error: unknown topics term 'listning'; did you mean 'listening'?" in message
    assert box.is_displayed()
    # The terminal says the same, as `booklet build` does.
    assert f"content/{ENTRY}:11:" in preview.error_output()
    assert "1 error, 0 warnings" in preview.error_output()
    # The last good page is behind it.
    assert "herons, saved just now" in browser.execute_script("return document.querySelector('main, body').textContent")

    # Fixing the file brings the page back by itself.
    preview.write(ENTRY, original + "\nFixed: kingfishers.\n")
    WebDriverWait(browser, 15).until(lambda b: "kingfishers" in body_text(b))
    assert not browser.find_elements(By.ID, "booklet-problems")
    # The site has no favicon (it works from file://); the browser asks for one anyway.
    errors = [entry for entry in browser.get_log("browser")
              if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]
    assert not errors, errors


def test_draft_shows_with_banner(browser, preview):
    preview.write("basics/unfinished.md", "---\ntitle: Unfinished thoughts\ndraft: true\n---\nNot yet ready.\n")
    browser.get(preview.url + "basics/unfinished.html")
    WebDriverWait(browser, 15).until(lambda b: "Not yet ready" in body_text(b))
    banner = browser.find_element(By.ID, "booklet-draft-banner")
    assert banner.is_displayed()
    assert "draft: true" in banner.text
