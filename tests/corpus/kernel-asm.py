#!/usr/bin/env python3
"""Wraps a corpus case (.s, LLVM dialect) into a C file that clang compiles to
an object libbpf can load: each function of the case becomes a naked function
whose body is the case's own instructions in inline assembly, maps and
globals become BTF-defined maps and C globals, helper calls by name become
`call N`, kfunc calls become calls of `__ksym` externs. The object then goes to
the running kernel through tests/corpus/kernel-check.sh, so the assembly
versions of the corpus are cross-checked as the C versions are.

    tests/corpus/kernel-asm.py CASE.s OUT.c

Exit 3 (and no output) for cases that call the series' helpers 212-221,
which the upstream kernel does not have.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = {
    "xdp": "?xdp", "tc": "?tc", "cgroup_skb": "?cgroup_skb/egress",
    "raw_tp": "?raw_tp", "tp": "?tp/syscalls/sys_enter_nanosleep", "syscall": "?syscall",
}
# The upstream kfuncs with their C declarations (from dynptr_kfuncs.h).
KFUNC_HEADER = "dynptr_kfuncs.h"


def catalog():
    """Helper numbers and kfunc names from the engine's catalog table."""
    text = (ROOT / "crate/src/catalog/table.rs").read_text()
    helpers, kfuncs = {}, set()
    for name, kind, num in re.findall(r'name: "(\w+)",\s*kind: ([hk])\((\d+)\)', text):
        if kind == "h":
            helpers[name] = int(num)
        else:
            kfuncs.add(name)
    return helpers, kfuncs


def main():
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    helpers, kfuncs = catalog()
    prog = None
    maps, globals_ = [], []
    body = []  # (label or None, instruction text)
    for raw in src.read_text().splitlines():
        line = raw.split(";", 1)[0].rstrip() if not raw.lstrip().startswith(".data") else raw.rstrip()
        s = line.strip()
        if not s:
            continue
        if s.startswith(".program"):
            _, name, ptype = s.split()
            prog = (name, ptype)
        elif s.startswith(".map"):
            parts = s.split()
            kv = dict(p.split("=") for p in parts[3:])
            maps.append((parts[1], parts[2], kv))
        elif s.startswith(".bss"):
            _, name, size = s.split()
            globals_.append(f"char {name}[{size}] __attribute__((aligned(8)));")
        elif s.startswith(".data"):
            m = re.match(r'\.data\s+(\w+)\s+(\d+)\s*=\s*(".*")', s)
            globals_.append(f"char {m.group(1)}[{m.group(2)}] __attribute__((aligned(8))) = {m.group(3)};")
        elif s.endswith(":"):
            body.append((s[:-1], None))
        else:
            body.append((None, s))
    # Functions: labels a call or an ld_imm64 names.
    funcs = set()
    for _, insn in body:
        if insn is None:
            continue
        m = re.match(r"call (?:kfunc )?(\w+)$", insn) or re.match(r"r\d = (\w+) ll$", insn)
        if m and m.group(1) not in helpers and m.group(1) not in kfuncs:
            funcs.add(m.group(1))
    funcs -= {m[0] for m in maps}
    funcs -= {re.search(r"char (\w+)\[", g).group(1) for g in globals_}
    used_kfuncs = set()
    chunks = [(prog[0], [])]
    for label, insn in body:
        if label is not None and label in funcs:
            chunks.append((label, []))
            continue
        if label is not None:
            chunks[-1][1].append(f"{label}:")
            continue
        m = re.match(r"call (kfunc )?(\w+)$", insn)
        if m and (m.group(1) or m.group(2) not in helpers) and m.group(2) in kfuncs:
            used_kfuncs.add(m.group(2))
            # An "i" operand makes clang emit the extern (and its BTF), so
            # libbpf can resolve the kfunc by name.
            insn = f"call %[{m.group(2)}]"
        elif m and m.group(2) in helpers:
            if 212 <= helpers[m.group(2)] <= 221:
                sys.exit(3)
            insn = f"call {helpers[m.group(2)]}"
        chunks[-1][1].append("\t" + insn)
    if any(re.match(r"\tcall (21[2-9]|22[01])$", i) for _, c in chunks for i in c):
        sys.exit(3)
    c = ["#include <linux/bpf.h>", "#include <bpf/bpf_helpers.h>"]
    if used_kfuncs:
        c.append(f'#include "{KFUNC_HEADER}"')
    c.append('char _license[] SEC("license") = "GPL";')
    for name, mtype, kv in maps:
        fields = [f"__uint(type, BPF_MAP_TYPE_{mtype.upper()});", f"__uint(max_entries, {kv['max_entries']});"]
        if "key" in kv:
            fields += [f"__uint(key_size, {kv['key']});", f"__uint(value_size, {kv['value']});"]
        c.append("struct { " + " ".join(fields) + f' }} {name} SEC(".maps");')
    c += globals_
    def asm_block(lines):
        used = sorted(k for k in used_kfuncs if any(f"%[{k}]" in l for l in lines))
        operands = " :: " + ", ".join(f'[{k}] "i"({k})' for k in used) if used else ""
        return "{\n\tasm volatile (\n" + "".join(f'"{l}\\n"\n' for l in lines) + operands + ");\n}"

    for name, lines in chunks[1:]:
        c.append(f"__attribute__((naked, noinline, used)) static void {name}(void)")
        c.append(asm_block(lines))
    c.append(f'SEC("{SECTIONS[prog[1]]}")\n__attribute__((naked)) int {prog[0]}(void)')
    c.append(asm_block(chunks[0][1]))
    if used_kfuncs:
        # clang emits an extern's BTF only for calls from C; this program is
        # never loaded, it only makes libbpf find the kfuncs by name.
        calls = "".join(f"\t((void (*)(void)){k})();\n" for k in sorted(used_kfuncs))
        c.append(f'SEC("?raw_tp")\nint kfunc_btf_refs(void *ctx)\n{{\n{calls}\treturn 0;\n}}')
    # Subprograms are declared before use.
    decls = [f"static void {n}(void);" for n, _ in chunks[1:]]
    text = "\n".join(c[:4 if used_kfuncs else 3] + decls + c[4 if used_kfuncs else 3:]) + "\n"
    out.write_text(text)


if __name__ == "__main__":
    main()
