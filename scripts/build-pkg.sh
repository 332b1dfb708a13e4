#!/usr/bin/env bash
# Builds the engine's JavaScript package into pkg/: wasm-pack's output (an ES
# module, the .wasm, TypeScript types) plus the <dynptr-playground> custom
# element from js/. A page imports pkg/dynptr_play.js (assemble, verify,
# Session, run, ...) or loads pkg/dynptr-playground.js.
#
#   bash scripts/build-pkg.sh          # release build
#   PROFILE=dev bash scripts/build-pkg.sh   # faster, larger, for development
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

PROFILE=${PROFILE:-release}
# wasm-pack uses the wasm-bindgen on PATH when its version matches the crate's
# (0.2.130, installed by scripts/setup.sh), so it downloads nothing; wasm-opt
# is binaryen's from node_modules, run below, instead of wasm-pack's download.
# js/ is a cdylib that links the engine's facade (crate/src/wasm.rs).
wasm-pack build js --"$PROFILE" --no-opt --target web --out-dir ../pkg --out-name dynptr_play
grep -q "interface Report" pkg/dynptr_play.d.ts || { echo "build-pkg.sh: the facade's TypeScript types are missing" >&2; exit 1; }

if [ "$PROFILE" = release ] && command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    pkg/dynptr_play_bg.wasm -o pkg/dynptr_play_bg.wasm.opt
  mv pkg/dynptr_play_bg.wasm.opt pkg/dynptr_play_bg.wasm
fi

cp js/dynptr-playground.js js/dynptr-playground.d.ts pkg/
cp js/README.md pkg/README.md
# List the element in the package: its files, an export, and a side effect
# (importing it defines the element).
node - <<'JS'
const fs = require("fs");
const file = "pkg/package.json";
const p = JSON.parse(fs.readFileSync(file, "utf8"));
p.name = "dynptr-play";
p.files = [...new Set([...(p.files || []), "dynptr-playground.js", "dynptr-playground.d.ts"])];
p.exports = {
  ".": { types: "./dynptr_play.d.ts", default: "./dynptr_play.js" },
  "./dynptr-playground.js": { types: "./dynptr-playground.d.ts", default: "./dynptr-playground.js" },
  "./dynptr_play_bg.wasm": "./dynptr_play_bg.wasm",
};
p.sideEffects = [...new Set([...(Array.isArray(p.sideEffects) ? p.sideEffects : []), "./dynptr-playground.js"])];
fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n");
JS
ls -l pkg/
