#!/usr/bin/env bash
# Compiles every tests/programs/**/*.c into tests/programs/build/<same path>.o
# with clang -O2 -g -target bpf. Incremental: an object newer than its source
# and than every shared header is kept. Any compile error fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=tests/programs
OUT=tests/programs/build
CLANG=${CLANG:-clang}
# <asm/types.h> lives under the host's multiarch directory.
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
CFLAGS=(-O2 -g -target bpf
        -I"/usr/include/$MULTIARCH" -I "$SRC/include")

if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "build-c.sh: $CLANG not found (run scripts/setup.sh, or apt-get install clang)" >&2
  exit 1
fi
if [ ! -f /usr/include/bpf/bpf_helpers.h ]; then
  echo "build-c.sh: /usr/include/bpf/bpf_helpers.h missing (apt-get install libbpf-dev)" >&2
  exit 1
fi

# The newest shared header: touching one rebuilds every object.
newest_header=""
for h in "$SRC"/include/*.h; do
  [ -e "$h" ] || continue
  if [ -z "$newest_header" ] || [ "$h" -nt "$newest_header" ]; then newest_header=$h; fi
done

built=0; kept=0; failed=0
while IFS= read -r -d '' src; do
  rel=${src#"$SRC"/}
  obj="$OUT/${rel%.c}.o"
  if [ -f "$obj" ] && [ "$obj" -nt "$src" ] && { [ -z "$newest_header" ] || [ "$obj" -nt "$newest_header" ]; }; then
    kept=$((kept + 1)); continue
  fi
  mkdir -p "$(dirname "$obj")"
  if "$CLANG" "${CFLAGS[@]}" -c "$src" -o "$obj.tmp"; then
    mv "$obj.tmp" "$obj"; built=$((built + 1))
  else
    rm -f "$obj.tmp"
    echo "build-c.sh: FAILED to compile $src" >&2
    failed=$((failed + 1))
  fi
done < <(find "$SRC" -path "$OUT" -prune -o -path "$SRC/include" -prune -o -name '*.c' -print0 | sort -z)

echo "build-c.sh: $built built, $kept up to date, $failed failed"
[ "$failed" -eq 0 ]
