#!/usr/bin/env bash
# Mutation testing of the pure engine and the write path with cargo-mutants
# (crates.io): each mutant of src/judge/ and src/write/ is built and tested
# against the library's unit and property tests (fast; the integration
# tests run the binary and take minutes per mutant), time-boxed.
#
# Usage: bash bench/mutants.sh            (all of judge/ and write/)
#        SHARD=0/4 bash bench/mutants.sh  (a quarter of them: run 4 shards on 4 machines or days)
#        IN_DIFF=main bash bench/mutants.sh (only mutants in lines changed since main)
#        MUTANTS_TIMEOUT=60 (seconds per mutant's tests, default 60)
# Not part of CI. Results in mutants.out/ (caught.txt, missed.txt, timeout.txt, unviable.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || cargo install cargo-mutants --locked
args=(--file 'src/judge/**/*.rs' --file 'src/write/**/*.rs' --test-tool cargo
      --timeout "${MUTANTS_TIMEOUT:-60}" --no-shuffle -j 1 -- --lib)
if [[ -n "${SHARD:-}" ]]; then args=(--shard "$SHARD" "${args[@]}"); fi
if [[ -n "${IN_DIFF:-}" ]]; then
  git diff "$IN_DIFF" -- src/judge src/write > /tmp/qingli-mutants.diff
  args=(--in-diff /tmp/qingli-mutants.diff "${args[@]}")
fi
cargo mutants "${args[@]}" || true
for f in caught missed timeout unviable; do
  printf '%-9s %s\n' "$f" "$(wc -l < "mutants.out/$f.txt" 2>/dev/null || echo 0)"
done
