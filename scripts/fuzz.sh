#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (cargo fuzz) of the assembler, the
# ELF loader, the VM and the verifier. The harnesses are fuzz/src/lib.rs;
# the corpus is fuzz/corpus/<target>/ (committed, replayed natively by
# tests/fuzz_replay.rs on every `cargo test`).
#
#   scripts/fuzz.sh [TARGET|all] [RUNS]  the long run: RUNS executions of each
#                                        target (default 10000000), one after
#                                        the other, from the committed corpus,
#                                        the seeds and the earlier long runs'
#                                        corpus (tests/out/fuzz/corpus/, where
#                                        new coverage goes); figures to
#                                        tests/out/fuzz/
#   scripts/fuzz.sh ci [SECONDS]         each target for SECONDS (default 30)
#                                        with a fixed seed, the corpus read
#                                        only; fails on any crash, hang or
#                                        leak; prints "fuzz: N passed, N failed"
#   scripts/fuzz.sh seed                 regenerate the seeds (fuzz/seeds/, not
#                                        committed: the repository's programs,
#                                        tests/fuzz_replay.rs write_seeds) and
#                                        merge what adds coverage into the
#                                        committed corpus
#   scripts/fuzz.sh cmin [TARGET|all]    minimise the corpus (cargo fuzz cmin)
#
# Targets: asm, elf, vm, verifier. cargo-fuzz needs nightly flags; on the
# stable toolchain RUSTC_BOOTSTRAP=1 allows them. No sanitizer (the engine
# is `#![forbid(unsafe_code)]`), debug assertions on (integer overflow
# panics, as in `cargo test`). Runs under `nice -n 10`, one process at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

TARGETS=(asm elf vm verifier)
OUT=tests/out/fuzz
BUILD_FLAGS=(--sanitizer none --debug-assertions)

max_len() {
  case "$1" in
    asm) echo 16384 ;;
    elf) echo 65536 ;;
    *) echo 8192 ;;
  esac
}

targets_of() {
  case "${1:-all}" in
    all) echo "${TARGETS[@]}" ;;
    asm|elf|vm|verifier) echo "$1" ;;
    *) echo "fuzz.sh: no target '$1' (asm, elf, vm, verifier, all)" >&2; exit 2 ;;
  esac
}

build() {
  nice -n 10 cargo fuzz build "${BUILD_FLAGS[@]}" "$@" >&2
}

bin() {
  echo "fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release/$1"
}

# One target for a fixed time against a copy of the corpus: "ok" or "FAILED".
ci_one() {
  local t=$1 secs=$2 tmp rc=0
  tmp=$(mktemp -d)
  mkdir -p "$OUT/artifacts/$t"
  # New inputs go to the temporary first directory; the corpus is only read.
  nice -n 10 "$(bin "$t")" "$tmp" "fuzz/corpus/$t" \
    -max_total_time="$secs" -seed=20221207 -max_len="$(max_len "$t")" \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$OUT/artifacts/$t/" >"$OUT/ci-$t.log" 2>&1 || rc=$?
  rm -rf "$tmp"
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/ci-$t.log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "  $t: ok, ${runs:-?} executions in ${secs}s"
    return 0
  fi
  echo "  $t: FAILED (exit $rc), log $OUT/ci-$t.log:"
  grep -E "panicked|ERROR: libFuzzer|SUMMARY|Test unit written" "$OUT/ci-$t.log" | head -20 | sed 's/^/    /'
  return 1
}

cmd=${1:-all}
mkdir -p "$OUT"
case "$cmd" in
  ci)
    secs=${2:-30}
    if ! command -v cargo-fuzz >/dev/null 2>&1; then
      echo "fuzz: skipped: cargo-fuzz not installed (scripts/setup.sh installs it)"
      exit 0
    fi
    build
    passed=0; failed=0
    for t in "${TARGETS[@]}"; do
      if ci_one "$t" "$secs"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    done
    echo "fuzz: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    ;;
  seed)
    seeds=fuzz/seeds
    cargo test -q -p dynptr-tests --test fuzz_replay -- --ignored write_seeds --nocapture \
      | grep '^seeds:'
    # The objects again without DWARF (smaller, the BTF kept).
    if command -v llvm-strip >/dev/null 2>&1; then
      for o in "$seeds"/elf/*.o; do
        llvm-strip --strip-debug -o "${o%.o}-nodebug.o" "$o"
      done
    fi
    build
    for t in "${TARGETS[@]}"; do
      mkdir -p "fuzz/corpus/$t"
      # -merge=1: the inputs of the seed directory that add coverage to
      # the corpus are copied into it (named by their SHA-1).
      nice -n 10 "$(bin "$t")" "fuzz/corpus/$t" "$seeds/$t" -merge=1 \
        -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10 \
        >"$OUT/seed-$t.log" 2>&1
      echo "$t: $(ls "fuzz/corpus/$t" | wc -l) corpus files"
    done
    ;;
  cmin)
    build
    for t in $(targets_of "${2:-all}"); do
      before=$(ls "fuzz/corpus/$t" | wc -l)
      nice -n 10 cargo fuzz cmin "${BUILD_FLAGS[@]}" "$t" "fuzz/corpus/$t" -- \
        -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10 >"$OUT/cmin-$t.log" 2>&1
      echo "$t: $before -> $(ls "fuzz/corpus/$t" | wc -l) corpus files"
    done
    ;;
  *)
    runs=${2:-10000000}
    build
    failed=0
    for t in $(targets_of "$cmd"); do
      log="$OUT/long-$t.log"
      grown="$OUT/corpus/$t"
      mkdir -p "$OUT/artifacts/$t" "$grown"
      # New inputs go to the first directory, outside the committed tree;
      # the others are read.
      read_dirs=("fuzz/corpus/$t")
      if [ -d "fuzz/seeds/$t" ]; then read_dirs+=("fuzz/seeds/$t"); fi
      before=$(ls "$grown" | wc -l)
      start=$(date +%s)
      rc=0
      nice -n 10 "$(bin "$t")" "$grown" "${read_dirs[@]}" \
        -runs="$runs" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" >"$log" 2>&1 || rc=$?
      secs=$(( $(date +%s) - start ))
      execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
      peak=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
      # rss of the first status line after the corpus loaded, and of the last.
      rss_start=$(grep -m1 -oE '(INITED|pulse).* rss: [0-9]+Mb' "$log" | grep -oE '[0-9]+Mb$' || true)
      rss_end=$(grep -oE 'rss: [0-9]+Mb' "$log" | tail -1 | grep -oE '[0-9]+Mb$' || true)
      cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
      line="$t: exit $rc, ${execs:-?} executions in ${secs}s ($(( ${execs:-0} / (secs > 0 ? secs : 1) )) exec/s), cov ${cov:-?}, rss ${rss_start:-?} at start, ${rss_end:-?} at end (peak ${peak:-?} MB), grown corpus $before -> $(ls "$grown" | wc -l), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
      echo "$line" | tee -a "$OUT/long-runs.txt"
      if [ "$rc" -ne 0 ]; then
        echo "$t: crash, hang or leak: see $log and $OUT/artifacts/$t/" >&2
        failed=$((failed + 1))
      fi
    done
    [ "$failed" -eq 0 ]
    ;;
esac
