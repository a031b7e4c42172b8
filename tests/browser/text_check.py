#!/usr/bin/env python3
"""Drive headless Chromium over a site with document texts (`qingli site`)
and print what it saw as JSON.

usage: text_check.py SITE_DIR QUERY TEXT_PAGE ANCHOR HIDDEN_PAGE [ISSUER [SCREENSHOT_DIR]]

On index.html, types QUERY and reports the count line, the rows shown,
the sentence under each hit in a text, the link of the first hit, what
"显示更多" adds when it is offered (*_more), and the
search data loaded until the results showed: each file and its size (the
sizes of the files themselves, since a page opened from disk reports no
transfer sizes). Opens TEXT_PAGE#ANCHOR at 390 px and reports whether the
anchor's paragraph is the target and in view, the page's width and the note
above the text; opens HIDDEN_PAGE and reports its note and whether it has
a text. With ISSUER (not "-"), reloads index.html, chooses that 制定机关
in the filter with no query and reports the count line and the rows
(filter_*). Console errors are reported per page.
"""
import json
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from site_check import Driver  # noqa: E402


def loaded(d, root):
    """The files the page has loaded so far (its stylesheets and scripts,
    those the search added included), with their sizes on disk."""
    names = d.js("return Array.from(document.querySelectorAll('script[src], link[rel=stylesheet]'))"
                 ".map(function (e) { return e.src || e.href; })")
    out = []
    for url in names:
        path = urllib.parse.unquote(urllib.parse.urlparse(url).path)
        rel = os.path.relpath(path, root)
        out.append([rel, os.path.getsize(path) if os.path.isfile(path) else 0])
    return out


def main():
    site, query, page, anchor, hidden = sys.argv[1:6]
    issuer = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] != "-" else None
    shots = sys.argv[7] if len(sys.argv) > 7 else None
    root = os.path.abspath(site)
    url = "file://" + root + "/"
    d = Driver()
    out = {}
    try:
        d.go(url + "index.html")
        before = {name for name, _ in loaded(d, root)}
        box = d.find("#q")
        d.s("POST", f"/element/{box}/click", {})
        start = time.time()
        d.s("POST", f"/element/{box}/value", {"text": query})
        for _ in range(300):
            if d.js("return document.getElementById('count').textContent").startswith("找到"):
                break
            time.sleep(0.05)
        out["seconds"] = round(time.time() - start, 2)
        out["count"] = d.js("return document.getElementById('count').textContent")
        out["rows"] = d.js("return Array.from(document.querySelectorAll('#catalog tbody tr:not(.hit)'))"
                           ".map(function (r) { return r.cells[1].textContent; })")
        out["hits"] = d.js("return Array.from(document.querySelectorAll('#catalog tbody tr.hit'))"
                           ".map(function (r) { return [r.previousSibling.cells[1].textContent, r.textContent,"
                           " (r.querySelector('mark') || {}).textContent || null]; })")
        out["first_hit_href"] = d.js("var h = document.querySelector('#catalog tbody tr.hit');"
                                     " return h && decodeURIComponent(h.previousSibling.querySelector('a').getAttribute('href'))")
        out["more_visible"] = d.js("return !document.getElementById('more').hidden")
        if out["more_visible"]:
            # 显示更多: the next page of results, confirming more texts.
            shown = len(out["rows"])
            d.s("POST", f"/element/{d.find('#more')}/click", {})
            for _ in range(300):
                rows = d.js("return document.querySelectorAll('#catalog tbody tr:not(.hit)').length")
                if rows > shown or d.js("return document.getElementById('more').hidden"):
                    break
                time.sleep(0.05)
            time.sleep(0.2)
            out["rows_more"] = d.js("return document.querySelectorAll('#catalog tbody tr:not(.hit)').length")
            out["hits_more"] = d.js("return document.querySelectorAll('#catalog tbody tr.hit').length")
            out["count_more"] = d.js("return document.getElementById('count').textContent")
            out["more_visible_after"] = d.js("return !document.getElementById('more').hidden")
        fetched = [f for f in loaded(d, root) if f[0] not in before]
        out["fetched"] = fetched
        out["fetched_bytes"] = sum(size for _, size in fetched)
        out["page_bytes"] = sum(os.path.getsize(os.path.join(root, f)) for f in sorted(before) if
                                os.path.isfile(os.path.join(root, f))) + os.path.getsize(os.path.join(root, "index.html"))
        if shots:
            d.shot(os.path.join(shots, "search.png"))
        out["index_errors"] = d.console_errors()
        if issuer:
            # A filter alone (the rows come from facets.js), then with a query.
            d.go(url + "index.html")
            d.js("var s = document.getElementById('f-issuer'); s.value = arguments[0];"
                 " s.dispatchEvent(new Event('change'))", issuer)
            for _ in range(300):
                if d.js("return document.getElementById('count').textContent").startswith("找到"):
                    break
                time.sleep(0.05)
            out["filter_count"] = d.js("return document.getElementById('count').textContent")
            out["filter_rows"] = d.js("return Array.from(document.querySelectorAll('#catalog tbody tr:not(.hit)'))"
                                      ".map(function (r) { return r.cells[1].textContent; })")
            out["filter_errors"] = d.console_errors()
        d.s("POST", "/window/rect", {"width": 390, "height": 844})
        if shots:
            d.go(url + "index.html")
            box = d.find("#q")
            d.s("POST", f"/element/{box}/value", {"text": query})
            for _ in range(300):
                if d.js("return document.getElementById('count').textContent").startswith("找到"):
                    break
                time.sleep(0.05)
            d.shot(os.path.join(shots, "search-390.png"))
        d.go(url + page + "#" + urllib.parse.quote(anchor))
        time.sleep(0.2)
        out["target"] = d.js("var t = document.querySelector(':target'); return t && [t.id, t.textContent.slice(0, 40)]")
        out["target_in_view"] = d.js("var t = document.querySelector(':target'); if (!t) return false;"
                                     " var r = t.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight")
        out["anchors"] = d.js("return Array.from(document.querySelectorAll('.text p[id]')).map(function (p) { return p.id; })")
        out["note"] = d.js("var n = document.querySelector('.text-note'); return n && n.textContent")
        out["note_above_text"] = d.js("var n = document.querySelector('.text-note'), t = document.querySelector('.text');"
                                      " return !!(n && t && (n.compareDocumentPosition(t) & 4))")
        out["width_390"] = d.js("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        out["font_px"] = d.js("var p = document.querySelector('.text p'); return p && parseFloat(getComputedStyle(p).fontSize)")
        if shots:
            d.shot(os.path.join(shots, "text-390.png"))
        out["text_errors"] = d.console_errors()
        d.go(url + hidden)
        out["hidden_note"] = d.js("var n = document.querySelector('.text-note'); return n && n.textContent")
        out["hidden_has_text"] = d.js("return !!document.querySelector('.text')")
        out["hidden_errors"] = d.console_errors()
    finally:
        d.quit()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
