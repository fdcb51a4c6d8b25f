#!/usr/bin/env python3
"""Synthetic Booklet corpus generator for benchmarks.

    generate.py --entries N --seed S --out DIR [--hugo DIR2]

Writes a corpus in the format of FORMAT.md (booklet.yml, taxonomy.yml and
DIR/<section>/<slug>.md).  With --hugo it also lays out the same corpus as a
Hugo site (hugo.yaml, content/, minimal layouts/) doing comparable work:
entry pages, section pages, vocabulary and term pages.

The output depends only on N and S: one random.Random(seed) drives
everything, nothing reads the clock and no set of strings is iterated.
Existing DIR / DIR2 are removed first.
"""

import argparse
import os
import random
import re
import shutil
import sys
import time

# --------------------------------------------------------------------------
# Vocabulary

FUNCTION_WORDS = """the the the the of of of and and and to to a a in in is is that it
for as with on be by this are was not or at from which but have an they can
their one all more when there will would been its also our than some these such
into most other only may about between each those through over both very""".split()

WORDS = """ability absence acceptance account action activity advice affection agreement
aim alliance ambition analysis anger anxiety appointment approach argument arrangement
attention attitude authority awareness balance behaviour belief benefit boundary burden
capacity care career case challenge change choice circle claim clinic colleague comfort
commitment communication community comparison compassion competence complaint concern
conclusion condition confidence conflict confusion connection consent consequence
context contract contribution control conversation conviction course culture curiosity
danger debate decision defence demand dependence description desire detail development
diagnosis dialogue difference difficulty dignity direction discipline discomfort
discovery discussion distance distress doctor doubt dream duty effort emotion empathy
encounter energy environment error evidence example exchange experience expertise
explanation expression failure fairness faith family fatigue fear feedback feeling
field focus frame freedom friendship frustration function future gesture goal grief
group growth guidance guilt habit harm health history honesty hope hospital humour
idea identity illness image impact impression improvement impulse influence
information insight instinct intention interest interpretation intervention interview
intuition isolation judgement justice knowledge language leader learning limit
listening loss loyalty manner meaning measure medicine meeting memory message method
mind mistake model moment mood motive movement narrative nature need network norm note
notion obligation observation opinion opportunity order outcome pain panel paradox
partner pattern pause perception performance period permission person perspective
phase picture place plan pleasure point position possibility power practice presence
pressure pride principle priority problem process progress promise proposal
protection purpose quality question reaction reality reason recognition reflection
relation relief reluctance report request research resistance resource respect
response responsibility result review risk role routine rule safety satisfaction scene
schedule science season secret security sense sequence session setting shame shift
signal silence situation skill solution sorrow source space speech spirit stage
standard statement status story strain strategy strength stress structure struggle
style subject success suffering suggestion summary support surprise symptom system
talk task teacher teaching team tension theme theory therapy thought threat time
tolerance tone topic tradition training transition treatment trust truth turn
uncertainty understanding unit value version view vision voice vulnerability warmth
weakness welfare whole will wisdom wish witness word work world worry
accept achieve acknowledge address admit adopt advise affect allow answer appear apply
arrive ask assess assume attend avoid begin believe belong build call carry cause
choose claim clarify collect combine come compare complete concern consider contain
continue contribute cope create deal decide define deliver depend describe deserve
design determine develop differ discover discuss display distinguish encourage engage
enjoy ensure enter establish evaluate examine exist expect explain explore express
face fail feel find follow forget form gain give grow guide handle happen hear help
hold identify ignore imagine improve include indicate influence inform insist intend
interpret introduce involve join keep know lead learn leave let listen live look lose
maintain make manage mean meet mention mind miss move need notice observe obtain occur
offer open organise overcome participate perceive perform permit persuade plan point
prefer prepare present preserve prevent produce promote propose protect prove provide
question raise reach react read realise receive recognise recommend record reduce
reflect refuse regard reject relate release remain remember repeat replace report
represent require resist resolve respond rest return reveal review seek seem select
separate serve settle share show signal solve speak stand start state stay stop
strengthen study suggest supply support suppose suspect sustain take talk teach tell
tend test think tolerate touch treat trust try turn understand use value view visit
wait want watch wonder work write
able absent active actual acute adequate alert ancient angry anxious apparent
appropriate available aware basic brief broad calm careful casual central certain
civil clear clinical close cold common complex concrete confident conscious constant
critical curious current daily deep delicate dense difficult direct distant distinct
early easy effective emotional empty entire equal essential eventual evident exact
exciting explicit fair familiar final firm formal former frank free frequent fresh
full general gentle genuine good grateful great happy hard healthy heavy helpful
hidden honest hopeful human ideal immediate implicit important independent informal
initial inner intense internal intimate invisible junior key kind large late lasting
legal light likely limited literal live local logical long loose loyal main major
mature medical mental mild minor modest moral mutual narrow natural near necessary
neutral new normal obvious occasional old open ordinary original other outer painful
particular patient peaceful personal physical plain pleasant polite popular positive
possible powerful practical precise present pretty previous primary private
professional prominent proper public quick quiet rare ready real recent regular
relevant reliable remote rich right rigid rough sad safe secure senior sensitive
separate serious sharp short significant silent similar simple sincere single slow
small smooth social soft solid special specific stable steady strange strict strong
subtle sudden sufficient suitable sure tender thin thorough tired total tough true
typical uncertain unique unusual useful usual valid various vast visible vital warm
weak whole wide willing wise young
again almost already always carefully clearly closely completely directly easily
entirely especially eventually exactly finally fully gently gradually hardly indeed
largely later likely mainly merely mostly nearly never often openly partly perhaps
quickly quietly rarely really recently simply slowly sometimes soon still together
truly usually""".split()

FIRST_NAMES = """Ada Alan Alice Amara Anna Ben Carla Chen Clara Daniel Dana Elena Emil
Farah Felix Grace Hana Hugo Ines Ivan Jonas Julia Kai Karen Lars Lea Leo Lina Maria
Marta Milan Mina Nadia Noah Olga Omar Paula Peter Priya Rosa Ruth Sam Sara Tomas
Una Vera Viktor Yara Zoe""".split()
LAST_NAMES = """Abbott Baker Berger Brandt Castro Chan Costa Dalton Dornfest Ellis
Fischer Fonseca Garcia Hale Hansen Ito Jensen Kaur Keller Kowalski Lambert Larsen
Lopez Moreau Morgan Nakamura Novak Okafor Olsen Patel Perez Quinn Reyes Rossi Sato
Schmidt Silva Sousa Stein Suzuki Troll Varga Vogel Walsh Weber Wong Young Ziegler""".split()
PLACES = """Salinas Santa-Rosa Portland Denver Austin Boston Chicago Madison Eugene
Tucson Albany Raleigh Fresno Dayton Omaha Boise Reno Tulsa Akron Provo""".split()

SECTIONS = [
    ("foundations", "Foundations"),
    ("group-practice", "Group practice"),
    ("leader-functions", "Leader functions"),
    ("case-discussions", "Case discussions"),
    ("training", "Training"),
    ("ethics", "Ethics and boundaries"),
    ("research", "Research"),
    ("history", "History and traditions"),
]

RESERVED = {"index", "search", "print", "assets", "booklet", "handout",
            "topics", "contributors", "http", "https", "mailto", "tel", "ftp",
            "file", "data", "javascript"}

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slugify(text):
    """Heading / id slug: lowercase ASCII alnum, spaces to '-', rest dropped."""
    out = []
    for ch in text.lower():
        if ("a" <= ch <= "z") or ("0" <= ch <= "9"):
            out.append(ch)
        elif ch == " " or ch == "-":
            out.append("-")
    s = re.sub(r"-+", "-", "".join(out)).strip("-")
    return s


# --------------------------------------------------------------------------
# Text generation


class Text:
    def __init__(self, rng):
        self.rng = rng
        # common words are more frequent: the population repeats them
        self.population = FUNCTION_WORDS * 6 + WORDS
        self.content = WORDS

    def words(self, n):
        return self.rng.choices(self.population, k=n)

    def title(self, lo=2, hi=5):
        ws = self.rng.choices(self.content, k=self.rng.randint(lo, hi))
        return " ".join(ws).capitalize()

    def sentence(self, lo=6, hi=18, decorate=True):
        """Returns (text, word count)."""
        rng = self.rng
        ws = self.words(rng.randint(lo, hi))
        n = len(ws)
        if decorate:
            r = rng.random()
            if r < 0.12:
                i = rng.randrange(n)
                ws[i] = "*" + ws[i] + "*"
            elif r < 0.20:
                i = rng.randrange(n)
                ws[i] = "**" + ws[i] + "**"
            elif r < 0.24 and n > 4:
                i = rng.randrange(n - 2)
                ws[i] = '"' + ws[i]
                ws[i + 1] = ws[i + 1] + '"'
            elif r < 0.27 and n > 6:
                i = rng.randrange(2, n - 2)
                ws[i] = ws[i] + " --"
            elif r < 0.30:
                i = rng.randrange(n)
                ws[i] = ws[i] + "'s"
        s = " ".join(ws)
        if rng.random() < 0.15 and n > 8:
            k = s.find(" ", len(s) // 2)
            if k > 0:
                s = s[:k] + "," + s[k:]
        k = 0
        while not s[k].isalpha():
            k += 1
        return s[:k] + s[k].upper() + s[k + 1:] + ".", n


# --------------------------------------------------------------------------
# Corpus model


class Corpus:
    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        self.text = Text(self.rng)
        self.make_vocabularies()
        self.make_entries()

    # -- vocabularies -------------------------------------------------------
    def make_vocabularies(self):
        rng, text = self.rng, self.text
        n = self.n
        n_topics = min(200, max(4, 2 * n))
        n_contrib = min(50, max(2, n))
        taken = set(RESERVED) | {s for s, _ in SECTIONS}
        phrases = set()  # lowercase titles and aliases, globally unique
        self.topics = []
        while len(self.topics) < n_topics:
            title = text.title(1, 3)
            tid = slugify(title)
            if tid in taken or not ID_RE.match(tid) or title.lower() in phrases:
                continue
            taken.add(tid)
            phrases.add(title.lower())
            self.topics.append({"id": tid, "title": title})
        ids = [t["id"] for t in self.topics]
        for t in self.topics:
            s, _ = text.sentence(8, 20, decorate=True)
            t["definition"] = s
            if rng.random() < 0.3:
                aliases = []
                for _ in range(rng.randint(1, 2)):
                    a = t["title"].lower() + rng.choice(["s", " practice", " work", " in groups"])
                    if a not in phrases:
                        phrases.add(a)
                        aliases.append(a)
                if aliases:
                    t["aliases"] = aliases
            if rng.random() < 0.3 and len(ids) > 1:
                see = []
                for _ in range(rng.randint(1, 3)):
                    o = rng.choice(ids)
                    if o != t["id"] and o not in see:
                        see.append(o)
                if see:
                    t["see"] = see
        self.contributors = []
        cids = set()
        while len(self.contributors) < n_contrib:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            cid = slugify(first + " " + last)
            if cid in cids:
                continue
            cids.add(cid)
            place = rng.choice(PLACES).replace("-", " ")
            self.contributors.append({"id": cid, "title": first + " " + last,
                                      "definition": place})

    # -- entries: plan ids and headings first, bodies later -------------------
    def make_entries(self):
        rng, text = self.rng, self.text
        slugs = {s: set() for s, _ in SECTIONS}
        self.entries = []
        order = {s: 0 for s, _ in SECTIONS}
        topic_deck, contrib_deck = [], []

        def draw(deck, pool, k):
            got = []
            tries = 0
            while len(got) < k and tries < 4 * k + 10:
                tries += 1
                if not deck:
                    deck.extend(pool)
                    rng.shuffle(deck)
                x = deck.pop()
                if x in got:
                    deck.insert(0, x)
                    continue
                got.append(x)
            return got

        topic_ids = [t["id"] for t in self.topics]
        contrib_ids = [c["id"] for c in self.contributors]
        for i in range(self.n):
            section = SECTIONS[rng.randrange(len(SECTIONS))][0]
            title = text.title(2, 5)
            base = slugify(title)
            slug, k = base, 1
            while slug in slugs[section] or slug == "index":
                k += 1
                slug = "%s-%d" % (base, k)
            slugs[section].add(slug)
            order[section] += 1
            headings = []
            hids = set()
            n_head = rng.randint(3, 6)
            while len(headings) < n_head:
                h = text.title(1, 4)
                hid = slugify(h)
                if hid and hid not in hids:
                    hids.add(hid)
                    headings.append(h)
            e = {
                "section": section,
                "slug": slug,
                "title": title,
                "order": order[section] if rng.random() < 0.9 else None,
                "topics": draw(topic_deck, topic_ids, rng.randint(2, min(5, len(topic_ids)))),
                "contributors": draw(contrib_deck, contrib_ids, rng.randint(1, min(2, len(contrib_ids)))),
                "headings": headings,
            }
            self.entries.append(e)
        # A deck draw covers every term once per pass; small corpora may still
        # miss some, so hand the leftovers to entries explicitly.
        self._cover("topics", topic_ids, 5)
        self._cover("contributors", contrib_ids, 2)

    def _cover(self, key, ids, cap):
        used = set()
        for e in self.entries:
            used.update(e[key])
        missing = [x for x in ids if x not in used]
        i = 0
        for x in missing:
            for _ in range(len(self.entries)):
                e = self.entries[i % len(self.entries)]
                i += 1
                if len(e[key]) < cap:
                    e[key].append(x)
                    break
            else:
                self.entries[i % len(self.entries)][key].append(x)
                i += 1

    # -- bodies ---------------------------------------------------------------
    def body(self, e, idx):
        rng, text = self.rng, self.text
        # counted words (sentences only) land at ~target..target+100; with the
        # markup tokens a whitespace split of the body stays in 400..900
        target = rng.randint(390, 760)
        # 2-4 cross-references to other entries, placed in random paragraphs
        refs = []
        if self.n > 1:
            for _ in range(rng.randint(2, 4)):
                j = rng.randrange(self.n - 1)
                if j >= idx:
                    j += 1
                t = self.entries[j]
                href = "../%s/%s.md" % (t["section"], t["slug"])
                label = t["title"].lower()
                if rng.random() < 0.35:
                    h = rng.choice(t["headings"])
                    href += "#" + slugify(h)
                    label = h.lower()
                refs.append("[%s](%s)" % (label, href))
        terms = []
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            t = self.topics[rng.randrange(len(self.topics))]
            terms.append("[%s](topics:%s)" % (t["title"].lower(), t["id"]))
        inserts = refs + terms
        rng.shuffle(inserts)

        out = []
        count = 0

        def para(lo, hi):
            nonlocal count
            parts = []
            for _ in range(rng.randint(lo, hi)):
                s, c = text.sentence()
                parts.append(s)
                count += c
            if inserts and rng.random() < 0.5:
                link = inserts.pop()
                parts.append(rng.choice(("See %s.", "Compare %s.", "This is discussed in %s.",
                                         "Read %s for more.")) % link)
                count += 4
            return " ".join(parts)

        out.append(para(2, 4))
        hs = e["headings"]
        for hi, h in enumerate(hs):
            out.append("## " + h)
            count += len(h.split())
            left = target - count
            secs_left = len(hs) - hi
            budget = max(30, left // secs_left)
            start = count
            while count - start < budget and (count < target or count == start):
                r = rng.random()
                if r < 0.60:
                    out.append(para(2, 5))
                elif r < 0.75:
                    items = []
                    for _ in range(rng.randint(3, 6)):
                        s, c = text.sentence(3, 10)
                        items.append("- " + s)
                        count += c
                    out.append("\n".join(items))
                elif r < 0.87:
                    items = []
                    for k in range(1, rng.randint(3, 5) + 1):
                        s, c = text.sentence(4, 12)
                        items.append("%d. %s" % (k, s))
                        count += c
                    out.append("\n".join(items))
                else:
                    s = para(1, 3)
                    out.append("> " + s)
        if inserts:
            out.append(" ".join("See also %s." % x for x in inserts))
        return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Writers


def yaml_list(xs):
    return "[" + ", ".join(xs) + "]"


PLAIN_OK = re.compile(r"^[A-Za-z0-9][^:#'\"\[\]{}]*$")


def ys(s):
    """A YAML scalar: plain when safe, double-quoted otherwise."""
    if PLAIN_OK.match(s) and not s.endswith(" "):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(e, summary, source, hugo=False):
    lines = ["---", "title: " + e["title"]]
    if e["order"] is not None:
        lines.append("order: %d" % e["order"])
        if hugo:
            lines.append("weight: %d" % e["order"])
    lines.append("summary: " + ys(summary))
    lines.append("topics: " + yaml_list(e["topics"]))
    lines.append("contributors: " + yaml_list(e["contributors"]))
    if source:
        lines.append("source: " + ys(source))
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_booklet_meta(c, out):
    handout = c.entries[: min(5, len(c.entries))]
    lines = [
        "title: Synthetic booklet of %d entries" % c.n,
        "subtitle: A generated corpus for benchmarks",
        "publisher: Booklet benchmarks",
        "language: en",
        "text-width: 72",
    ]
    if handout:
        lines += [
            "handouts:",
            "  - id: handout",
            "    title: Welcome to the group",
            "    memo: |",
            "      We meet on *Tuesdays*, 11:30 to 1:00, in the conference room.",
            "    entries:",
        ]
        lines += ["      - %s/%s" % (e["section"], e["slug"]) for e in handout]
    with open(os.path.join(out, "booklet.yml"), "w") as f:
        f.write("\n".join(lines) + "\n")

    t = ["sections:"]
    for sid, title in SECTIONS:
        t += ["  - id: " + sid, "    title: " + title,
              "    summary: " + ys(c.text.sentence(8, 16)[0])]
    t.append("vocabularies:")
    for key, title, terms in (("topics", "Topics", c.topics),
                              ("contributors", "Contributors", c.contributors)):
        t += ["  %s:" % key, "    title: " + title, "    terms:"]
        for term in terms:
            t += ["      - id: " + term["id"], "        title: " + term["title"],
                  "        definition: " + ys(term["definition"])]
            if "aliases" in term:
                t.append("        aliases: " + yaml_list(term["aliases"]))
            if "see" in term:
                t.append("        see: " + yaml_list(term["see"]))
    with open(os.path.join(out, "taxonomy.yml"), "w") as f:
        f.write("\n".join(t) + "\n")


MD_LINK = re.compile(r"\]\(\.\./([a-z0-9-]+)/([a-z0-9-]+)\.md(#[a-z0-9-]+)?\)")
TERM_LINK = re.compile(r"\]\((topics|contributors):([a-z0-9-]+)\)")


def hugo_links(body):
    """Booklet links -> plain relative links to Hugo's (ugly-URL) output pages."""
    body = MD_LINK.sub(lambda m: "](../%s/%s.html%s)" % (m.group(1), m.group(2), m.group(3) or ""), body)
    return TERM_LINK.sub(lambda m: "](../%s/%s.html)" % (m.group(1), m.group(2)), body)


# Hugo >= 0.146 template layout (layouts/<kind>.html); with the old
# _default/ names 0.168 renders term pages with taxonomy.html.
HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><a href="{{ "index.html" | relURL }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "single.html": """{{ define "main" }}
<nav>{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Params.source }}<p class="source">Source: {{ . }}</p>{{ end }}
</article>
<aside>
{{ range $key, $_ := site.Taxonomies }}{{ with $.GetTerms $key }}
<p>{{ (index . 0).Parent.Title }}: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ end }}{{ end }}
</aside>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
""",
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} — {{ . }}{{ end }}</li>
{{ end }}</ol>
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<dl>
{{ range .Pages.ByTitle }}<dt><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</dt><dd>{{ .Content }}</dd>
{{ end }}</dl>
{{ end }}
""",
    "term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} — {{ . }}{{ end }}</li>
{{ end }}</ul>
{{ end }}
""",
    "home.html": """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ol>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} entries)</li>
{{ end }}</ol>
<ul>
{{ range $key, $_ := site.Taxonomies }}<li><a href="{{ (site.GetPage $key).RelPermalink }}">{{ $key }}</a></li>
{{ end }}</ul>
{{ end }}
""",
}


def write_hugo_scaffold(c, out):
    os.makedirs(os.path.join(out, "content"), exist_ok=True)
    with open(os.path.join(out, "hugo.yaml"), "w") as f:
        f.write("""baseURL: http://localhost/
title: Synthetic booklet of %d entries
locale: en
uglyURLs: true
relativeURLs: true
disableKinds: [RSS, sitemap, robotsTXT, 404]
taxonomies:
  topic: topics
  contributor: contributors
markup:
  goldmark:
    renderer:
      unsafe: false
    extensions:
      typographer:
        disable: false
    parser:
      autoHeadingID: true
      autoHeadingIDType: github-ascii
""" % c.n)
    for rel, text in HUGO_LAYOUTS.items():
        p = os.path.join(out, "layouts", rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
    # section pages and term pages with titles/definitions
    for sid, title in SECTIONS:
        d = os.path.join(out, "content", sid)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "_index.md"), "w") as f:
            f.write("---\ntitle: %s\n---\n" % title)
    for key, title, terms in (("topics", "Topics", c.topics),
                              ("contributors", "Contributors", c.contributors)):
        d = os.path.join(out, "content", key)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "_index.md"), "w") as f:
            f.write("---\ntitle: %s\n---\n" % title)
        for t in terms:
            td = os.path.join(d, t["id"])
            os.makedirs(td, exist_ok=True)
            with open(os.path.join(td, "_index.md"), "w") as f:
                f.write("---\ntitle: %s\n---\n%s\n" % (t["title"], t["definition"]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="Booklet content folder to write")
    ap.add_argument("--hugo", help="also write the same corpus as a Hugo site here")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.entries < 1:
        ap.error("--entries must be >= 1")
    t0 = time.monotonic()
    c = Corpus(a.entries, a.seed)
    for d in filter(None, (a.out, a.hugo)):
        if os.path.exists(d):
            shutil.rmtree(d)
    os.makedirs(a.out)
    write_booklet_meta(c, a.out)
    for sid, _ in SECTIONS:
        os.makedirs(os.path.join(a.out, sid), exist_ok=True)
    if a.hugo:
        write_hugo_scaffold(c, a.hugo)
    words = 0
    rng, text = c.rng, c.text
    for idx, e in enumerate(c.entries):
        body = c.body(e, idx)
        summary = text.sentence(6, 14, decorate=False)[0]
        source = None
        if rng.random() < 0.4:
            src = rng.choice(c.contributors)
            source = "%s, from %s, %s" % (text.title(2, 4), src["title"], src["definition"])
        words += body.count(" ") + body.count("\n")
        name = e["slug"] + ".md"
        with open(os.path.join(a.out, e["section"], name), "w") as f:
            f.write(front_matter(e, summary, source))
            f.write(body)
        if a.hugo:
            with open(os.path.join(a.hugo, "content", e["section"], name), "w") as f:
                f.write(front_matter(e, summary, source, hugo=True))
                f.write(hugo_links(body))
    if not a.quiet:
        print("generated %d entries (~%d words), %d topics, %d contributors in %.1fs"
              % (c.n, words, len(c.topics), len(c.contributors), time.monotonic() - t0),
              file=sys.stderr)


if __name__ == "__main__":
    main()
