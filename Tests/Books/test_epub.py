"""site/booklet.epub: EPUBCheck 5, the archive's layout, navigation and internal links."""
import os
import re
import subprocess
import zipfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from posixpath import dirname, join, normpath
from urllib.parse import unquote, urlsplit

import pytest

from conftest import CORPORA, booklet, ROOT

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
OPF = "{http://www.idpf.org/2007/opf}"


def epub_of(sites, name):
    return sites[name] / "booklet.epub"


@pytest.mark.parametrize("name", CORPORA)
def test_epubcheck_reports_no_errors_and_no_warnings(sites, name):
    jar = os.environ["EPUBCHECK_JAR"]
    result = subprocess.run(["java", "-jar", jar, str(epub_of(sites, name))], capture_output=True, text=True,
                            timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    summary = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", output)
    assert summary, output
    assert summary.groups() == ("0", "0", "0"), output


@pytest.mark.parametrize("name", CORPORA)
def test_mimetype_is_first_and_stored(sites, name):
    with zipfile.ZipFile(epub_of(sites, name)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert first.extra == b""
        assert archive.read("mimetype") == b"application/epub+zip"
        # Fixed dates: every entry carries the same date, the edition's.
        assert len({info.date_time for info in archive.infolist()}) == 1


class PrintEntries(HTMLParser):
    """(number, title) of every entry of print.html, from its <h3> headings, in order."""

    def __init__(self):
        super().__init__()
        self.entries, self.inside, self.text = [], False, ""

    def handle_starttag(self, tag, attrs):
        if tag == "h3":
            self.inside, self.text = True, ""

    def handle_endtag(self, tag):
        if tag == "h3" and self.inside:
            self.inside = False
            self.entries.append(" ".join(self.text.split()))

    def handle_data(self, data):
        if self.inside:
            self.text += data


def print_entries(site):
    parser = PrintEntries()
    parser.feed((site / "print.html").read_text(encoding="utf-8"))
    return parser.entries


def nav_links(archive):
    nav = ET.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = next(n for n in nav.iter(XHTML + "nav") if n.get(EPUB_NS + "type") == "toc")
    return [(" ".join("".join(a.itertext()).split()), a.get("href")) for a in toc.iter(XHTML + "a")]


@pytest.mark.parametrize("name", CORPORA)
def test_every_entry_title_is_in_the_navigation_in_order(sites, name):
    expected = print_entries(sites[name])
    assert expected, "print.html lists no entries"
    with zipfile.ZipFile(epub_of(sites, name)) as archive:
        texts = [text for text, _ in nav_links(archive)]
    entries_in_nav = [text for text in texts if re.match(r"^\d+\.\d+ ", text)]
    assert entries_in_nav == expected


def ids_and_hrefs(archive, path):
    root = ET.fromstring(archive.read(path))  # also proves the document is well-formed XML
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    hrefs = [element.get("href") for element in root.iter() if element.get("href")]
    return ids, hrefs


@pytest.mark.parametrize("name", CORPORA)
def test_every_internal_href_resolves_and_web_links_stay_external(sites, name):
    with zipfile.ZipFile(epub_of(sites, name)) as archive:
        names = set(archive.namelist())
        documents = [n for n in names if n.endswith(".xhtml")]
        ids = {}
        hrefs = {}
        for document in documents:
            ids[document], hrefs[document] = ids_and_hrefs(archive, document)
        checked = external = 0
        for document in sorted(documents):
            for href in hrefs[document]:
                parts = urlsplit(href)
                if parts.scheme:
                    assert parts.scheme in ("http", "https", "mailto"), href
                    external += 1
                    continue
                target = normpath(join(dirname(document), unquote(parts.path))) if parts.path else document
                assert target in names, f"{document}: {href} leads to no file of the book"
                assert not target.endswith(".html"), f"{document}: {href} is a page of the site"
                if parts.fragment:
                    assert parts.fragment in ids.get(target, set()), f"{document}: {href}: no id '{parts.fragment}'"
                checked += 1
        assert checked > 0
        if name == "every-block":
            # The fixture links to web pages; they stay web links.
            assert external >= 3
        # Every file the package names is in the archive.
        package = ET.fromstring(archive.read("EPUB/package.opf"))
        for item in package.iter(OPF + "item"):
            assert "EPUB/" + item.get("href") in names


def test_two_builds_give_identical_bytes(tmp_path):
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = booklet("build", "--strict", "--quiet", "--content", str(CORPORA["every-block"]),
                         "--templates", str(ROOT / "templates"), "--output", str(out))
        assert result.returncode == 0, result.stderr
        outputs.append((out / "booklet.epub").read_bytes())
    assert outputs[0] == outputs[1]
