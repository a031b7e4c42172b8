#!/usr/bin/env python3
"""A straightforward Python implementation of qingli review's date rules, for
the benchmark's "at least 15x faster than Python" target.

Reads a register with tomllib (sorted walk), applies the status rules and
Q01-Q13 with the same date logic as qingli, and prints verdict counts as JSON
(`{"保留": n, ...}`) so the benchmark can cross-check them against qingli.
Usage: baseline.py REGISTER AS_OF
"""
import datetime as dt
import json
import os
import re
import sys
import tomllib

ORDER = {"保留": 0, "修改": 1, "失效": 2, "废止": 3}


def norm_law(s):
    s = re.sub(r"[《》〈〉\s]", "", s)
    if s.startswith("中华人民共和国") and len(s) > 7:
        s = s[7:]
    return s


def norm_number(s):
    return re.sub(r"\s*[\[［(（【„〖{｛〈<「〔]\s*(\d{4})\s*[\]］)）】‟〗}｝〉>」〕]\s*", r"〔\1〕", s.strip(), count=1)


def series(s):
    m = re.match(r"^(.*?)\s*[\[［(（【„〖{｛〈<「〔]\s*\d{4}\s*[\]］)）】‟〗}｝〉>」〕]", s.strip())
    return m.group(1) if m else None


def add_years(d, years):
    y = d.year + years
    try:
        return d.replace(year=y)
    except ValueError:
        return d.replace(year=y, day=28)


def main():
    root, as_of = sys.argv[1], dt.date.fromisoformat(sys.argv[2])
    with open(os.path.join(root, "qingli.toml"), "rb") as f:
        cfg = tomllib.load(f)
    policy = {"validity_max_years": 5, "provisional_max_years": 2, "default_validity_years": 0}
    policy.update(cfg.get("policy", {}))
    camp = cfg.get("campaign", {})
    laws, law_index = [], {}
    for name in sorted(os.listdir(os.path.join(root, "laws"))):
        if name.endswith(".toml") and not name.startswith("."):
            with open(os.path.join(root, "laws", name), "rb") as f:
                for law in tomllib.load(f).get("law", []):
                    laws.append(law)
                    keys = {norm_law(k) for k in [law["name"], law.get("full_name")] + law.get("aliases", []) if k}
                    for key in keys:
                        law_index.setdefault(key, []).append(law)

    def get_law(ref):
        hits = law_index.get(norm_law(ref), [])
        return hits[0] if len(hits) == 1 else None

    docs = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "documents")):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".toml") and not name.startswith("."):
                with open(os.path.join(dirpath, name), "rb") as f:
                    d = tomllib.load(f)
                d["id"] = name[:-5]
                docs.append(d)
    by_number, by_id = {}, {}
    for d in docs:
        if "doc_number" in d:
            by_number.setdefault(norm_number(d["doc_number"]), []).append(d)
        by_id.setdefault(d["id"], []).append(d)

    counts = {"保留": 0, "修改": 0, "废止": 0, "失效": 0}
    report = []
    for d in docs:
        issued = d["issued"]
        effective = d.get("effective", issued)
        ended = [e for e in d.get("event", []) if e["type"] in ("废止", "失效") and e["date"] <= as_of]
        if ended or (camp.get("made_before") and issued >= camp["made_before"]) or issued > as_of:
            continue
        out = []
        findings = d.get("finding", [])
        for f in findings:
            if f["type"] == "上位法抵触":
                out.append("废止" if f["scope"] == "main" else "修改")
            elif f["type"] == "越权设定":
                out.append("废止" if f["scope"] == "main" else "修改")
        ref = d.get("superseded_by")
        if ref:
            hits = {id(x): x for x in by_number.get(norm_number(ref), []) + by_id.get(ref.strip(), [])}
            law = get_law(ref)
            if len(hits) == 1 and not law:
                (by,) = hits.values()
                if by is not d and by["issued"] <= as_of:
                    out.append("废止")
            elif not hits and law:
                eff = law.get("effective") or law.get("promulgated")
                if eff is None or eff <= as_of:
                    out.append("废止")
        if d.get("applies_until") and d["applies_until"] < as_of:
            out.append("失效")
        if d.get("subject_gone") and d["subject_gone"] <= as_of:
            out.append("失效")
        title = d["title"]
        provisional = d.get("provisional", "暂行" in title or "试行" in title)
        expires = d.get("expires")
        if expires is None and policy["default_validity_years"] > 0:
            years = policy["provisional_max_years"] if provisional else policy["default_validity_years"]
            expires = add_years(effective, years) - dt.timedelta(days=1)
        if expires and expires < as_of:
            out.append("失效")
        for b in d.get("basis", []):
            law = get_law(b)
            if law and law.get("repealed") and law["repealed"] <= as_of:
                out.append("修改")
                break
        if "expires" in d:
            years = policy["provisional_max_years"] if provisional else policy["validity_max_years"]
            if d["expires"] < effective or d["expires"] > add_years(effective, years) - dt.timedelta(days=1):
                out.append("修改")
        windows = camp.get("scope", [])
        if windows:
            s = series(d.get("doc_number", "")) if d.get("doc_number") else None
            kind = d.get("kind", "规范性文件")
            ok = False
            for w in windows:
                dated = w.get("from", dt.date.min) <= issued <= w.get("to", dt.date.max)
                kinds, ser = w.get("kinds", []), w.get("series", [])
                if dated and ((not kinds and not ser) or "*" in kinds or kind in kinds or "*" in ser or s in ser):
                    ok = True
            if not ok:
                out.append("废止")
        advice = []
        if any(f["type"] == "与上级文件不一致" for f in findings):
            advice.append("Q10")
        for focus in camp.get("focus", []):
            if any(k in title for k in focus.get("keywords", [])):
                law = norm_law(focus["law"])
                done = any(e["type"] == "对照审查" and e["date"] <= as_of and norm_law(e.get("law", "")) == law
                           for e in d.get("event", []))
                done = done or any(norm_law(f.get("law", "")) == law for f in findings)
                if not done:
                    advice.append("Q12")
        for b in d.get("basis", []):
            law = get_law(b)
            if law and any(issued < r <= as_of for r in law.get("revised", [])):
                advice.append("Q13")
        suggested = max(out, key=ORDER.get) if out else "保留"
        decision = d.get("review", {}).get("decision")
        verdict = decision or suggested
        counts[verdict] += 1
        report.append({"id": d["id"], "doc_number": d.get("doc_number"), "title": title, "issued": str(issued),
                       "suggested": suggested, "advice": advice, "decision": decision, "verdict": verdict})
    json.dump({"as_of": str(as_of), "documents": report, "summary": counts}, sys.stdout, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
