"""`booklet pdf`: the booklet's PDF holds every entry in order, numbered pages, and a
contents page whose page numbers are where the sections and entries start; handouts too."""
import functools
import re
import subprocess
import zlib

import pytest

from conftest import CORPORA
from test_epub import print_entries


@functools.lru_cache(maxsize=None)
def page_texts(pdf):
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                           text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, pages + 1)]


def flat(text):
    return " ".join(text.split())


def squeeze(text):
    return "".join(text.split())


def section_headings(site):
    html = (site / "print.html").read_text(encoding="utf-8")
    return [flat(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r'<h2 class="print-section-title">(.*?)</h2>', html)]


NUMBERED = re.compile(r"^\s*(\d+\.(?:\d+)?)\s")
LEADER = re.compile(r"(?:\.\s*){2,}\s*(\d+)\s*$")


@pytest.mark.parametrize("name", CORPORA)
def test_every_page_is_numbered(pdf_folders, name):
    for pdf in sorted(pdf_folders[name].glob("*.pdf")):
        for number, text in enumerate(page_texts(pdf), start=1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            assert lines and lines[-1] == str(number), f"{pdf.name} page {number} ends with {lines[-1:]}"


@pytest.mark.parametrize("name", CORPORA)
def test_entry_titles_in_order_and_contents_page_numbers_match(sites, pdf_folders, name):
    pages = page_texts(pdf_folders[name] / "booklet.pdf")
    entries = print_entries(sites[name])
    sections = section_headings(sites[name])
    # The contents: a line per section and entry (a long title wraps), the number first
    # and the page number last, after leader dots.
    contents = {}
    contents_pages = set()
    for index, text in enumerate(pages):
        pending = None
        for line in text.splitlines():
            numbered, leader = NUMBERED.match(line), LEADER.search(line)
            if numbered:
                pending = numbered.group(1)
            if leader and pending:
                contents[pending] = int(leader.group(1))
                contents_pages.add(index)
                pending = None
    numbers = [heading.split(" ")[0] for heading in sections + entries]
    assert sorted(contents) == sorted(numbers), "the contents list every section and entry"
    # Where each section and entry starts, searched in reading order after the contents.
    position = max(contents_pages) + 1
    starts = {}
    order = []
    for heading in [h for h in sections_and_entries_in_order(sections, entries)]:
        # Whitespace aside: a long heading may wrap after a slash or hyphen.
        while position < len(pages) and squeeze(heading) not in squeeze(pages[position]):
            position += 1
        assert position < len(pages), f"'{heading}' is not in the PDF after the one before it"
        starts[heading.split(" ")[0]] = position + 1
        order.append(heading)
    assert [h for h in order if re.match(r"^\d+\.\d+ ", h)] == entries
    assert contents == starts, "contents page numbers are the pages where sections and entries start"
    # Working internal links: the contents' links lead to those pages.
    assert set(starts.values()) <= link_targets(pdf_folders[name] / "booklet.pdf")


def link_targets(pdf):
    """The pages that the PDF's internal links lead to (link annotations, read by pdftohtml)."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return {int(page) for page in re.findall(r'<a href="[^"#]*#(\d+)"', xml)}


def sections_and_entries_in_order(sections, entries):
    """Section headings ("1. Title") each followed by its entries ("1.1 Title")."""
    result = []
    for section in sections:
        number = section.split(".")[0]
        result.append(section)
        result += [e for e in entries if e.split(".")[0] == number]
    return result


@pytest.mark.parametrize("name", CORPORA)
def test_sections_start_on_a_new_page(pdf_folders, sites, name):
    pages = page_texts(pdf_folders[name] / "booklet.pdf")
    for heading in section_headings(sites[name]):
        starts = [i for i, text in enumerate(pages) if flat(text).startswith(heading)]
        assert starts, f"no page starts with section '{heading}'"


def pdf_strings(pdf):
    """The PDF's bytes with every compressed stream inflated, for looking up metadata."""
    data = pdf.read_bytes()
    inflated = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            inflated.append(zlib.decompressobj().decompress(data[match.end():match.end() + 2_000_000]))
        except zlib.error:
            pass
    return b"\n".join(inflated)


@pytest.mark.parametrize("name", CORPORA)
def test_title_and_language_metadata(pdf_folders, name):
    pdf = pdf_folders[name] / "booklet.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+\S", info, re.M), info
    assert b"/Lang (en)" in pdf_strings(pdf)


@pytest.mark.parametrize("name", CORPORA)
def test_each_handout_has_a_pdf(pdf_folders, sites, name):
    handouts = sorted(p.stem for p in sites[name].glob("*.txt") if p.name != "booklet.txt")
    made = sorted(p.stem for p in pdf_folders[name].glob("*.pdf") if p.name != "booklet.pdf")
    assert made == handouts
    for handout in made:
        text = flat("".join(page_texts(pdf_folders[name] / (handout + ".pdf"))))
        title = re.search(r"<h1[^>]*>(.*?)</h1>", (sites[name] / (handout + ".html")).read_text(encoding="utf-8"),
                          re.S)
        assert title and flat(re.sub(r"<[^>]+>", "", title.group(1))) in text


def test_images_and_the_logo_are_in_the_pdfs(pdf_folders, sites):
    """The images fixture's raster figures (PNG, JPEG, GIF, WebP) are drawn in the booklet
    PDF as on print.html: the PDF is made with the site's files/ beside the pages. (SVGs,
    the logo among them, become vector drawings, which pdfimages does not list.)"""
    pdf = pdf_folders["images"] / "booklet.pdf"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in listing.splitlines()[2:] if line.strip()]
    printed = (sites["images"] / "print.html").read_text(encoding="utf-8")
    raster = [src for src in re.findall(r'<img[^>]* src="([^"]+)"', printed) if not src.endswith(".svg")]
    assert raster, "the fixture's print.html shows raster images"
    assert len(rows) >= len(raster), listing
