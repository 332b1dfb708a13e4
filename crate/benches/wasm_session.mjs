// Times a session's Continue over crate/benches/long_loop.s (about
// 1,000,000 instructions) through the wasm facade in node: the first run
// after instantiating the module (cold) and the median of the next ten
// (warm). crate/examples/session_timing.rs measures the same program the
// same way natively; scripts/bench.sh runs both and reports the ratio.
//
//   node crate/benches/wasm_session.mjs DIR   # DIR: wasm-bindgen --target nodejs output
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2];
if (!dir) {
  console.error("usage: node wasm_session.mjs DIR (the facade built with wasm-bindgen --target nodejs)");
  process.exit(2);
}
const src = fs.readFileSync(path.join(here, "long_loop.s"), "utf8");
const require = createRequire(import.meta.url);
const engine = require(path.resolve(dir, "dynptr_play.js"));

function once() {
  const t = performance.now();
  const s = new engine.Session(src, undefined, undefined);
  const snap = s.continue([]);
  const ms = performance.now() - t;
  const steps = s.steps();
  s.free();
  if (!snap || !("state" in snap)) throw new Error("Session.continue returned no snapshot");
  return [ms, steps];
}

const [cold, steps] = once();
const warm = Array.from({ length: 10 }, () => once()[0]).sort((a, b) => a - b);
const median = (warm[4] + warm[5]) / 2;
console.log(JSON.stringify({ steps, cold_ms: +cold.toFixed(3), warm_ms: +median.toFixed(3) }));
