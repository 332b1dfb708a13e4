#!/usr/bin/env python3
"""Differential check of the verifier against the running kernel (root).

For every corpus case the kernel can load (those with an `upstream:` line),
make mutants by deleting one instruction at a time, by moving one stack
offset (`rN += -K`, `(r10 - K)`) by 8 bytes either way, and by changing one
small constant (`rN = K`, K up to 64: sizes, offsets, flags) by one either
way, and ask both the
playground (`dynptr-play verify --wording upstream --json`) and the kernel
(the mutant wrapped by kernel-asm.py, built by clang, loaded by kload) for a
verdict. Prints every mutant on which they disagree, with both messages,
and a summary. Mutants the assembler or the kernel's loader refuse before
verification are skipped.

    tests/corpus/kernel-diff.py [--cli PATH] [CASE.s ...]
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KLOAD = ROOT / "tests/kernel/build/kload"
MULTIARCH = subprocess.run(["gcc", "-print-multiarch"], capture_output=True, text=True).stdout.strip() or "x86_64-linux-gnu"


def ours(cli, path):
    r = subprocess.run([cli, "verify", "--wording", "upstream", "--log-level", "0", "--json", str(path)],
                       capture_output=True, text=True)
    if r.returncode == 2:
        return None, r.stderr.strip()
    try:
        d = json.loads(r.stdout)
    except json.JSONDecodeError:
        return None, "bad JSON"
    return d.get("verdict"), (d.get("message") or "").replace("\n", " / ")


def kernel(src, name, work):
    c, o = work / f"{name}.c", work / f"{name}.o"
    if subprocess.run([sys.executable, str(ROOT / "tests/corpus/kernel-asm.py"), str(src), str(c)]).returncode:
        return None, "wrap failed"
    cc = subprocess.run(["clang", "-O2", "-g", "-target", "bpf", f"-I/usr/include/{MULTIARCH}",
                         "-I", str(ROOT / "tests/programs/include"), "-c", str(c), "-o", str(o)],
                        capture_output=True, text=True)
    if cc.returncode:
        return None, "clang failed"
    r = subprocess.run([str(KLOAD), str(o), name], capture_output=True, text=True)
    try:
        d = json.loads(r.stdout)
    except json.JSONDecodeError:
        return None, "bad kload output"
    if d["verdict"] not in ("accept", "reject"):
        return None, d.get("err_str", "")
    skip = ("processed ", "verification time", "stack depth")
    lines = [l for l in d.get("log", "").splitlines() if l.strip() and not l.startswith(skip)]
    return d["verdict"], lines[-1] if lines else ""


def main():
    args = sys.argv[1:]
    cli = str(ROOT / "target/release/dynptr-play")
    if args[:1] == ["--cli"]:
        cli, args = args[1], args[2:]
    cases = [Path(a) for a in args] or sorted(
        p for g in ("spec", "extra") for p in (ROOT / "tests/corpus" / g).glob("*.s")
        if "\n; upstream:" in p.read_text())
    total = agree = skipped = 0
    disagreements = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for case in cases:
            lines = case.read_text().splitlines()
            name = case.stem
            insn_lines = [i for i, l in enumerate(lines)
                          if l.startswith("\t") and not l.strip().startswith(";")]
            mutants = [(lines[:i] + lines[i + 1:], f"without `{lines[i].strip()}`") for i in insn_lines]
            for i in insn_lines:
                m = re.search(r"(\+= -|\(r10 - )(\d+)", lines[i])
                if not m:
                    continue
                for delta in (-8, 8):
                    k = int(m.group(2)) + delta
                    if k <= 0 or k > 512:
                        continue
                    changed = lines[i][:m.start(2)] + str(k) + lines[i][m.end(2):]
                    mutants.append((lines[:i] + [changed] + lines[i + 1:],
                                    f"with `{changed.split(';')[0].strip()}` for `{lines[i].split(';')[0].strip()}`"))
            for i in insn_lines:
                m = re.fullmatch(r"(\s*r\d = )(\d+)(\s*(;.*)?)", lines[i])
                if not m or int(m.group(2)) > 64:
                    continue
                for delta in (-1, 1):
                    k = int(m.group(2)) + delta
                    if k < 0:
                        continue
                    changed = m.group(1) + str(k) + m.group(3)
                    mutants.append((lines[:i] + [changed] + lines[i + 1:],
                                    f"with `{changed.split(';')[0].strip()}` for `{lines[i].split(';')[0].strip()}`"))
            for mlines, what in mutants:
                mutant = work / f"{name}.s"
                mutant.write_text("\n".join(mlines) + "\n")
                ov, om = ours(cli, mutant)
                kv, km = kernel(mutant, name, work)
                total += 1
                if ov is None or kv is None:
                    skipped += 1
                    continue
                ov = "accept" if ov.startswith("accept") else "reject"
                if ov == kv:
                    agree += 1
                else:
                    disagreements.append((case.name, what, ov, om, kv, km))
    for case, what, ov, om, kv, km in disagreements:
        print(f"{case} {what}:\n    playground: {ov} {om}\n    kernel:     {kv} {km}")
    print(f"kernel-diff: {total} mutants, {agree} agree, {len(disagreements)} disagree, {skipped} skipped")


if __name__ == "__main__":
    main()
