#!/usr/bin/env bash
# The long run of the soundness property test (tests/soundness.rs): N
# generated and mutated programs (default 1,000,000) of seed
# $SOUNDNESS_SEED (default 10), each verified in both kernel profiles and,
# when accepted, run on every world with every step checked against the
# verifier's states. A progress line every $SOUNDNESS_PROGRESS programs
# (default 10,000); the closing lines are the figures README.md quotes:
#   soundness: N programs, N accepted, N runs, N escapes, N faults
# The log goes to tests/out/soundness/long-run-seed-S.log, every finding
# (with its reproducer) to tests/out/soundness/seed-S.txt.
#
#   bash scripts/soundness.sh            # 1,000,000 programs
#   bash scripts/soundness.sh 20000      # a shorter run
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
seed="${SOUNDNESS_SEED:-10}"
mkdir -p tests/out/soundness
log="tests/out/soundness/long-run-seed-$seed.log"
echo "soundness: $n programs of seed $seed; log: $log"
SOUNDNESS_PROGRAMS="$n" SOUNDNESS_SEED="$seed" \
  SOUNDNESS_SECONDS="${SOUNDNESS_SECONDS:-604800}" \
  SOUNDNESS_PROGRESS="${SOUNDNESS_PROGRESS:-10000}" \
  cargo test --release -p dynptr-tests --test soundness \
    accepted_programs_stay_inside_the_verifiers_states_on_every_world -- --nocapture 2>&1 | tee "$log"
