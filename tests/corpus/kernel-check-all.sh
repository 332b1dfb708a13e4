#!/usr/bin/env bash
# Cross-checks every corpus case that the running kernel can load (root
# needed): the C versions from tests/programs/build (scripts/build-c.sh) and
# the assembly versions wrapped into C by tests/corpus/kernel-asm.py. Cases
# that use the series' helpers 212-221 are skipped (upstream lacks them).
# Prints "<case> [<corpus expectation>] <version>: <kernel's answer>"; the
# answers are recorded in the cases' `upstream:` expectations and docs/corpus.md.
set -uo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CFLAGS=(-O2 -g -target bpf -I"/usr/include/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)" -I tests/programs/include)

first_line() { local out; out=$("$@"); printf '%s\n' "${out%%$'\n'*}"; }

for s in tests/corpus/spec/*.s tests/corpus/extra/*.s; do
  name=$(basename "$s" .s)
  group=$(basename "$(dirname "$s")")
  expect=$(sed -n 's/^; expect: //p' "$s" | head -1)
  msg=$(sed -n 's/^; message: //p' "$s" | head -1)
  pkt=$(sed -n 's/^; packet: //p' "$s" | head -1)
  python3 tests/corpus/kernel-asm.py "$s" "$work/$name.c"
  rc=$?
  [ "$rc" -eq 3 ] && continue
  if [ "$rc" -ne 0 ] || ! clang "${CFLAGS[@]}" -c "$work/$name.c" -o "$work/$name.o" 2>"$work/$name.err"; then
    echo "$name [$expect${msg:+: $msg}] asm: cannot build ($(head -1 "$work/$name.err" 2>/dev/null))"
    continue
  fi
  echo "$name [$expect${msg:+: $msg}] asm: $(first_line tests/corpus/kernel-check.sh "$work/$name.o" "$name" ${pkt:+--data "$pkt"} | sed "s/^$name: //")"
  obj=$(grep -l "^int $name(" tests/programs/"$group"/*.c | head -1)
  [ -n "$obj" ] || continue
  obj=tests/programs/build/$group/$(basename "$obj" .c).o
  echo "$name [$expect${msg:+: $msg}] C:   $(first_line tests/corpus/kernel-check.sh "$obj" "$name" ${pkt:+--data "$pkt"} | sed "s/^$name: //")"
done
