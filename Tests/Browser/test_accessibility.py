"""axe-core finds no WCAG 2.0/2.1 A or AA violations on any page type, light or dark."""
import json
from pathlib import Path

import pytest

from sitepages import file_url, representative_pages

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source():
    import axe_playwright_python
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(browser):
    browser.execute_script(axe_source())
    browser.set_script_timeout(60)
    return browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.configure({ allowedOrigins: ['<unsafe_all_origins>'] });
        axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, preload: false,
                            resultTypes: ['violations'] })
          .then(r => done({ violations: r.violations.map(v => ({ id: v.id, impact: v.impact,
                 help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) })),
                 version: axe.version }))
          .catch(e => done({ error: String(e) }));""", TAGS)


def describe(violations):
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"][:5])
                     for v in violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", representative_pages())
def test_no_wcag_violations(browser, color_scheme, page, scheme):
    color_scheme(scheme)
    browser.get(file_url(page))
    assert browser.execute_script(
        "return matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    result = run_axe(browser)
    assert "error" not in result, result.get("error")
    assert not result["violations"], describe(result["violations"])


def test_search_results_have_no_wcag_violations(browser, color_scheme):
    for scheme in ("light", "dark"):
        color_scheme(scheme)
        browser.get(file_url("search.html", "?q=group"))
        result = run_axe(browser)
        assert not result.get("violations"), f"{scheme}: " + describe(result["violations"])


def test_axe_finds_violations(browser, tmp_path):
    """Guards against an axe run that silently checks nothing."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><title>x</title><img src="x.png"><p style="color:#eee">low</p>')
    browser.get(page.as_uri())
    ids = {v["id"] for v in run_axe(browser)["violations"]}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= ids, ids


@pytest.mark.parametrize("page", representative_pages())
def test_no_wcag_violations_at_phone_width(browser, page):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(file_url(page))
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        result = run_axe(browser)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not result.get("violations"), describe(result["violations"])
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at phone width"
