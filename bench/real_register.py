#!/usr/bin/env python3
"""Builds a qingli register from real national administrative regulations
(行政法规), to measure `qingli scan` on real texts (issue 46).

The source is a checkout of the public LawRefBook/Laws repository (one
Markdown file per law: `# title`, the promulgation lines, `<!-- INFO END -->`,
the articles). Each 行政法规 becomes a record with its text beside it; every
law and regulation of the checkout goes into the law table, with the starter
table `qingli init` writes (which holds repealed laws such as 物权法).

    python3 bench/real_register.py CHECKOUT OUT

CHECKOUT is a git directory or work tree; OUT must not exist.
"""
import os
import re
import subprocess
import sys

LAW_DIRS = ["宪法", "宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法",
            "诉讼与非诉讼程序法", "行政法规", "部门规章", "司法解释"]
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def files(repo):
    out = subprocess.run(["git", "-C", repo, "-c", "core.quotepath=off", "ls-tree", "-r", "--name-only", "HEAD"],
                         check=True, capture_output=True, text=True).stdout
    return [f for f in out.splitlines() if f.endswith(".md") and not f.endswith("_index.md")]


def show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], check=True, capture_output=True).stdout.decode()


def parse(md):
    head, _, body = md.partition("<!-- INFO END -->")
    title = next((l[2:].strip() for l in head.splitlines() if l.startswith("# ")), None)
    info = [l.strip() for l in head.splitlines() if l.strip() and not l.startswith("#")]
    return title, info, body


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    repo, out = sys.argv[1], sys.argv[2]
    os.makedirs(out)
    os.makedirs(f"{out}/documents")
    os.makedirs(f"{out}/laws")
    with open(f"{out}/qingli.toml", "w") as f:
        f.write('[register]\nname = "国务院行政法规(实测 scan 用)"\n')
    all_files = files(repo)
    # The newest version of each title.
    latest = {}
    for p in all_files:
        top, name = p.split("/", 1)[0], p.rsplit("/", 1)[-1]
        if top not in LAW_DIRS:
            continue
        m = re.match(r"(.+?)(?:\((\d{4}-\d{2}-\d{2})\))?\.md$", name)
        key = (top, m.group(1))
        if key not in latest or (m.group(2) or "") > (latest[key][1] or ""):
            latest[key] = (p, m.group(2))
    starter = open(os.path.join(os.path.dirname(__file__), "..", "src", "templates", "laws.toml")).read()
    known = set(re.findall(r'^name = "(.+)"$', starter, re.M))
    laws, docs = [], 0
    for (top, name), (p, version) in sorted(latest.items()):
        md = show(repo, p)
        title, info, body = parse(md)
        if not title:
            continue
        short = title.removeprefix("中华人民共和国")
        if top != "行政法规" and short not in known:
            level = {"部门规章": "规章", "司法解释": "规范性文件"}.get(top, "法律")
            laws.append(f"[[law]]\nname = {toml_str(short)}\nfull_name = {toml_str(title)}\nlevel = \"{level}\"\n")
            known.add(short)
        if top != "行政法规":
            continue
        if short not in known:
            laws.append(f"[[law]]\nname = {toml_str(short)}\nfull_name = {toml_str(title)}\nlevel = \"行政法规\"\n")
            known.add(short)
        dates = [DATE.search(l) for l in info]
        dates = [m for m in dates if m]
        if not dates:
            continue
        y, mo, d = (int(x) for x in dates[0].groups())
        number = re.search(r"国务院令第(\d+)号", info[0])
        docs += 1
        stem = f"xzfg-{docs:04d}"
        rec = [f"title = {toml_str(title)}", 'issuer = "国务院"', f"issued = {y:04d}-{mo:02d}-{d:02d}"]
        if number:
            rec.append(f'doc_number = "国务院令第{number.group(1)}号"')
        with open(f"{out}/documents/{stem}.toml", "w") as f:
            f.write("\n".join(rec) + "\n")
        paras = []
        for line in body.splitlines():
            line = line.strip().lstrip("#").strip()
            if line:
                paras.append(line)
        with open(f"{out}/documents/{stem}.txt", "w") as f:
            f.write(title + "\n\n" + "\n\n".join(paras) + "\n")
    with open(f"{out}/laws/laws.toml", "w") as f:
        f.write(starter + "\n" + "\n".join(laws))
    print(f"{docs} documents, {len(laws)} laws added to the starter table", file=sys.stderr)


if __name__ == "__main__":
    main()
