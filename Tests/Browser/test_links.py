"""Every link and resource of the built site resolves inside it (see linkcheck.py)."""
import pytest

from linkcheck import LinkChecker
from sitepages import SITE_DIR, html_pages

CHECKER = LinkChecker(SITE_DIR)


@pytest.mark.parametrize("page", html_pages())
def test_links_resolve_inside_the_site(page):
    findings = CHECKER.check_html(SITE_DIR / page)
    assert not findings, "\n".join(findings)


def test_stylesheets_load_nothing_from_outside():
    findings = [f for css in sorted(SITE_DIR.rglob("*.css")) for f in CHECKER.check_css(css)]
    assert not findings, "\n".join(findings)


def test_search_results_link_to_entry_pages():
    findings = CHECKER.check_search_index(SITE_DIR / "search-index.js")
    assert not findings, "\n".join(findings)


def test_checker_rejects_what_breaks_offline_reading(tmp_path):
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "index.html").write_text('<p id="here">x</p>')
    (tmp_path / "index.html").write_text("""<!DOCTYPE html><title>t</title>
<link rel="stylesheet" href="https://cdn.example/x.css">
<a href="/topics/index.html">rooted</a><a href="topics/">folder</a><a href="topics">folder</a>
<a href="missing.html">missing</a><a href="topics/index.html#nowhere">anchor</a>
<a href="javascript:void(0)">js</a><img src="//cdn.example/x.png" alt="">
<a href="topics/index.html#here">ok</a><a href="https://example.org/">ok</a><a href="#top" id="top">ok</a>""")
    findings = LinkChecker(tmp_path).check_html(tmp_path / "index.html")
    assert len(findings) == 8, "\n".join(findings)
