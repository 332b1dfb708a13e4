#!/usr/bin/env bash
# Builds the kernel loader tests/kernel/kload (C, libbpf) into
# tests/kernel/build/kload. Incremental: kept when newer than its source.
# Without a C compiler or libbpf-dev it says so and exits 0: the kernel
# comparison (tests/kernel_compare.rs) then skips, it never fails for that.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=tests/kernel/kload.c
OUT=tests/kernel/build/kload
CC=${CC:-cc}

if ! command -v "$CC" >/dev/null 2>&1; then
  echo "build-kload.sh: $CC not found; kernel comparison will be skipped" >&2
  exit 0
fi
if [ ! -f /usr/include/bpf/libbpf.h ]; then
  echo "build-kload.sh: libbpf-dev missing; kernel comparison will be skipped" >&2
  exit 0
fi
if [ -x "$OUT" ] && [ "$OUT" -nt "$SRC" ] && [ "$OUT" -nt "$0" ]; then
  echo "build-kload.sh: $OUT up to date"
  exit 0
fi
mkdir -p "$(dirname "$OUT")"
"$CC" -O2 -g -Wall -o "$OUT.tmp" "$SRC" -lbpf
mv "$OUT.tmp" "$OUT"
echo "build-kload.sh: built $OUT"
