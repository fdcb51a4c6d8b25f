"""Images, the logo and attached files (issue 17), on the `images` fixture site that
Tests/Browser/run builds into $IMAGES_SITE_DIR (the real booklet has no images): every
image loads from file://, axe passes, the pages are valid HTML, and with the images
blocked (files/ removed from a copy of the site) every image keeps the box its width and
height attributes give it, so nothing below it moves."""
import os
import shutil
from pathlib import Path

import pytest

from test_accessibility import describe, run_axe
from test_html_validity import run_vnu

IMAGES_SITE = Path(os.environ.get("IMAGES_SITE_DIR", "")).resolve() if os.environ.get("IMAGES_SITE_DIR") else None
PAGES = ["index.html", "figures/the-room.html", "figures/welcome.html", "print.html", "newcomers.html"]

pytestmark = pytest.mark.skipif(IMAGES_SITE is None or not (IMAGES_SITE / "index.html").is_file(),
                                reason="IMAGES_SITE_DIR not built (Tests/Browser/run builds it)")


def open_page(browser, site, page):
    browser.get((site / page).as_uri())
    # Lazy images load once scrolled to; scroll through the page, then wait for every image.
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    browser.set_script_timeout(30)
    browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        Promise.all([...document.images].map(i => i.complete ? null
            : new Promise(r => { i.onload = r; i.onerror = r; }))).then(() => done());""")
    browser.execute_script("window.scrollTo(0, 0)")


def image_states(browser):
    return browser.execute_script("""
        return [...document.images].map(i => ({src: i.getAttribute('src'), complete: i.complete,
            natural: [i.naturalWidth, i.naturalHeight], box: [i.getBoundingClientRect().width,
            i.getBoundingClientRect().height], attrs: [+i.getAttribute('width'), +i.getAttribute('height')],
            top: i.getBoundingClientRect().top + scrollY}));""")


@pytest.mark.parametrize("page", PAGES)
def test_every_image_loads(browser, page):
    open_page(browser, IMAGES_SITE, page)
    images = image_states(browser)
    assert images, f"{page} shows no image"
    broken = [i["src"] for i in images if not i["complete"] or i["natural"][0] == 0]
    assert not broken, f"{page}: broken images {broken}"
    for image in images:
        # The size read from the header is the file's own size.
        assert image["natural"] == image["attrs"] or image["src"].endswith(".svg"), image


def test_the_entry_page_has_every_format_and_the_attachment(browser):
    open_page(browser, IMAGES_SITE, "figures/the-room.html")
    sources = {i["src"].rsplit(".", 1)[1] for i in image_states(browser)}
    assert {"png", "svg", "gif", "jpg", "webp"} <= sources, sources
    links = browser.execute_script(
        "return [...document.querySelectorAll('.attachments a')].map(a => a.href)")
    assert links and all(Path(l.removeprefix("file://")).is_file() for l in links), links


@pytest.mark.parametrize("page", PAGES)
def test_no_wcag_violations_with_images(browser, page):
    open_page(browser, IMAGES_SITE, page)
    result = run_axe(browser)
    assert "error" not in result, result.get("error")
    assert not result["violations"], describe(result["violations"])


def test_pages_with_images_are_valid_html():
    messages = run_vnu(IMAGES_SITE / p for p in PAGES)
    problems = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages
                if m["type"] == "error" or (m["type"] == "info" and m.get("subType") == "warning")]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def blocked_site(tmp_path_factory):
    """A copy of the images site without files/: every image fails to load."""
    copy = tmp_path_factory.mktemp("blocked") / "site"
    shutil.copytree(IMAGES_SITE, copy)
    shutil.rmtree(copy / "files")
    return copy


@pytest.mark.parametrize("page", ["figures/the-room.html", "print.html", "index.html"])
def test_layout_holds_with_images_blocked(browser, blocked_site, page):
    def layout(site):
        open_page(browser, site, page)
        images = image_states(browser)
        after = browser.execute_script("""
            return [...document.querySelectorAll('main p, main h2, main section, main li')]
                .map(e => Math.round(e.getBoundingClientRect().top + scrollY));""")
        return images, after

    loaded, loaded_after = layout(IMAGES_SITE)
    blocked, blocked_after = layout(blocked_site)
    assert all(i["natural"][0] == 0 for i in blocked), "images were not blocked"
    for shown, missing in zip(loaded, blocked):
        assert missing["box"] == shown["box"], f"{page}: {missing['src']} box {missing['box']} != {shown['box']}"
        assert missing["box"][1] > 0
    assert blocked_after == loaded_after, f"{page}: text moved when images were blocked"


def test_layout_check_sees_an_image_without_size(browser, tmp_path):
    """Guards against a layout check that cannot fail: an image without width and height
    takes no space until it loads, so the text after it moves when it is blocked."""
    shutil.copy(IMAGES_SITE / "files/figures/circle.png", tmp_path / "circle.png")
    page = '<!DOCTYPE html><html lang="en"><title>x</title><main><p><img src="{}" alt="x"></p><p>after</p></main>'
    (tmp_path / "loaded.html").write_text(page.format("circle.png"))
    (tmp_path / "blocked.html").write_text(page.format("missing.png"))
    tops = []
    for name in ("loaded.html", "blocked.html"):
        open_page(browser, tmp_path, name)
        tops.append(browser.execute_script("return document.querySelectorAll('main p')[1].getBoundingClientRect().top"))
    assert tops[0] != tops[1], tops
