#!/usr/bin/env python3
"""Runs the timed builds for Tests/Benchmarks/run and prints a Markdown table.

For each corpus size: Booklet and Hugo alternately, R cold builds each (the
output folder is deleted before every run), under /usr/bin/time -v; then the
cmark CLI once per run over the concatenated entry bodies, as a floor.
Reports the median wall time, the range, CPU (user+sys) seconds, peak RSS,
output size (du -sb), file count and Booklet's search-index.js size.
Any non-zero exit fails the whole benchmark.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile


def die(msg):
    print("measure: " + msg, file=sys.stderr)
    sys.exit(1)


def parse_time_v(text):
    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r": (.*)$", text, re.M)
        if not m:
            die("no %r in /usr/bin/time output:\n%s" % (name, text))
        return m.group(1).strip()

    parts = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    wall = 0.0
    for p in parts:
        wall = wall * 60 + float(p)
    return {
        "wall": wall,
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024.0,
    }


def timed(cmd, label, stdout=subprocess.DEVNULL, cwd=None):
    fd, tf = tempfile.mkstemp(prefix="bench-time-")
    os.close(fd)
    try:
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf] + cmd, stdout=stdout,
                           stderr=subprocess.PIPE, cwd=cwd)
        if p.returncode != 0:
            err = p.stderr.decode("utf-8", "replace")
            lines = err.splitlines()
            shown = "\n".join(lines[:40]) + ("\n... (%d lines in all)" % len(lines) if len(lines) > 40 else "")
            die("%s failed with exit status %d:\n  %s\n%s"
                % (label, p.returncode, " ".join(cmd), shown))
        return parse_time_v(open(tf).read())
    finally:
        os.unlink(tf)


def du_mb(path):
    out = subprocess.run(["du", "-sb", path], check=True, capture_output=True, text=True).stdout
    return int(out.split()[0]) / 1e6


def file_count(path):
    n = 0
    for _, _, files in os.walk(path):
        n += len(files)
    return n


def bodies_file(content, dest):
    """All entry bodies (front matter stripped) in one Markdown file, for cmark."""
    if os.path.exists(dest) and os.path.getmtime(dest) >= os.path.getmtime(os.path.join(content, "taxonomy.yml")):
        return dest
    with open(dest + ".tmp", "w", encoding="utf-8") as out:
        for d in sorted(os.listdir(content)):
            sd = os.path.join(content, d)
            if not os.path.isdir(sd):
                continue
            for f in sorted(os.listdir(sd)):
                if f.endswith(".md"):
                    text = open(os.path.join(sd, f), encoding="utf-8").read()
                    if text.startswith("---\n"):
                        text = text[text.index("\n---\n", 4) + 5:]
                    out.write(text)
                    out.write("\n")
    os.replace(dest + ".tmp", dest)
    return dest


def summary(n, tool, ms):
    """One table row for `tool` at `n` entries from its runs `ms`: median wall time and
    range, median CPU, largest peak RSS; the output columns are left empty."""
    walls = [m["wall"] for m in ms]
    return {
        "entries": n, "tool": tool, "runs": len(ms),
        "wall": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
        "cpu": statistics.median(m["cpu"] for m in ms),
        "rss_mb": max(m["rss_mb"] for m in ms),
        "out_mb": None, "files": None, "search_mb": None,
    }


def fmt(x, nd=2):
    return "-" if x is None else ("%.*f" % (nd, x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench-dir", required=True)
    ap.add_argument("--sizes", type=int, nargs="+", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--booklet", help="booklet binary (omit to skip Booklet)")
    ap.add_argument("--templates")
    ap.add_argument("--booklet-check", action="store_true",
                    help="also time `booklet check` (validation only, writes nothing)")
    ap.add_argument("--hugo", help="hugo binary (omit to skip Hugo)")
    ap.add_argument("--cmark", help="cmark binary (omit to skip cmark)")
    a = ap.parse_args()

    results = []
    for n in a.sizes:
        base = os.path.join(a.bench_dir, "n%d" % n)
        content, hsite = os.path.join(base, "content"), os.path.join(base, "hugo")
        out_b, out_h = os.path.join(base, "out-booklet"), os.path.join(base, "out-hugo")
        tools = []
        if a.booklet:
            tools.append(("Booklet", out_b, [a.booklet, "build", "--content", content, "--templates",
                                             a.templates, "--output", out_b, "--quiet"]))
        if a.booklet and a.booklet_check:
            tools.append(("Booklet check", None, [a.booklet, "check", "--content", content,
                                                  "--templates", a.templates]))
        if a.hugo:
            tools.append(("Hugo", out_h, [a.hugo, "--source", hsite, "--destination", out_h, "--quiet",
                                          "--noBuildLock", "--cacheDir", os.path.join(base, "hugo-cache")]))
        runs = {t[0]: [] for t in tools}
        for r in range(a.runs):
            for name, out, cmd in tools:
                if out:
                    shutil.rmtree(out, ignore_errors=True)
                m = timed(cmd, "%s (%d entries, run %d)" % (name, n, r + 1))
                runs[name].append(m)
                print("  %6d entries  %-7s run %d: %6.2f s wall, %6.2f s CPU, %7.1f MB RSS"
                      % (n, name, r + 1, m["wall"], m["cpu"], m["rss_mb"]), file=sys.stderr)
        row_of = {}
        for name, out, cmd in tools:
            row = summary(n, name, runs[name])
            if out:
                row["out_mb"], row["files"] = du_mb(out), file_count(out)
            if name == "Booklet" and os.path.exists(os.path.join(out, "search-index.js")):
                row["search_mb"] = os.path.getsize(os.path.join(out, "search-index.js")) / 1e6
            row_of[name] = row
            results.append(row)
        if a.cmark:
            bf = bodies_file(content, os.path.join(base, "bodies.md"))
            ms = []
            for r in range(a.runs):
                m = timed([a.cmark, "--smart", bf], "cmark (%d entries)" % n)
                ms.append(m)
                print("  %6d entries  cmark   run %d: %6.2f s wall, %7.1f MB RSS"
                      % (n, r + 1, m["wall"], m["rss_mb"]), file=sys.stderr)
            row = summary(n, "cmark (bodies only)", ms)
            row["input_mb"] = os.path.getsize(bf) / 1e6
            results.append(row)
        if "Booklet" in row_of and "Hugo" in row_of and row_of["Hugo"]["wall"] > 0:
            row_of["Booklet"]["ratio"] = row_of["Booklet"]["wall"] / row_of["Hugo"]["wall"]

    lines = [
        "| entries | tool | wall s (median) | wall s (min–max) | CPU s | peak RSS MB | output MB | files | search index MB | Booklet/Hugo wall |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append("| %d | %s | %s | %s–%s | %s | %s | %s | %s | %s | %s |" % (
            r["entries"], r["tool"], fmt(r["wall"]), fmt(r["wall_min"]), fmt(r["wall_max"]),
            fmt(r["cpu"]), fmt(r["rss_mb"], 0), fmt(r["out_mb"], 1),
            "-" if r["files"] is None else r["files"], fmt(r["search_mb"]),
            fmt(r.get("ratio")) if "ratio" in r else "-"))
    table = "\n".join(lines)
    cores = os.cpu_count()
    note = ("%d runs each, cold output folder; %s, %d cores; median wall time, max peak RSS."
            % (a.runs, platform.platform(), cores))
    print(table)
    print()
    print(note)
    with open(os.path.join(a.bench_dir, "results.md"), "w") as f:
        f.write(table + "\n\n" + note + "\n")
    with open(os.path.join(a.bench_dir, "results.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
