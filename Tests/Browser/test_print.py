"""Every page prints without navigation, and external links print their URL."""
import pytest
from selenium.webdriver.common.by import By

from sitepages import file_url, representative_pages

NAVIGATION = [".site-header", ".breadcrumbs", ".site-footer", ".pager", ".skip-link", "form[role=search]"]


@pytest.fixture
def print_media(browser):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    yield
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("page", representative_pages())
def test_printed_page_has_no_navigation(browser, print_media, page):
    browser.get(file_url(page))
    shown = browser.execute_script("""
        return arguments[0].flatMap(s => [...document.querySelectorAll(s)]
          .filter(e => getComputedStyle(e).display !== 'none' && !e.closest('main'))
          .map(e => s));""", NAVIGATION)
    assert not shown, f"printed with navigation: {shown}"
    assert browser.find_element(By.TAG_NAME, "main").is_displayed()


def test_external_links_print_their_address(browser, print_media, tmp_path):
    from sitepages import SITE_DIR
    css = (SITE_DIR / "assets" / "booklet.css").as_uri()
    page = tmp_path / "external.html"
    page.write_text(f'<!DOCTYPE html><link rel="stylesheet" href="{css}"><main><p>'
                    '<a class="external" href="https://example.org/a">a</a> '
                    '<a href="https://example.org/b">b</a> <a href="other.html">c</a></p></main>')
    browser.get(page.as_uri())
    after = browser.execute_script(
        "return [...document.querySelectorAll('a')].map(a => getComputedStyle(a, '::after').content)")
    assert "https://example.org/a" in after[0] and "https://example.org/b" in after[1], after
    assert after[2] in ("none", "normal", ""), after
