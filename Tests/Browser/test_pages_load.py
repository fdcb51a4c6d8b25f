"""Every page opens from file:// without console errors or failed loads."""
import pytest

from sitepages import file_url, html_pages


def console_problems(browser):
    return [f"{e['level']}: {e['message']}" for e in browser.get_log("browser")
            if e["level"] in ("SEVERE", "WARNING")]


@pytest.mark.parametrize("page", html_pages())
def test_page_loads_without_console_errors(browser, page):
    browser.get_log("browser")  # drop messages of earlier pages
    browser.get(file_url(page))
    assert browser.execute_script("return document.readyState") == "complete"
    problems = console_problems(browser)
    failed = browser.execute_script("""
        return performance.getEntriesByType('resource')
          .filter(r => r.responseStatus >= 400 || (r.transferSize === 0 && r.decodedBodySize === 0
                   && r.initiatorType !== 'other' && r.duration === 0 && false))
          .map(r => r.name);""")
    assert not problems and not failed, "\n".join(problems + failed)


def test_console_check_sees_errors(browser, tmp_path):
    """Guards against a logging setup that silently reports nothing."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><title>x</title><script>undefinedFunction()</script>'
                    '<script src="missing.js"></script>')
    browser.get_log("browser")
    browser.get(page.as_uri())
    problems = console_problems(browser)
    assert any("undefinedFunction" in p for p in problems), problems
    assert any("missing.js" in p for p in problems), problems


def test_every_page_has_one_h1_and_the_landmarks(browser):
    """Cheap structural checks on every page (axe runs on one page per kind)."""
    findings = []
    for page in html_pages():
        browser.get(file_url(page))
        facts = browser.execute_script("""
            return {
              h1: document.querySelectorAll('h1').length,
              main: document.querySelectorAll('main').length,
              skip: !!document.querySelector('a.skip-link[href="#_main"]'),
              current: document.querySelectorAll('[aria-current="page"]').length,
              lang: document.documentElement.lang,
            };""")
        if facts["h1"] != 1: findings.append(f"{page}: {facts['h1']} h1 elements")
        if facts["main"] != 1: findings.append(f"{page}: {facts['main']} main elements")
        if not facts["skip"]: findings.append(f"{page}: no skip link to #_main")
        if facts["current"] != 1: findings.append(f"{page}: {facts['current']} aria-current=page")
        if not facts["lang"]: findings.append(f"{page}: no lang")
    assert not findings, "\n".join(findings)
