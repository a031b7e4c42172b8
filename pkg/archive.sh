#!/usr/bin/env bash
# Packs one release archive: the binary, README, licences, the man page,
# shell completions, 安装说明.txt and the README tour's example sheet, in a folder named after the archive.
#   pkg/archive.sh TARGET [OUTDIR]
# TARGET is a Rust target triple whose binary is in target/TARGET/release/
# (target/release/ when TARGET is "host"). Windows targets get a .zip with
# qingli.exe, the others a .tar.gz. Prints the archive's path; a .sha256
# file in `sha256sum` format is written beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: pkg/archive.sh TARGET [OUTDIR]}"
outdir="${2:-target/dist}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)"
if [[ "$target" == host ]]; then
  bindir=target/release
  target="$(rustc -vV | sed -n 's/^host: //p')"
else
  bindir="target/$target/release"
fi
exe=qingli
[[ "$target" == *windows* ]] && exe=qingli.exe
[[ -f "$bindir/$exe" ]] || { echo "no binary at $bindir/$exe: build it first" >&2; exit 2; }

name="qingli-$version-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/complete" "$stage/$name/示例" "$outdir"
cp "$bindir/$exe" "$stage/$name/"
cp README.md LICENSE-MIT LICENSE-APACHE pkg/安装说明.txt "$stage/$name/"
cp pkg/qingli.1 "$stage/$name/"
cp pkg/completions/* "$stage/$name/complete/"
cp examples/import/现行有效目录.csv "$stage/$name/示例/"

# Fixed order, owner and time: the same inputs give the same archive.
mtime="$(git log -1 --format=%ct 2>/dev/null || echo 0)"
if [[ "$exe" == qingli.exe ]]; then
  archive="$outdir/$name.zip"
  rm -f "$archive"
  if command -v 7z >/dev/null 2>&1; then
    (cd "$stage" && 7z a -tzip -bd -bso0 "$OLDPWD/$archive" "$name")
  else
    (cd "$stage" && find "$name" -exec touch -d "@$mtime" {} + && find "$name" | LC_ALL=C sort | zip -q -X -@ "$OLDPWD/$archive")
  fi
else
  archive="$outdir/$name.tar.gz"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
    -C "$stage" -cf - "$name" | gzip -n -9 > "$archive"
fi
(cd "$outdir" && sha256sum "$(basename "$archive")" > "$(basename "$archive").sha256")
echo "$archive"
