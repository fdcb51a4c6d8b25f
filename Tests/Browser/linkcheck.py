"""A link checker for the offline booklet (usable alone: `python3 linkcheck.py [SITE]`).

Rules, because the site must work from file:// and without network:
- every href/src/action resolves to a file inside the site, and a `#fragment` to an id
  in that file;
- no `/`-rooted, protocol-relative or folder links (a folder opens a file listing);
- resources (script, stylesheet, image, media, CSS url()) are never loaded over http(s);
  plain `<a href="https://...">` links to the outside are allowed, as are mailto: and tel:;
- every result link in search-index.js resolves too.
"""
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# (tag, attribute) pairs that load a resource rather than navigate.
RESOURCE_ATTRIBUTES = {
    ("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("embed", "src"),
    ("object", "data"), ("source", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("track", "src"), ("input", "src"),
}
LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("form", "action")}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.references = []  # (line, tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value is not None and (name == "id" or tag == "a"):
                self.ids.add(value)
            if value is None:
                continue
            if (tag, name) in RESOURCE_ATTRIBUTES or (tag, name) in LINK_ATTRIBUTES:
                self.references.append((self.getpos()[0], tag, name, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.references.append((self.getpos()[0], tag, name, candidate.split()[0]))

    handle_startendtag = handle_starttag


class LinkChecker:
    def __init__(self, site):
        self.site = Path(site).resolve()
        self._pages = {}

    def page(self, path):
        """Parsed HTML of `path` (a resolved file inside the site), cached."""
        if path not in self._pages:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8"))
            parser.close()
            self._pages[path] = parser
        return self._pages[path]

    def check_reference(self, source, value, resource):
        """The problem with `value` found in file `source`, or None."""
        if value.strip() != value or value == "":
            return "empty or space-padded URL"
        parts = urlsplit(value)
        if parts.scheme:
            if resource:
                return f"resource loaded from {parts.scheme}: (must be a file inside the site)"
            if parts.scheme.lower() not in EXTERNAL_LINK_SCHEMES:
                return f"link with scheme {parts.scheme}:"
            if parts.scheme.lower() in ("http", "https") and not parts.netloc:
                return "external link without a host"
            return None
        if value.startswith("//"):
            return "protocol-relative URL (breaks on file://)"
        if value.startswith("/"):
            return "root-relative URL (breaks on file://)"
        if parts.path == "":
            target = source
        else:
            if parts.path.endswith("/"):
                return "link to a folder (opens a file listing on file://)"
            target = (source.parent / unquote(parts.path)).resolve()
            if target != self.site and self.site not in target.parents:
                return "points outside the site"
            if target.is_dir():
                return "link to a folder (opens a file listing on file://)"
            if not target.is_file():
                return f"missing file {target.relative_to(self.site).as_posix()}"
        if parts.fragment or value.endswith("#"):
            if not parts.fragment:
                return "empty fragment"
            if target.suffix != ".html":
                return "fragment on a non-HTML file"
            if unquote(parts.fragment) not in self.page(target).ids:
                return f"no id '{unquote(parts.fragment)}' in {target.relative_to(self.site).as_posix()}"
        return None

    def check_html(self, path):
        findings = []
        for line, tag, attribute, value in self.page(path).references:
            resource = (tag, attribute) in RESOURCE_ATTRIBUTES or attribute == "srcset"
            problem = self.check_reference(path, value, resource)
            if problem:
                findings.append(f"{self.rel(path)}:{line}: <{tag} {attribute}=\"{value}\">: {problem}")
        return findings

    def check_css(self, path):
        findings = []
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)|@import\s+['\"]([^'\"]+)['\"]", text):
            value = match.group(1) or match.group(2)
            if value.startswith("data:") or value.startswith("#"):
                continue
            problem = self.check_reference(path, value, resource=True)
            if problem:
                line = text.count("\n", 0, match.start()) + 1
                findings.append(f"{self.rel(path)}:{line}: url({value}): {problem}")
        return findings

    def check_search_index(self, path):
        text = path.read_text(encoding="utf-8")
        match = re.match(r"\s*window\.BOOKLET_SEARCH_INDEX\s*=\s*(.*?);?\s*$", text, re.S)
        if not match:
            return [f"{self.rel(path)}: does not assign window.BOOKLET_SEARCH_INDEX"]
        index = json.loads(match.group(1))
        findings = []
        for url in index["docs"] if isinstance(index, dict) else [d["u"] for d in index]:
            url = url[0] if isinstance(url, list) else url
            problem = self.check_reference(self.site / "search.html", url, resource=False)
            if problem:
                findings.append(f"{self.rel(path)}: result link {url}: {problem}")
        return findings

    def check_site(self):
        findings = []
        for path in sorted(self.site.rglob("*")):
            if path.suffix == ".html":
                findings += self.check_html(path)
            elif path.suffix == ".css":
                findings += self.check_css(path)
        index = self.site / "search-index.js"
        if index.is_file():
            findings += self.check_search_index(index)
        return findings

    def rel(self, path):
        return path.relative_to(self.site).as_posix()


if __name__ == "__main__":
    from sitepages import SITE_DIR
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else SITE_DIR
    problems = LinkChecker(site).check_site()
    print("\n".join(problems) or "no broken links")
    sys.exit(1 if problems else 0)
