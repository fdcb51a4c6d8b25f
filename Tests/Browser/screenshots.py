"""Writes the README's screenshots of the built site to docs/screenshots/ (PNG, 1000 px
wide or phone width, reduced to a palette with pngquant and
optipng when installed (apt-get install pngquant optipng)).

    .venv-browser/bin/python Tests/Browser/screenshots.py [SITE_DIR] [OUT_DIR]
"""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

DESKTOP = {"width": 1000, "height": 760, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 760, "deviceScaleFactor": 1, "mobile": True}

# (file name, page, query, device, colour scheme or "print")
SHOTS = [
    ("cover-light", "index.html", "", DESKTOP, "light"),
    ("cover-dark", "index.html", "", DESKTOP, "dark"),
    ("entry-light", "introductions/balint-training.html", "", DESKTOP, "light"),
    ("entry-dark", "introductions/balint-training.html", "", DESKTOP, "dark"),
    ("entry-phone", "leader-functions/timekeeping.html", "", PHONE, "light"),
    ("term-light", "topics/countertransference.html", "", DESKTOP, "light"),
    ("search-light", "search.html", "?q=confidential", DESKTOP, "light"),
    ("search-dark", "search.html", "?q=confidential", DESKTOP, "dark"),
    ("search-phone", "search.html", "?q=silence", PHONE, "dark"),
    ("comparison-phone", "contrasts/index.html", "", PHONE, "light"),
    ("printed-entry", "introductions/balint-training.html", "", DESKTOP, "print"),
]


def main():
    site = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "site"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    import os
    os.environ["SITE_DIR"] = str(site)
    from conftest import browser as browser_fixture
    generator = browser_fixture.__wrapped__()
    browser = next(generator)
    try:
        for name, page, query, device, scheme in SHOTS:
            if not (site / page).is_file():
                print(f"skip {name}: no {page}")
                continue
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", device)
            media = {"media": "print"} if scheme == "print" else {
                "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]}
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", media)
            browser.get((site / page).as_uri() + query)
            browser.execute_script("document.activeElement && document.activeElement.blur()")
            target = out / f"{name}.png"
            browser.save_screenshot(str(target))
            if shutil.which("pngquant"):
                subprocess.run(["pngquant", "--force", "--skip-if-larger", "--strip", "--quality", "70-95",
                                "--output", str(target), "128", str(target)], check=False)
            if shutil.which("optipng"):
                subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", str(target)], check=True)
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
                  f"{target.stat().st_size // 1024} KB")
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
