#!/usr/bin/env python3
"""Live-preview benchmark: how long from a saved file to the reloaded page's new
content in Chromium, and whether `booklet serve`'s memory stays flat over many rebuilds.

    .venv-browser/bin/python Tests/Benchmarks/serve.py [--saves 20] [--rebuilds 200]
        [--entries 0,1000] [--binary PATH]

For each corpus (0 = the real content/, N = N synthetic entries from generate.py):

- latency: opens one entry in headless Chromium, then 20 times saves the entry's file
  with a new sentence and waits until the page shows it (the reload script reloads it).
  A save's latency is from just before the write to the moment the reloaded page's HTML
  has arrived in the browser (performance.timing.responseEnd, the same clock), and also
  to its DOMContentLoaded; p50 and p95 are reported, with the rebuild times the server
  printed ("Rebuilt ... in N ms") and the load average around the run.
- memory (first corpus only unless --memory-all): 200 saves, each waited for through
  /__booklet/status, reading VmRSS from /proc after each; it reports RSS after the 10th,
  100th and last rebuild, and the growth over the last 100.

Not a timed test: figures depend on the machine (see README, Live preview).
Needs the browser venv (Tests/Browser/run makes it) and a release build
(`swift build -c release --product booklet`, done here unless --binary is given).
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "Browser"))
from servepreview import Preview, booklet_binary  # noqa: E402


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lower = int(k)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (k - lower)


def browser():
    import os
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--disable-extensions", "--no-first-run"):
        options.add_argument(flag)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def first_entry(content):
    """The first entry file of the first section folder with one, as (path, page)."""
    for section in sorted(p for p in content.iterdir() if p.is_dir()):
        entries = sorted(section.glob("*.md"))
        if entries:
            relative = entries[0].relative_to(content)
            return relative.as_posix(), relative.with_suffix(".html").as_posix()
    raise SystemExit(f"no entry in {content}")


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_generation(preview, after, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = preview.status()
        if status["generation"] > after:
            return status
        time.sleep(0.005)
    raise SystemExit("no rebuild within the timeout")


def latency(preview, driver, saves):
    entry, page = first_entry(preview.content)
    original = preview.read(entry)
    driver.get(preview.url + page)
    samples = []
    for n in range(saves):
        marker = f"Benchmark sentence number {n} about herons."
        time.sleep(0.3)  # let the previous reload settle, so saves do not overlap
        start_ms = time.time() * 1000
        preview.write(entry, original + f"\n{marker}\n")
        deadline = time.time() + 30
        while True:
            try:
                loaded = driver.execute_script(
                    "return document.body && document.body.textContent.indexOf(arguments[0]) >= 0"
                    " && performance.timing.domContentLoadedEventEnd > 0"
                    " ? [performance.timing.responseEnd, performance.timing.domContentLoadedEventEnd] : 0", marker)
            except Exception:
                loaded = 0
            if loaded:
                break
            if time.time() > deadline:
                raise SystemExit(f"save {n} never showed")
            time.sleep(0.005)
        samples.append((loaded[0] - start_ms, loaded[1] - start_ms))
    preview.write(entry, original)
    return samples


def memory(preview, rebuilds):
    entry, _ = first_entry(preview.content)
    original = preview.read(entry)
    generation = preview.status()["generation"]
    readings = []
    for n in range(rebuilds):
        preview.write(entry, original + f"\nRebuild {n}.\n")
        generation = wait_generation(preview, generation)["generation"]
        readings.append(rss_kib(preview.process.pid))
    preview.write(entry, original)
    return readings


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--saves", type=int, default=20)
    ap.add_argument("--rebuilds", type=int, default=200)
    ap.add_argument("--entries", default="0,1000", help="comma-separated; 0 = the real content/")
    ap.add_argument("--binary", help="booklet executable (default: a release build)")
    ap.add_argument("--memory-all", action="store_true", help="measure memory on every corpus")
    args = ap.parse_args()
    binary = str(Path(args.binary).resolve()) if args.binary else booklet_binary("release")
    driver = browser()
    results = []
    try:
        for index, size in enumerate(int(s) for s in args.entries.split(",")):
            if size == 0:
                content, label = ROOT / "content", "real corpus"
            else:
                content = Path(f"/tmp/booklet-serve-bench-{size}")
                subprocess.run([sys.executable, str(ROOT / "Tests/Benchmarks/generate.py"), "--entries", str(size),
                                "--seed", "1", "--out", str(content), "--quiet"], check=True)
                label = f"{size} synthetic entries"
            preview = Preview(content, binary=binary)
            try:
                build_line = preview.output().splitlines()[0]
                load_before = Path("/proc/loadavg").read_text().split()[0]
                pairs = latency(preview, driver, args.saves)
                samples = [p[0] for p in pairs]
                loaded = [p[1] for p in pairs]
                rebuilds = [int(line.rsplit(" in ", 1)[1].split()[0]) for line in preview.output().splitlines()
                            if line.startswith("Rebuilt ")]
                row = {"corpus": label, "first build": build_line,
                       "p50 ms": round(percentile(samples, 50)), "p95 ms": round(percentile(samples, 95)),
                       "max ms": round(max(samples)),
                       "DOMContentLoaded p50 ms": round(percentile(loaded, 50)),
                       "DOMContentLoaded p95 ms": round(percentile(loaded, 95)),
                       "server rebuild p50 ms": round(percentile(rebuilds, 50)) if rebuilds else None,
                       "server rebuild p95 ms": round(percentile(rebuilds, 95)) if rebuilds else None,
                       "load average": [load_before, Path("/proc/loadavg").read_text().split()[0]],
                       "samples": [round(s) for s in samples]}
                if args.rebuilds and (index == 0 or args.memory_all):
                    readings = memory(preview, args.rebuilds)
                    row["rss KiB after 10/100/last"] = [readings[min(9, len(readings) - 1)],
                                                       readings[min(99, len(readings) - 1)], readings[-1]]
                    half = len(readings) // 2
                    row["rss growth over last half KiB"] = readings[-1] - readings[half]
                    row["rss max KiB"] = max(readings)
                results.append(row)
                print(json.dumps(row), flush=True)
            finally:
                preview.stop()
                preview.remove()
    finally:
        driver.quit()
    print()
    print("| corpus | save → HTML p50 | p95 | save → DOMContentLoaded p50 | p95 | rebuild p50 | p95 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in results:
        print(f"| {row['corpus']} | {row['p50 ms']} ms | {row['p95 ms']} ms | {row['DOMContentLoaded p50 ms']} ms"
              f" | {row['DOMContentLoaded p95 ms']} ms | {row['server rebuild p50 ms']} ms"
              f" | {row['server rebuild p95 ms']} ms |")


if __name__ == "__main__":
    main()
