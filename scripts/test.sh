#!/usr/bin/env bash
# Sets up what is missing, then runs every test: native (unit, integration,
# conformance, corpus), wasm in headless Chromium, and the browser end-to-end
# tests. Every stage runs even when an earlier one fails, and every test
# binary runs even when another fails (--no-fail-fast). The closing line
# counts the tests of all stages: "N passed, N failed, N skipped" (a stage
# that fails without a test count, such as a build, counts as one failure).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

LOGS=tests/out/logs
mkdir -p "$LOGS"
passed=0; failed=0; skipped=0; stages_failed=0
# Adds the test counts a stage printed: cargo's "test result:" lines, and
# the plain "NAME: N passed, N failed" lines of the e2e runner; skipped
# suites print "SUITE: skipped: why" (tests/lib.rs).
count() {
  awk '
    /test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed/ {
      for (i = 1; i <= NF; i++) {
        if ($(i) ~ /^passed;?$/) p += $(i - 1)
        if ($(i) ~ /^failed;?$/) f += $(i - 1)
      }
      next
    }
    /^[a-z0-9 -]+: [0-9]+ passed, [0-9]+ failed/ {
      split($0, parts, ":"); n = split(parts[2], w, /[ ,]+/)
      for (i = 1; i <= n; i++) {
        if (w[i] == "passed") p += w[i - 1]
        if (w[i] == "failed") f += w[i - 1]
      }
      next
    }
    /^[a-z0-9 ()_.-]+: skipped: / { s++ }
    END { print p + 0, f + 0, s + 0 }
  ' "$1"
}
stage() {
  local name="$1"; shift
  local log="$LOGS/$(echo "$name" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-').log"
  printf '\n=== %s ===\n' "$name"
  local rc=0
  "$@" 2>&1 | tee "$log" || rc=$?
  read -r p f s < <(count "$log")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$rc" -eq 0 ]; then echo "--- $name: ok ($p passed, $f failed, $s skipped)"
  else
    stages_failed=$((stages_failed + 1))
    # A failed stage always counts as a failure, with or without a count.
    [ "$f" -gt 0 ] || failed=$((failed + 1))
    echo "--- $name: FAILED ($p passed, $f failed, $s skipped)"
  fi
}

# Build the clang C test programs (never committed: rebuilt here).
stage "build C programs" bash scripts/build-c.sh
# The libbpf loader for the kernel comparison (skipped by the test when absent).
stage "build kernel loader" bash scripts/build-kload.sh
# The generated programs against the kernel have their own stage below.
stage "native tests" cargo test --workspace --no-fail-fast -- --skip generated_programs_agree_with_the_kernel
# A few hundred generated programs against the running kernel (the full
# run is `scripts/kernel-diff.sh`, 5000); skipped where BPF cannot be loaded.
stage "kernel diff (300 generated programs)" bash scripts/kernel-diff.sh 300
# Coverage-guided fuzzing (libFuzzer): each target 30 s with a fixed seed
# on the committed corpus; any crash, hang or leak fails. The corpus itself
# was replayed natively in "native tests" (tests/fuzz_replay.rs); the long
# runs are `scripts/fuzz.sh` (README, "Fuzzing").
stage "fuzz (libFuzzer, 30 s per target)" bash scripts/fuzz.sh ci 30
# The suites' own counts (cargo hides a passing test's output, so ask again).
# Not counted again in the closing line: these tests ran in the stage above.
suite_counts() {
  cargo test -q -p dynptr-tests --test conformance --test corpus --test kernel_compare --test kernel_log -- --nocapture 2>&1 \
    | grep -oE '(conformance|conformance negative|corpus|kernel-compare): ([0-9]+ [a-z]+|skipped).*|kernel log: [0-9]+ of [0-9]+ logs identical.*' \
    | sed 's/^/  /'
}
printf '\n=== suite counts ===\n'
suite_counts || { echo "--- suite counts: FAILED"; stages_failed=$((stages_failed + 1)); failed=$((failed + 1)); }
stage "wasm tests (headless Chromium)" \
  cargo test -p dynptr-play --target wasm32-unknown-unknown --no-default-features --features wasm
# The example of testing one's own BPF programs in a headless browser.
stage "examples/wasm-test (wasm-pack test, headless Chromium)" \
  wasm-pack test --headless --chrome examples/wasm-test
# The JavaScript package and the <dynptr-playground> element (pkg/), which
# the end-to-end tests load.
stage "JS package (wasm-pack build)" bash scripts/build-pkg.sh
stage "web build (trunk)" trunk build --release
stage "end-to-end (Chromium)" node tests/e2e/run.mjs

echo
echo "stages: $stages_failed failed"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$stages_failed" -eq 0 ]
