#!/usr/bin/env bash
# Measures what the README's speed table reports, in one run:
#   - criterion: the VM against rbpf 0.3's interpreter on the same bytecode
#     (ALU, memory and dynptr loops), verifier throughput on a generated
#     32,004-instruction program, and the corpus at log levels 0 and 2;
#   - a 1,000,000-instruction session Continue, natively
#     (crate/examples/session_timing.rs) and through the wasm facade in node
#     (crate/benches/wasm_session.mjs), cold and warm;
#   - the page's own timings, from the last end-to-end run
#     (tests/out/timings.json, written by tests/e2e/run.mjs), when present.
# Prints a markdown table with each goal, then one line of JSON with every
# figure. Takes about five minutes. Ratios hold on a loaded machine; the
# absolute numbers do not, so the machine's load is printed too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
bash scripts/setup.sh >/dev/null 2>&1 || bash scripts/setup.sh

load_before=$(cut -d' ' -f1 /proc/loadavg)
# Old runs of renamed benchmarks would linger in the table.
rm -rf target/criterion/verifier_corpus target/criterion/verifier_large
cargo bench -p dynptr-play --bench vm --bench verifier -- --warm-up-time 2 --measurement-time 5 >/dev/null

# The same program natively and through the facade in node.
cargo build -q --release -p dynptr-play --example session_timing
native=$(target/release/examples/session_timing)
cargo rustc -q -p dynptr-play --lib --release --target wasm32-unknown-unknown \
  --no-default-features --features wasm --crate-type cdylib
wasm-bindgen --target nodejs --out-dir target/wasm-node \
  target/wasm32-unknown-unknown/release/dynptr_play.wasm
wasm=$(node crate/benches/wasm_session.mjs target/wasm-node)
load_after=$(cut -d' ' -f1 /proc/loadavg)

NATIVE="$native" WASM="$wasm" LOAD="$load_before $load_after" python3 - <<'PY'
import json, os, pathlib
root = pathlib.Path("target/criterion")
def est(group, fn):
    d = root / group / fn / "new"
    mean = json.load(open(d / "estimates.json"))["mean"]["point_estimate"]
    thr = json.load(open(d / "benchmark.json")).get("throughput") or {}
    return mean, thr.get("Elements")
def one(group, pick):
    # By the benchmark's own name (criterion's folder names are mangled).
    for d in sorted((root / group).iterdir()):
        if (d / "new").is_dir():
            name = json.load(open(d / "new" / "benchmark.json"))["function_id"]
            if pick(name):
                return est(group, d.name)
    raise SystemExit(f"no criterion result for {group}")

fig = {}
rows = []
for g, key in [("alu_loop", "alu_ratio"), ("memory_loop", "memory_ratio"), ("dynptr_loop", "dynptr_ratio")]:
    ours, n = est(g, "dynptr-play")
    theirs, _ = est(g, "rbpf")
    fig[key] = round(ours / theirs, 3)
    goal = 1.0 if g == "dynptr_loop" else 0.5
    rows.append((f"VM / rbpf, {g} (ns/insn {ours/n:.2f} vs {theirs/n:.2f})", fig[key], f"<= {goal}", fig[key] <= goal))

native, wasm = json.loads(os.environ["NATIVE"]), json.loads(os.environ["WASM"])
fig["wasm_native_ratio_warm"] = round(native["warm_ms"] / wasm["warm_ms"], 3)
fig["wasm_native_ratio_cold"] = round(native["cold_ms"] / wasm["cold_ms"], 3)
for k, w in [("warm", "warm_ms"), ("cold", "cold_ms")]:
    r = fig[f"wasm_native_ratio_{k}"]
    rows.append((f"wasm / native speed, 1M-insn Continue, {k} ({wasm[w]} ms vs {native[w]} ms)", r, ">= 0.5", r >= 0.5))

t, n = one("verifier_large", lambda name: not name.endswith("states recorded"))
fig["verifier_minsns_per_s"] = round(n / (t / 1e9) / 1e6, 2)
rows.append(("verifier, generated 32,004-insn program (M processed insns/s)", fig["verifier_minsns_per_s"], ">= 5", fig["verifier_minsns_per_s"] >= 5))
ts, _ = one("verifier_large", lambda name: name.endswith("states recorded"))
fig["verifier_minsns_per_s_with_states"] = round(n / (ts / 1e9) / 1e6, 2)
rows.append(("verifier, the same with every instruction's states recorded (the page's Verify)", fig["verifier_minsns_per_s_with_states"], "-", True))
t0, _ = one("verifier_corpus", lambda name: name.endswith("log level 0"))
t2, _ = one("verifier_corpus", lambda name: name.endswith("log level 2"))
fig["verifier_log2_overhead"] = round(t2 / t0, 2)
rows.append(("verifier, corpus at log level 2 / level 0 (time)", fig["verifier_log2_overhead"], "<= 2", fig["verifier_log2_overhead"] <= 2))

page = pathlib.Path("tests/out/timings.json")
if page.exists():
    p = json.load(open(page))
    for key, label, goal, ok in [
        ("run_1m_instructions_ms", "page: Run of 1M instructions, click to final redraw (ms)", "< 100", lambda v: v < 100),
        ("verify_ms_median", "page: Verify of a gallery example (ms, median)", "< 16", lambda v: v < 16),
        ("step_ms_median", "page: Step at a 10,000-step history (ms, median)", "< 4", lambda v: v < 4),
        ("step_back_ms_median", "page: Step back at a 10,000-step history (ms, median)", "< 4", lambda v: v < 4),
        ("bundle_gzip_bytes", "page: release bundle, wasm + JS, gzip (bytes)", "<= 614400", lambda v: v <= 614400),
        ("load_to_interactive_ms", "page: navigation to interactive (ms)", "< 500", lambda v: v < 500),
    ]:
        v = p.get(key)
        fig[key] = v
        rows.append((label, v, goal, v is not None and ok(v)))
    fig["page_timings_from"] = p.get("when")
else:
    print("(no tests/out/timings.json: run `node tests/e2e/run.mjs` for the page's figures)")

print("| measure | now | goal | met |")
print("|---|---|---|---|")
for label, v, goal, ok in rows:
    print(f"| {label} | {v} | {goal} | {'yes' if ok else 'no'} |")
fig["load_avg"] = os.environ["LOAD"]
print(json.dumps(fig))
PY
