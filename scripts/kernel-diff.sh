#!/usr/bin/env bash
# The differential test against the running kernel at scale
# (tests/kernel_diff.rs; docs/kernel-compare.md): N generated programs
# (default 5000) of seed SEED (default 8), each loaded into this machine's
# kernel with kload and into the playground with --kernel 6.18, and run on
# both sides when both accept. Prints every unexplained disagreement and
# closes with "kernel-diff: N programs, A agree, D disagree (K known), S
# skipped"; the report of every program is written to
# tests/out/kernel-diff/seed-SEED/report.txt. Needs root (or CAP_BPF),
# clang and libbpf-dev; without them the test says why and passes.
#
#   scripts/kernel-diff.sh [N] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

n=${1:-5000}
seed=${2:-8}
bash scripts/build-kload.sh >&2
KERNEL_DIFF_PROGRAMS="$n" KERNEL_DIFF_SEED="$seed" \
  cargo test -p dynptr-tests --test kernel_diff -- --nocapture
