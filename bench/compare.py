#!/usr/bin/env python3
"""Two builds of qingli side by side, in one run: the same commands on the
same registers, run in alternation (old, new, old, new …), so the VM's drift
(±15% between runs minutes apart) falls on both alike. For a change that
should hold the band, not beat a record: the table gives each command's
minimum and median for both builds, the ratio new/old, peak memory, and the
growth between sizes.

Usage: python3 bench/compare.py OLD_QINGLI NEW_QINGLI
  SIZES="100000 1000000" (default "10000 100000"), RUNS=N (default 5;
  RUNS_LARGE for sizes above 100,000, default 3), BENCH_DIR=DIR (registers
  are generated there once and kept: examples/gen_register, seed 1),
  FLOOR_OLD / FLOOR_NEW: the read floors that go with each build (default:
  target/release/examples/read_floor for both).
Build first: cargo build --release --example gen_register --example read_floor
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "target", "release", "examples")
SIZES = [int(s) for s in os.environ.get("SIZES", "10000 100000").split()]
RUNS = int(os.environ.get("RUNS", "5"))
RUNS_LARGE = int(os.environ.get("RUNS_LARGE", "3"))
WORK = os.environ.get("BENCH_DIR") or os.path.join(tempfile.gettempdir(), "qingli-bench")
AS_OF = "2026-10-31"
ENV = dict(os.environ, RAYON_NUM_THREADS="2", NO_COLOR="1")


def run_once(cmd):
    """(wall seconds, peak MB, exit code) of one run."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def register(n):
    """A generated register of n documents, a git repository with 1% of
    its records edited in the work tree (for `diff HEAD`)."""
    path = os.path.join(WORK, f"reg{n // 1000}k")
    if not os.path.isdir(path):
        subprocess.run([os.path.join(EXAMPLES, "gen_register"), "--docs", str(n), "--out", path], check=True,
                       stdout=subprocess.DEVNULL)
    if not os.path.isdir(os.path.join(path, ".git")):
        git = ["git", "-C", path, "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-q", "-m", "bench"], check=True)
    # 1% of the records edited (the same ones each time).
    docs = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(path, "documents")) for f in fs)
    for f in docs[:: 100]:
        with open(f, "a", encoding="utf-8") as out:
            if not open(f, encoding="utf-8").read().endswith("# bench edit\n"):
                out.write("# bench edit\n")
    return path


def commands(qingli, floor, reg, out):
    q = [qingli, "--register", reg]
    return {
        "read floor": [floor, reg],
        "review --format json": q + ["review", "--format", "json", "--as-of", AS_OF],
        "review --format jsonl": q + ["review", "--format", "jsonl", "--as-of", AS_OF],
        "check --format json": q + ["check", "--format", "json", "--as-of", AS_OF],
        "deadlines --format json": q + ["deadlines", "--format", "json", "--as-of", AS_OF],
        "deadlines --all": q + ["deadlines", "--all", "--format", "json", "--as-of", AS_OF],
        "laws --format json": q + ["laws", "--format", "json", "--as-of", AS_OF],
        "laws impact 水法": q + ["laws", "impact", "水法", "--format", "json", "--as-of", AS_OF],
        "fmt --check": q + ["fmt", "--check"],
        "catalog": q + ["catalog", "--out", out + "-c", "--allow-errors", "--as-of", AS_OF],
        "catalog --xlsx --docx": q + ["catalog", "--out", out + "-x", "--xlsx", "--docx", "--allow-errors", "--as-of", AS_OF],
        "diff HEAD (1% edited)": q + ["diff", "HEAD", "--format", "json", "--as-of", AS_OF],
        "site": q + ["site", "--out", out + "-s", "--allow-errors", "--as-of", AS_OF],
    }


def main():
    old, new = sys.argv[1:3]
    floor_default = os.path.join(EXAMPLES, "read_floor")
    floors = {"old": os.environ.get("FLOOR_OLD", floor_default), "new": os.environ.get("FLOOR_NEW", floor_default)}
    os.makedirs(WORK, exist_ok=True)
    results = {}
    for n in SIZES:
        reg = register(n)
        runs = RUNS if n <= 100_000 else RUNS_LARGE
        builds = {"old": old, "new": new}
        names = list(commands(old, floors["old"], reg, "").keys())
        for name in names:
            for r in range(runs + 1):  # the first round warms the file cache
                for label, binary in builds.items():
                    out = os.path.join(WORK, f"out-{label}-{n}")
                    for suffix in ("-c", "-x", "-s"):
                        shutil.rmtree(out + suffix, ignore_errors=True)
                    cmd = commands(binary, floors[label], reg, out)[name]
                    wall, peak, code = run_once(cmd)
                    if code not in (0, 1):
                        sys.exit(f"{' '.join(cmd)} exited {code}")
                    if r:
                        results.setdefault((name, n, label), []).append((wall, peak))
            print(f"  {n // 1000}k {name} done", file=sys.stderr, flush=True)
    print(f"{'command':<26}{'size':>6}{'old min':>9}{'new min':>9}{'new/old':>9}{'old med':>9}{'new med':>9}"
          f"{'old MB':>8}{'new MB':>8}")
    for (name, n, label), _ in sorted(results.items(), key=lambda kv: (list(commands('', '', '', '')).index(kv[0][0]), kv[0][1])):
        if label != "new":
            continue
        o = sorted(w for w, _ in results[(name, n, "old")])
        w = sorted(w for w, _ in results[(name, n, "new")])
        om = max(p for _, p in results[(name, n, "old")])
        nm = max(p for _, p in results[(name, n, "new")])
        print(f"{name:<26}{n // 1000:>5}k{o[0]:>9.3f}{w[0]:>9.3f}{w[0] / o[0]:>9.2f}{o[len(o) // 2]:>9.3f}"
              f"{w[len(w) // 2]:>9.3f}{om:>8.0f}{nm:>8.0f}")
    for a, b in zip(SIZES, SIZES[1:]):
        print(f"\ngrowth {a // 1000}k → {b // 1000}k (minimums)   old     new")
        for name in commands("", "", "", ""):
            g = [min(w for w, _ in results[(name, b, lab)]) / min(w for w, _ in results[(name, a, lab)])
                 for lab in ("old", "new")]
            print(f"  {name:<30}{g[0]:>7.2f}{g[1]:>8.2f}")
    if 100_000 in SIZES:
        f100 = {lab: min(w for w, _ in results[("read floor", 100_000, lab)]) for lab in ("old", "new")}
        r100 = {lab: min(w for w, _ in results[("review --format json", 100_000, lab)]) for lab in ("old", "new")}
        print("\nreview 100k ÷ its read floor: " + ", ".join(f"{lab} {r100[lab] / f100[lab]:.2f}" for lab in ("old", "new")))


if __name__ == "__main__":
    main()
