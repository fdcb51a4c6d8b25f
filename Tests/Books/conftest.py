"""Shared fixtures: the e-books and PDFs of the real corpus and of the fixtures."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = Path(os.environ.get("SITE_DIR", ROOT / "site"))
BOOKLET = os.environ.get("BOOKLET", str(ROOT / ".build/debug/booklet"))
FIXTURE = ROOT / "Tests/BookletCoreTests/Fixtures/text-every-block/content"

# The booklets checked: the real corpus (its committed, freshly rebuilt site/), a fixture
# with every block type, a comparison section, two vocabularies and a handout, and one
# with a logo, images of every format and an attached file.
IMAGES = ROOT / "Tests/BookletCoreTests/Fixtures/images/content"
CORPORA = {"corpus": ROOT / "content", "every-block": FIXTURE, "images": IMAGES}


def pytest_configure(config):
    if not (SITE_DIR / "booklet.epub").is_file():
        raise pytest.UsageError(f"no built e-book at {SITE_DIR}/booklet.epub (set SITE_DIR or build site/ first)")


def booklet(*arguments, cwd=ROOT):
    return subprocess.run([BOOKLET, *arguments], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """Site folder of each corpus: site/ for the real one, a fresh build for the fixtures."""
    folders = {"corpus": SITE_DIR}
    for name, content in CORPORA.items():
        if name == "corpus":
            continue
        out = tmp_path_factory.mktemp(name) / "site"
        result = booklet("build", "--strict", "--content", str(content), "--templates", str(ROOT / "templates"),
                         "--output", str(out))
        assert result.returncode == 0, result.stderr
        folders[name] = out
    return folders


@pytest.fixture(scope="session")
def pdf_folders(tmp_path_factory):
    """The PDFs `booklet pdf` makes of each corpus, with WeasyPrint from the venv."""
    engine = os.environ.get("WEASYPRINT", "weasyprint")
    folders = {}
    for name, content in CORPORA.items():
        out = tmp_path_factory.mktemp("pdf-" + name)
        result = booklet("pdf", "--strict", "--quiet", "--engine", engine, "--content", str(content),
                         "--templates", str(ROOT / "templates"), "--output", str(out))
        assert result.returncode == 0, result.stderr
        folders[name] = out
    return folders
