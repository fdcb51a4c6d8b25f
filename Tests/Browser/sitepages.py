"""The built site as the checks see it: its folder, its HTML pages and their kinds."""
import os
import re
from pathlib import Path

SITE_DIR = Path(os.environ.get("SITE_DIR", Path(__file__).resolve().parents[2] / "site")).resolve()

_BODY_CLASS = re.compile(r'<body[^>]*class="[^"]*\bpage-([a-z0-9-]+)', re.I)


def html_pages(site=SITE_DIR):
    """Every *.html file of the site, as paths relative to it, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def page_kind(path, site=SITE_DIR):
    """The page's kind: the `page-<kind>` class of <body>, refined for comparison
    sections (they render a table), or the file name for pages without one."""
    text = (site / path).read_text(encoding="utf-8")
    match = _BODY_CLASS.search(text)
    kind = match.group(1) if match else Path(path).stem
    if kind == "section" and "<table" in text:
        kind = "section-comparison"
    return kind


def representative_pages(site=SITE_DIR):
    """One page of each kind (the largest one, which exercises the most markup), so
    slow checks run per page type. BROWSER_CHECK_ALL=1 returns every page instead."""
    pages = html_pages(site)
    if os.environ.get("BROWSER_CHECK_ALL") == "1":
        return pages
    chosen = {}
    for path in pages:
        kind = page_kind(path, site)
        size = (site / path).stat().st_size
        if kind not in chosen or size > chosen[kind][1]:
            chosen[kind] = (path, size)
    return sorted(path for path, _ in chosen.values())


def file_url(path, query=""):
    return (SITE_DIR / path).as_uri() + query
