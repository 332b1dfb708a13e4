#!/usr/bin/env bash
# Runs the criterion benchmarks (VM against rbpf, verifier throughput) and
# prints the table the README reports. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Old runs of renamed benchmarks would linger in the table.
rm -rf target/criterion/verifier_corpus target/criterion/verifier_large
cargo bench -p dynptr-play --bench vm --bench verifier -- --warm-up-time 2 --measurement-time 5 >/dev/null
python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion")
def est(group, fn):
    d = root / group / fn / "new"
    mean = json.load(open(d / "estimates.json"))["mean"]["point_estimate"]
    thr = json.load(open(d / "benchmark.json")).get("throughput") or {}
    return mean, thr.get("Elements")
print("| loop | dynptr-play ns/insn | rbpf ns/insn | ratio |")
print("|---|---|---|---|")
for g in ["alu_loop", "memory_loop", "dynptr_loop"]:
    ours, n = est(g, "dynptr-play")
    theirs, _ = est(g, "rbpf")
    print(f"| {g} | {ours/n:.2f} | {theirs/n:.2f} | {ours/theirs:.2f} |")
for g in ["verifier_large", "verifier_corpus"]:
    for d in sorted((root / g).iterdir()):
        if (d / "new").is_dir():
            t, n = est(g, d.name)
            print(f"| {g}: {d.name} | {n/(t/1e9)/1e6:.2f} M insns processed/s |")
PY
