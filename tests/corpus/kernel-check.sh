#!/usr/bin/env bash
# Cross-checks corpus programs against the running kernel (root needed):
#
#   tests/corpus/kernel-check.sh OBJ PROG [kload options, e.g. --data HEX]
#
# Loads PROG of the clang object OBJ with the project's libbpf loader
# (tests/kernel/build/kload, built by scripts/build-kload.sh) and prints
# "PROG: accept (retval N, records M)" or "PROG: reject: <message>" followed by
# the two log lines before it. Only programs that use upstream helpers and
# kfuncs can be checked; see docs/corpus.md for what was.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 OBJ PROG [kload options]" >&2; exit 2; }
[ -x tests/kernel/build/kload ] || bash scripts/build-kload.sh >&2
tests/kernel/build/kload "$@" 2>/dev/null | python3 -c '
import json, sys
prog = sys.argv[1]
d = json.load(sys.stdin)
if d["verdict"] == "accept":
    recs = sum(len(r["records"]) for r in d.get("ringbuf", []))
    print("%s: accept (retval %s, records %d)" % (prog, d.get("retval"), recs))
elif d["verdict"] == "reject":
    skip = ("processed ", "verification time", "stack depth")
    lines = [l for l in d["log"].splitlines() if l.strip() and not l.startswith(skip)]
    last = lines[-3:] or ["(no log)"]
    print(f"{prog}: reject: {last[-1]}")
    for l in last[:-1]:
        print("    " + l)
else:
    print("%s: %s at %s: %s" % (prog, d["verdict"], d.get("stage"), d.get("err_str")))
' "$2"
