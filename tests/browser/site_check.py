#!/usr/bin/env python3
"""Drive headless Chromium through chromedriver (W3C WebDriver, stdlib only)
over a site written by `qingli site`, and print what it saw as JSON.

usage: site_check.py SITE_DIR QUERY HOSTILE_PAGE [SCREENSHOT_DIR]

Loads index.html, types QUERY into the search box, and reports the rows
shown and the count line; opens HOSTILE_PAGE (a document page with a
hostile title) and reports its <h1> text and whether any dialog opened;
reports whether the annexes' 理由 column wraps on 清理结果.html, console
errors on every page and the page width at 375 px.
"""
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(["chromedriver", f"--port={self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,1000", "--lang=zh-CN"],
            },
            "goog:loggingPrefs": {"browser": "ALL"},
            "unhandledPromptBehavior": "ignore",
        }}}
        self.session = self.call("POST", "/session", caps)["value"]["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:
            return json.load(e)

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})["value"]

    def find(self, css):
        v = self.s("POST", "/element", {"using": "css selector", "value": css})["value"]
        return next(iter(v.values()))

    def dialog(self):
        v = self.s("GET", "/alert/text")["value"]
        return v if isinstance(v, str) else None

    def console_errors(self):
        r = self.s("POST", "/se/log", {"type": "browser"})
        entries = r.get("value") or []
        if not isinstance(entries, list):
            return []
        return [e.get("message", "") for e in entries if e.get("level") == "SEVERE"]

    def shot(self, path):
        png = self.s("GET", "/screenshot")["value"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(png))

    def quit(self):
        try:
            self.s("DELETE", "")
        finally:
            self.proc.terminate()


def main():
    site, query, hostile = sys.argv[1], sys.argv[2], sys.argv[3]
    shots = sys.argv[4] if len(sys.argv) > 4 else None
    root = "file://" + os.path.abspath(site) + "/"
    d = Driver()
    out = {}
    try:
        d.go(root + "index.html")
        out["rows_before"] = d.js("return document.querySelectorAll('#catalog tbody tr').length")
        out["search_visible"] = d.js("return !document.getElementById('search').hidden")
        if shots:
            d.shot(os.path.join(shots, "index.png"))
        box = d.find("#q")
        d.s("POST", f"/element/{box}/click", {})
        d.s("POST", f"/element/{box}/value", {"text": query})
        # The rows load when the search begins (assets/search-data.js).
        for _ in range(100):
            if d.js("return document.getElementById('count').textContent").startswith("找到"):
                break
            time.sleep(0.1)
        out["rows_after"] = d.js("return Array.from(document.querySelectorAll('#catalog tbody tr'))"
                                 ".map(function (r) { return r.cells[1].textContent; })")
        out["count"] = d.js("return document.getElementById('count').textContent")
        out["focused"] = d.js("return document.activeElement && document.activeElement.id")
        out["index_errors"] = d.console_errors()
        d.go(root + hostile)
        out["hostile_h1"] = d.js("return document.querySelector('h1').textContent")
        out["hostile_dialog"] = d.dialog()
        out["hostile_images"] = d.js("return document.images.length")
        if shots:
            d.shot(os.path.join(shots, "document.png"))
        out["document_errors"] = d.console_errors()
        d.go(root + "清理结果.html")
        # The 理由 column of the annexes wraps (long reasons must not
        # squeeze the titles into a narrow column).
        out["annex_reason_white_space"] = d.js(
            "var c = document.querySelector('table.catalog tbody td:nth-child(7)');"
            " return c && getComputedStyle(c).whiteSpace")
        d.go(root + "统计.html")
        out["stats_svgs"] = d.js("return document.querySelectorAll('svg rect').length")
        if shots:
            d.shot(os.path.join(shots, "stats.png"))
        out["stats_errors"] = d.console_errors()
        d.s("POST", "/window/rect", {"width": 375, "height": 800})
        widths = {}
        for page in ("index.html", hostile, "清理结果.html", "统计.html"):
            d.go(root + page)
            widths[page] = d.js("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if shots and page == "index.html":
                d.shot(os.path.join(shots, "index-375.png"))
        out["widths_375"] = widths
        out["errors_375"] = d.console_errors()
    finally:
        d.quit()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
