#!/usr/bin/env python3
"""qingli benchmark with document texts (issue 47): a register of N
documents (default 30,000, `TEXT_DOCS`) measured without texts and with a
text of 5-20 KB beside every record, side by side.

    python3 bench/texts.py [SOURCE]

SOURCE (optional) is a register with real texts, such as the one
`bench/real_register.py` builds from the national 行政法规: each generated
text is that register's articles, drawn at random and renumbered, between a
根据 clause and a 施行 clause, so the index and the clause reader see real
sentences. Without it the articles are made from a small built-in stock of
legal phrases.

For each of `check`, `review` and `scan`, and for the read floor (every file
of the register read, nothing done), it prints the fastest of RUNS runs
(default 5) without and with texts, and the bound the issue sets:

    with texts ≤ 2 × without texts + (floor with texts − floor without)

The second term is the read floor of the text bytes alone. `site` is
measured at N/3 and N documents with texts (its growth should be about 3),
and the bytes and files of the site and its search index are printed.
Run after `cargo build --release --examples` (bench/run.sh builds).
"""
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REL = os.path.join(ROOT, "target", "release")
QINGLI = os.path.join(REL, "qingli")
GEN = os.path.join(REL, "examples", "gen_register")
FLOOR = os.path.join(REL, "examples", "read_floor")
WORK = os.environ.get("BENCH_DIR") or "/tmp/qingli-bench"
N = int(os.environ.get("TEXT_DOCS", "30000"))
RUNS = int(os.environ.get("RUNS", "5"))
ENV = dict(os.environ, RAYON_NUM_THREADS="2", NO_COLOR="1")
ARTICLE = re.compile(r"^第[〇零一二三四五六七八九十百千两0-9]+条\s*")

STOCK = [
    "县级以上人民政府有关部门应当按照各自职责,做好相关管理工作",
    "违反本办法规定的,由有关部门责令限期改正;逾期不改正的,处一千元以上一万元以下罚款",
    "从事经营活动的单位和个人,应当依法取得许可证,并在许可范围内从事经营",
    "主管部门应当建立健全监督检查制度,定期对本行政区域内的执行情况进行检查",
    "任何单位和个人都有权对违反本办法的行为进行举报,受理举报的部门应当及时处理",
    "申请人应当提交申请书、身份证明以及相关材料,对材料的真实性负责",
    "河道管理范围内禁止倾倒垃圾、渣土,禁止设置妨碍行洪的障碍物",
    "收费项目和标准应当向社会公布,不得擅自设立收费项目或者提高收费标准",
    "乡镇人民政府、街道办事处应当协助做好辖区内的宣传、排查和应急处置工作",
    "有关部门及其工作人员在管理工作中滥用职权、玩忽职守、徇私舞弊的,依法给予处分",
]


def pool(source):
    """Article bodies (without their 第X条) from SOURCE's texts, or the stock;
    none that says when something takes effect or expires (the closing
    clause is the generated text's own)."""
    if not source:
        return [s + "。" + t + "。" for s in STOCK for t in STOCK if s != t]
    out = []
    for d, _, fs in os.walk(os.path.join(source, "documents")):
        for f in sorted(fs):
            if f.endswith(".txt"):
                with open(os.path.join(d, f), encoding="utf-8") as fh:
                    for line in fh.read().split("\n")[1:]:
                        if ARTICLE.match(line) and "施行" not in line and "有效期" not in line:
                            out.append(ARTICLE.sub("", line))
    return out


def numeral(n):
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else numeral(rest) if rest >= 20 else "一" + numeral(rest))
    return digits[hundreds] + "百" + tail


def text(rng, record, articles):
    """A text that agrees with its record (a register kept with `scan
    --apply`): its basis laws in the 根据 clause, its 施行 date last."""
    size = rng.randint(5_000, 20_000)
    basis = "、".join(f"《{law}》" for law in record.get("basis", []))
    first = (f"为了规范管理,根据{basis}等法律、法规,结合本县实际,制定本办法。" if basis
             else "为了规范管理,结合本县实际,制定本办法。")
    paras = [f"第一条 {first}"]
    used = len(paras[0].encode())
    while used < size:
        body = rng.choice(articles)
        paras.append(f"第{numeral(len(paras) + 1)}条 {body}")
        used += len(paras[-1].encode()) + 2
    day = record.get("effective", record["issued"])
    paras.append(f"第{numeral(len(paras) + 1)}条 本办法自{day.year}年{day.month}月{day.day}日起施行。")
    return record["title"] + "\n\n" + "\n\n".join(paras) + "\n"


def build(n, source):
    """(register without texts, the same with texts) of n documents."""
    bare = os.path.join(WORK, f"text-bare{n // 1000}k")
    full = os.path.join(WORK, f"text-full{n // 1000}k")
    if not os.path.exists(os.path.join(bare, "qingli.toml")):
        print(f"generating {n} documents in {bare} …", flush=True)
        subprocess.run([GEN, "--docs", str(n), "--seed", "1", "--out", bare], check=True, stderr=subprocess.DEVNULL)
    if not os.path.exists(os.path.join(full, "qingli.toml")):
        print(f"adding texts in {full} …", flush=True)
        shutil.copytree(bare, full + ".tmp")
        rng = random.Random(1)
        articles = pool(source)
        for d, _, fs in sorted(os.walk(os.path.join(full + ".tmp", "documents"))):
            for f in sorted(fs):
                if f.endswith(".toml"):
                    with open(os.path.join(d, f), "rb") as fh:
                        record = tomllib.load(fh)
                    with open(os.path.join(d, f[:-5] + ".txt"), "w", encoding="utf-8") as fh:
                        fh.write(text(rng, record, articles))
        os.rename(full + ".tmp", full)
    return bare, full


def best(cmd, runs=RUNS):
    subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        times.append(time.perf_counter() - start)
        if code not in (0, 1):
            sys.exit(f"{' '.join(cmd)} exited {code}")
    return min(times)


def du(path):
    files = size = 0
    for d, _, fs in os.walk(path):
        for f in fs:
            files += 1
            size += os.path.getsize(os.path.join(d, f))
    return files, size


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else None
    os.makedirs(WORK, exist_ok=True)
    bare, full = build(N, source)
    texts = du(os.path.join(full, "documents"))[1] - du(os.path.join(bare, "documents"))[1]
    print(f"{N} documents; texts {texts / 1e6:.0f} MB ({texts / N / 1e3:.1f} KB each)")
    commands = {
        "check": ["check", "--format", "json"],
        "review": ["review", "--format", "json"],
        "scan": ["scan", "--format", "json"],
    }
    # Side by side, round by round: each pair is compared within minutes.
    floor = {reg: best([FLOOR, reg]) for reg in (bare, full)}
    text_floor = floor[full] - floor[bare]
    print(f"\nread floor: without texts {floor[bare]:.3f} s, with {floor[full]:.3f} s, texts alone {text_floor:.3f} s")
    print(f"\n{'command':<10}{'without s':>11}{'with s':>9}{'bound s':>9}")
    ok = True
    for name, args in commands.items():
        without = best([QINGLI, "--register", bare, *args])
        with_ = best([QINGLI, "--register", full, *args])
        bound = 2 * without + text_floor
        ok &= with_ <= bound
        print(f"{name:<10}{without:>11.3f}{with_:>9.3f}{bound:>9.3f}  {'PASS' if with_ <= bound else 'FAIL'}")
    # site: linear in the documents (a third of them, then all).
    small = N // 3
    _, full_small = build(small, source)
    sites = {}
    for n, reg in ((small, full_small), (N, full)):
        times, sizes = [], None
        for r in range(3):
            # Each site removed once measured: three of 30,000 pages with
            # texts are 3 GB.
            out = os.path.join(WORK, f"text-site{n // 1000}k")
            shutil.rmtree(out, ignore_errors=True)
            os.sync()
            start = time.perf_counter()
            subprocess.run([QINGLI, "--register", reg, "site", "--out", out, "--allow-errors"], env=ENV, check=True,
                           stdout=subprocess.DEVNULL)
            os.sync()
            times.append(time.perf_counter() - start)
            sizes = sizes or (du(out), du(os.path.join(out, "assets", "search")))
        shutil.rmtree(os.path.join(WORK, f"text-site{n // 1000}k"), ignore_errors=True)
        sites[n] = min(times)
        (files, size), search = sizes
        print(f"site {n // 1000}k with texts: {sites[n]:.2f} s; {files} files, {size / 1e6:.0f} MB;"
              f" search data {search[0]} files, {search[1] / 1e6:.1f} MB")
    growth = sites[N] / sites[small]
    print(f"site growth {small // 1000}k → {N // 1000}k: {growth:.2f} (documents × {N / small:.1f})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
