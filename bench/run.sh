#!/usr/bin/env bash
# Builds qingli and the benchmark helpers, then runs bench/run.py.
# Usage: bash bench/run.sh   (RUNS=N for more runs; BENCH_DIR=DIR to keep registers;
#        SIZES="10000 100000 1000000" adds the province scale)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "bench: python3 is required" >&2; exit 2; }
cargo build --release --locked -q --bin qingli --example gen_register --example read_floor --example write_floor
exec python3 bench/run.py
