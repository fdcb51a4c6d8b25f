"""Offline search: by typing, by ?q=, from every page's header, with the keyboard alone."""
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from sitepages import SITE_DIR, file_url

# Known entries of the real corpus; other corpora (SITE_DIR) skip these.
REAL_CORPUS = (SITE_DIR / "ground-rules" / "a-completely-confidential-forum.html").is_file()
needs_real_corpus = pytest.mark.skipif(not REAL_CORPUS, reason="checks entries of the real corpus")


def results(browser, minimum=1):
    """The result links (relative to the site) once at least `minimum` are shown."""
    WebDriverWait(browser, 10).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "#_search-results > li")) >= minimum
        or (minimum == 0 and b.find_element(By.ID, "_search-status").text))
    return [a.get_attribute("href").removeprefix(SITE_DIR.as_uri() + "/")
            for a in browser.find_elements(By.CSS_SELECTOR, "#_search-results > li a.result-title")]


def status(browser):
    return browser.find_element(By.ID, "_search-status").text


@needs_real_corpus
def test_typing_a_word_lists_matching_entries(browser):
    browser.get(file_url("search.html"))
    box = browser.find_element(By.ID, "_search-query")
    box.send_keys("confidential")
    found = results(browser)
    assert found[0] == "ground-rules/a-completely-confidential-forum.html", found
    assert re.match(r"\d+ entr(y|ies) match", status(browser))


@needs_real_corpus
def test_query_parameter_opens_with_results(browser):
    browser.get(file_url("search.html", "?q=timekeeping"))
    assert results(browser)[0] == "leader-functions/timekeeping.html"
    assert browser.find_element(By.ID, "_search-query").get_attribute("value") == "timekeeping"


@needs_real_corpus
def test_partial_words_match_while_typing(browser):
    browser.get(file_url("search.html", "?q=scapegoat"))
    assert "introductions/balint-training.html" in results(browser)


@needs_real_corpus
def test_body_text_is_searched(browser):
    # "Budapest" appears only in the body of Balint Training (and maybe others' bodies).
    browser.get(file_url("search.html", "?q=budapest"))
    assert "introductions/balint-training.html" in results(browser)


@needs_real_corpus
def test_every_word_must_match(browser):
    browser.get(file_url("search.html", "?q=confidential+xylophone"))
    assert results(browser, minimum=0) == []
    assert "No entries match" in status(browser)


def test_entries_tagged_with_a_term_rank_before_mere_mentions(browser):
    """Ranking favours title and term matches: searching a term's title lists its tagged
    entries (from the term page) before entries that only mention its words (an entry
    whose own title has all of them may rank anywhere)."""
    checked = 0
    for vocabulary in sorted(p for p in SITE_DIR.iterdir() if (p / "index.html").is_file()):
        for page in sorted(vocabulary.glob("*.html"))[:6]:
            browser.get(page.as_uri())
            if not browser.find_elements(By.CSS_SELECTOR, ".term-entries"):
                break  # a section, not a vocabulary
            title = browser.find_element(By.TAG_NAME, "h1").text
            words = set(re.findall(r"\w+", title.lower()))
            tagged = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".term-entries li > a")}
            browser.get(file_url("search.html", "?q=" + title.replace(" ", "+")))
            results(browser)
            ranked = [(a.get_attribute("href"), a.text) for a in
                      browser.find_elements(By.CSS_SELECTOR, "#_search-results a.result-title")]
            last_tagged = max(i for i, (href, _) in enumerate(ranked) if href in tagged)
            outranking = [text for href, text in ranked[:last_tagged]
                          if href not in tagged and not words <= set(re.findall(r"\w+", text.lower()))]
            assert not outranking, f"searching {title!r}: {outranking} rank above tagged entries"
            checked += 1
    assert checked > 0


def test_results_show_title_section_and_highlighted_snippet(browser):
    browser.get(file_url("search.html", "?q=group"))
    results(browser)
    first = browser.find_element(By.CSS_SELECTOR, "#_search-results > li")
    assert first.find_element(By.CSS_SELECTOR, "a.result-title").text.strip()
    assert first.find_element(By.CSS_SELECTOR, ".result-section").text.strip()
    marks = first.find_elements(By.TAG_NAME, "mark")
    assert marks and all(m.text.lower().startswith("group") for m in marks)


def test_slash_focuses_the_header_search_box_and_enter_searches(browser):
    browser.get(file_url("index.html"))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "_site-search"
    active.send_keys("group" + Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "search.html?q=group" in b.current_url)
    assert results(browser)


def test_keyboard_alone_reaches_and_opens_a_result(browser):
    browser.get(file_url("search.html", "?q=group"))
    first = results(browser)[0]
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    assert browser.switch_to.active_element.get_attribute("id") == "_search-query"
    # Tab from the box: past the submit button to the first result.
    for _ in range(5):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.get_attribute("class") == "result-title":
            break
    assert browser.switch_to.active_element.get_attribute("class") == "result-title"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(first))


def test_slash_types_normally_inside_the_box(browser):
    browser.get(file_url("search.html"))
    box = browser.find_element(By.ID, "_search-query")
    box.send_keys("a/b")
    assert box.get_attribute("value") == "a/b"


def test_search_index_is_a_script_not_fetched(browser):
    text = (SITE_DIR / "search-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.BOOKLET_SEARCH_INDEX")
    js = (SITE_DIR / "assets" / "booklet.js").read_text(encoding="utf-8")
    js = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)  # comments may name fetch()
    assert "fetch(" not in js and "XMLHttpRequest" not in js
