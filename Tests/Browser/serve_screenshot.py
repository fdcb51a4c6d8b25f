"""Writes the README's screenshot of the live preview's error page
(docs/screenshots/serve-error.png): `booklet serve` on a copy of content/, an entry
open, then a save with a misspelt term and a broken link.

    .venv-browser/bin/python Tests/Browser/serve_screenshot.py [OUT_DIR]
"""
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from servepreview import ROOT, Preview  # noqa: E402

ENTRY = "ground-rules/a-completely-confidential-forum.md"
DESKTOP = {"width": 1000, "height": 760, "deviceScaleFactor": 1, "mobile": False}


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from conftest import browser as browser_fixture
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    generator = browser_fixture.__wrapped__()
    browser = next(generator)
    preview = Preview(ROOT / "content")
    try:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)
        browser.get(preview.url + ENTRY.replace(".md", ".html"))
        text = preview.read(ENTRY)
        broken = text.replace("topics: [", "topics: [silense, ", 1) + \
            "\nSee [the frame](../leadership/maintaining-the-frame.md).\n"
        preview.write(ENTRY, broken)
        WebDriverWait(browser, 60).until(lambda b: b.find_elements(By.ID, "booklet-problems"))
        target = out / "serve-error.png"
        browser.save_screenshot(str(target))
        if shutil.which("pngquant"):
            subprocess.run(["pngquant", "--force", "--skip-if-larger", "--strip", "--quality", "70-95",
                            "--output", str(target), "128", str(target)], check=False)
        if shutil.which("optipng"):
            subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", str(target)], check=True)
        print(f"{target}: {target.stat().st_size // 1024} KB")
    finally:
        preview.stop()
        preview.remove()
        browser.quit()


if __name__ == "__main__":
    main()
