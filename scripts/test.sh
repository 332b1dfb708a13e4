#!/usr/bin/env bash
# Sets up what is missing, then runs every test: native (unit, integration,
# conformance, corpus), wasm in headless Chromium, and the browser end-to-end
# tests. Prints one closing line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

passed=0; failed=0
stage() {
  local name="$1"; shift
  printf '\n=== %s ===\n' "$name"
  if "$@"; then passed=$((passed + 1)); echo "--- $name: ok"
  else failed=$((failed + 1)); echo "--- $name: FAILED"; fi
}

# Build the clang C test programs (never committed: rebuilt here).
stage "build C programs" bash scripts/build-c.sh
# The libbpf loader for the kernel comparison (skipped by the test when absent).
stage "build kernel loader" bash scripts/build-kload.sh
stage "native tests" cargo test --workspace
# The suites' own counts (cargo hides a passing test's output, so ask again).
suite_counts() {
  cargo test -q -p dynptr-tests --test conformance --test corpus --test kernel_compare -- --nocapture 2>&1 \
    | grep -oE '(conformance|conformance negative|corpus|kernel-compare): [0-9]+ [a-z]+.*'
}
stage "suite counts" suite_counts
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
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
