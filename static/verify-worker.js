// The verifier's worker: verifies off the page's thread, so that a long
// walk (a loop at the 1,000,000-instruction complexity limit) never blocks
// the page (web/src/worker.rs is the page's side and the Rust this calls).
//
// The page starts it as a module worker and posts, in order:
//   {kind: "init", js, module}   the URL of the page's wasm-bindgen glue and
//                                its compiled WebAssembly.Module (nothing is
//                                fetched or compiled again);
//   {kind: "verify", id, request, elf?} what to verify (JSON: the assembly
//                                text, or the index of a program of the
//                                object whose bytes are `elf`; the program
//                                type; the verifier's options).
// It answers each verify with {kind: "progress", id, n} while the walk goes
// on (at most every 50 ms), then the report: one message {kind: "report",
// id, payload} or, when it is big, parts {kind: "paths" | "states" | "log" |
// "done", id, payload}, each handled by the page in a task of its own; or
// {kind: "panic" | "error", id, ...} when it fails. A failed init answers
// {kind: "init-error", message}: the page then verifies on its own thread.
// Cancel is the page terminating this worker.

let glue = null;
let queue = Promise.resolve();

self.onmessage = (e) => {
  const m = e.data;
  // One message at a time, in order (init is asynchronous).
  queue = queue.then(() => handle(m));
};

async function handle(m) {
  if (m.kind === "init") {
    try {
      const g = await import(m.js);
      await g.default({ module_or_path: m.module });
      glue = g;
    } catch (err) {
      self.postMessage({ kind: "init-error", message: String((err && err.message) || err) });
    }
    return;
  }
  if (m.kind !== "verify") return;
  if (!glue) {
    self.postMessage({ kind: "error", id: m.id, message: "the verifier's worker did not start" });
    return;
  }
  let last = performance.now();
  const progress = (n) => {
    const now = performance.now();
    if (now - last >= 50) {
      last = now;
      self.postMessage({ kind: "progress", id: m.id, n });
    }
  };
  const post = (kind, payload) => self.postMessage({ kind, id: m.id, payload });
  try {
    glue.worker_verify(m.request, m.elf, progress, post);
  } catch (err) {
    self.postMessage({ kind: "error", id: m.id, message: String((err && err.message) || err) });
  }
}
