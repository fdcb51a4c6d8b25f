#!/usr/bin/env python3
"""Checks a generated corpus against the rules of FORMAT.md.

    check_corpus.py DIR [--hugo DIR2]

Independent of generate.py (it parses the files it wrote, with PyYAML):
ids valid, sections and terms declared, every declared term used,
cross-references resolve (entry and heading anchor), term links resolve,
front-matter keys known, bodies of 400-900 words, no reserved names.
With --hugo, checks that the Hugo copy has the same entries and that its
rewritten links point at pages Hugo will write.  Exit 1 on any problem.
"""

import argparse
import os
import re
import sys

import yaml

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RESERVED = {"index", "search", "print", "assets"}
SCHEMES = {"http", "https", "mailto", "tel", "ftp", "file", "data", "javascript"}
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def heading_id(text):
    text = re.sub(r"[*_`]", "", text).lower()
    s = "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch in " -"))
    return re.sub(r"-+", "-", s.replace(" ", "-")).strip("-")


def split_front(text):
    if not text.startswith("---\n"):
        return None, text, 1
    end = text.find("\n---\n", 4)
    if end < 0:
        return None, text, 1
    fm = text[4:end]
    body = text[end + 5:]
    return fm, body, fm.count("\n") + 3


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--hugo")
    a = ap.parse_args(argv)
    errors = []

    def err(where, msg):
        errors.append("%s: %s" % (where, msg))

    root = a.dir
    conf = yaml.safe_load(open(os.path.join(root, "booklet.yml")))
    tax = yaml.safe_load(open(os.path.join(root, "taxonomy.yml")))
    if not isinstance(conf.get("title"), str):
        err("booklet.yml", "title missing")
    sections = [s["id"] for s in tax["sections"]]
    vocabs = {k: {t["id"]: t for t in v["terms"]} for k, v in tax["vocabularies"].items()}
    names = sections + list(vocabs)
    for n in names:
        if not ID.match(n):
            err("taxonomy.yml", "bad id %r" % n)
        if n in RESERVED or n in SCHEMES:
            err("taxonomy.yml", "reserved name %r" % n)
    if len(set(names)) != len(names):
        err("taxonomy.yml", "duplicate section/vocabulary key")
    for key, terms in vocabs.items():
        for tid, t in terms.items():
            if not ID.match(tid):
                err("taxonomy.yml", "bad term id %r" % tid)
            if not isinstance(t.get("title"), str):
                err("taxonomy.yml", "term %s without title" % tid)
            if t.get("definition") is not None and not isinstance(t["definition"], str):
                err("taxonomy.yml", "term %s: definition not a string" % tid)
            for s in t.get("see", []) or []:
                if s not in terms:
                    err("taxonomy.yml", "term %s: see %s undeclared" % (tid, s))
            for al in t.get("aliases", []) or []:
                if not isinstance(al, str):
                    err("taxonomy.yml", "term %s: alias not a string" % tid)
        if len(terms) != len(tax["vocabularies"][key]["terms"]):
            err("taxonomy.yml", "duplicate term ids in %s" % key)

    # pass 1: entries and their headings
    entries = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        for f in sorted(filenames):
            if rel == "." and f in ("booklet.yml", "taxonomy.yml"):
                continue
            path = os.path.join(rel, f)
            if rel not in sections or not f.endswith(".md"):
                err(path, "file outside a declared section")
                continue
            slug = f[:-3]
            if not ID.match(slug) or slug == "index":
                err(path, "bad slug")
            text = open(os.path.join(dirpath, f), encoding="utf-8").read()
            fm, body, first = split_front(text)
            if fm is None:
                err(path, "no front matter")
                continue
            meta = yaml.safe_load(fm)
            heads = set()
            for line in body.split("\n"):
                m = HEADING.match(line)
                if m:
                    heads.add(heading_id(m.group(2)))
            entries["%s/%s" % (rel, slug)] = (path, meta, body, first, heads)

    used = {k: set() for k in vocabs}
    words = []
    for eid, (path, meta, body, first, heads) in entries.items():
        section = eid.split("/")[0]
        if not isinstance(meta.get("title"), str) or not meta["title"]:
            err(path, "title missing")
        if "order" in meta and not isinstance(meta["order"], int):
            err(path, "order not an integer")
        for k in ("summary", "source"):
            if k in meta and not isinstance(meta[k], str):
                err(path, "%s not a string" % k)
        for k, v in meta.items():
            if k in ("title", "order", "summary", "source"):
                continue
            if k not in vocabs:
                err(path, "unknown front-matter key %r" % k)
                continue
            if not isinstance(v, list):
                err(path, "%s is not a list" % k)
                continue
            for t in v:
                if t not in vocabs[k]:
                    err(path, "unknown %s term %r" % (k, t))
                used[k].add(t)
        if not (2 <= len(meta.get("topics", [])) <= 5):
            err(path, "topics count %d" % len(meta.get("topics", [])))
        if not (1 <= len(meta.get("contributors", [])) <= 2):
            err(path, "contributors count %d" % len(meta.get("contributors", [])))
        n_words = len(body.split())
        words.append(n_words)
        if not (400 <= n_words <= 900):
            err(path, "body has %d words" % n_words)
        n_refs = 0
        for ln, line in enumerate(body.split("\n"), first):
            for m in LINK.finditer(line):
                href = m.group(2)
                where = "%s:%d:%d" % (path, ln, m.start() + 1)
                scheme, colon, rest = href.partition(":")
                if colon and scheme in vocabs:
                    if rest not in vocabs[scheme]:
                        err(where, "unknown term link %s" % href)
                    continue
                if colon:
                    err(where, "unexpected link %s" % href)
                    continue
                target, _, anchor = href.partition("#")
                if not target.endswith(".md"):
                    err(where, "not an entry link %s" % href)
                    continue
                tid = os.path.normpath(os.path.join(section, target[:-3]))
                if tid not in entries:
                    err(where, "broken cross-reference %s" % href)
                    continue
                if tid == eid:
                    err(where, "self reference")
                n_refs += 1
                if anchor and anchor not in entries[tid][4]:
                    err(where, "no heading #%s in %s" % (anchor, tid))
        if len(entries) > 1 and not (2 <= n_refs <= 4):
            err(path, "%d cross-references" % n_refs)
    for k, terms in vocabs.items():
        for t in terms:
            if t not in used[k]:
                err("taxonomy.yml", "%s term %s never used" % (k, t))
    for h in (conf.get("handouts") or []):
        for e in h.get("entries", []):
            if e not in entries:
                err("booklet.yml", "handout entry %s missing" % e)

    if a.hugo:
        c = os.path.join(a.hugo, "content")
        for eid, (path, meta, body, first, heads) in entries.items():
            hp = os.path.join(c, eid + ".md")
            if not os.path.exists(hp):
                err(hp, "missing Hugo copy")
                continue
            text = open(hp, encoding="utf-8").read()
            for m in LINK.finditer(text):
                href = m.group(2).partition("#")[0]
                if href.endswith(".html"):
                    tgt = os.path.normpath(os.path.join(eid.split("/")[0], href))
                    parts = tgt.split("/")
                    if parts[0] in vocabs:
                        ok = parts[1][:-5] in vocabs[parts[0]]
                    else:
                        ok = tgt[:-5] in entries
                    if not ok:
                        err(hp, "Hugo link %s does not resolve" % href)
                else:
                    err(hp, "Hugo link %s not rewritten" % href)

    for e in errors[:50]:
        print(e, file=sys.stderr)
    words.sort()
    print("%d entries, %d sections, %s; words min %d median %d max %d; %d problems"
          % (len(entries), len(sections),
             ", ".join("%d %s" % (len(v), k) for k, v in vocabs.items()),
             words[0] if words else 0, words[len(words) // 2] if words else 0,
             words[-1] if words else 0, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
