// <dynptr-playground>: the Dynptr Playground as a custom element, for
// teaching pages that embed a program without an iframe.
//
//   <script type="module" src="pkg/dynptr-playground.js"></script>
//   <dynptr-playground panel="dynptrs">
//     .program demo syscall
//     r0 = 0
//     exit
//   </dynptr-playground>
//
// Attributes (each may change at any time; the element reloads):
//   program    the program text (else the element's own text, indentation
//              removed)
//   src        a URL to fetch instead: assembly text, or a clang object
//              (`entry` names its program; default the first)
//   share      a Share link of the playground page, or just its fragment
//              (`#s=…`): program, program type and packet
//   panel      verifier (default), registers, dynptrs, stack, packet,
//              ringbuf, callstack, maps
//   kernel     the kernel profile: "series" (the default) or "6.18"
//   prog-type  overrides the program's type (xdp, tc, cgroup_skb, raw_tp,
//              tp, syscall)
//   packet     the input packet as hex (default: a small Ethernet/IPv4/UDP
//              frame)
//   theme      light or dark (default: the reader's preference)
//
// It renders into an open shadow root (styles adopted as a constructed
// stylesheet, never inline <style> or style attributes, so a page whose
// Content-Security-Policy is `default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'` can host it) and talks to the engine only through the
// wasm facade in ./dynptr_play.js. Events: `dynptr-verified` (detail: the
// report), `dynptr-snapshot` (detail: the snapshot after a step or run).

import init, * as engine from "./dynptr_play.js";

const PANELS = ["verifier", "registers", "dynptrs", "stack", "packet", "ringbuf", "callstack", "maps"];
const PROG_TYPES = ["xdp", "tc", "cgroup_skb", "raw_tp", "tp", "syscall"];
/** The largest decompressed share payload (as the page: a link is user input). */
const MAX_SHARE = 1 << 20;

let engineReady = null;
/** Instantiates the wasm once per page. */
function loadEngine() {
  engineReady ??= init().then(() => engine);
  return engineReady;
}

/** Builds an element: `h("div", {class: "x", dataset: {a: 1}, text: "hi"}, child, ...)`. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = String(v);
    else if (k === "dataset") for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    else if (k === "style") Object.assign(el.style, v); // CSSOM, allowed by a strict CSP
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

/** A u64 as the facade gives it (number, BigInt or "0x…" string) as a BigInt. */
const big = (v) => (typeof v === "bigint" ? v : BigInt(v));
/** A register value as the page prints it: signed decimal. */
const signed = (v) => BigInt.asIntN(64, big(v)).toString();

/** Removes the indentation common to every non-blank line, and blank edges. */
export function dedent(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n") + (lines.length ? "\n" : "");
}

/** Parses hex bytes ("0011aa", spaces allowed). */
export function parseHex(text) {
  const s = text.replace(/\s+/g, "");
  if (s.length % 2 || /[^0-9a-fA-F]/.test(s)) throw new Error(`not hex bytes: ${text.slice(0, 40)}`);
  const out = [];
  for (let i = 0; i < s.length; i += 2) out.push(parseInt(s.slice(i, i + 2), 16));
  return out;
}

/**
 * Decodes a playground Share link (or its fragment): `#s=` + url-safe base64
 * of deflated JSON `{src, prog_type, packet, breakpoints}`.
 */
export async function decodeShare(link) {
  const frag = link.includes("#") ? link.slice(link.indexOf("#") + 1) : link;
  const data = frag.split("&").find((kv) => kv.startsWith("s="))?.slice(2);
  if (!data) throw new Error("the share attribute holds no s=… fragment");
  const b64 = data.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  let bin;
  try {
    bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new Error("the share link is damaged (not base64)");
  }
  const packed = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const reader = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const parts = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_SHARE) throw new Error("the share link's program is larger than 1 MiB");
      parts.push(value);
    }
  } catch (e) {
    throw new Error(e.message.includes("1 MiB") ? e.message : "the share link is damaged (not deflate data)");
  }
  let shared;
  try {
    shared = JSON.parse(new TextDecoder().decode(await new Blob(parts).arrayBuffer()));
  } catch {
    throw new Error("the share link is damaged (not JSON)");
  }
  if (typeof shared?.src !== "string" || typeof shared?.prog_type !== "string") {
    throw new Error("the share link carries no program");
  }
  return { src: shared.src, prog_type: shared.prog_type, packet: shared.packet || "", breakpoints: shared.breakpoints || [] };
}

const CSS = `
:host { display: block; font: 13px/1.4 system-ui, sans-serif; color: var(--dp-fg); background: var(--dp-bg);
  border: 1px solid var(--dp-border); border-radius: 6px; overflow: hidden;
  --dp-bg: #fff; --dp-fg: #1d2330; --dp-muted: #5b6478; --dp-border: #d5d9e2; --dp-panel: #f5f7fa;
  --dp-accent: #2f6fdb; --dp-ok: #1f7a3a; --dp-bad: #b3261e; --dp-code: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
:host([theme=dark]) { --dp-bg: #161a22; --dp-fg: #e3e7ef; --dp-muted: #9aa3b5; --dp-border: #2c3342; --dp-panel: #1d2230;
  --dp-accent: #6ea0ff; --dp-ok: #5fcf7e; --dp-bad: #ff7b72; }
@media (prefers-color-scheme: dark) { :host(:not([theme=light])) { --dp-bg: #161a22; --dp-fg: #e3e7ef; --dp-muted: #9aa3b5;
  --dp-border: #2c3342; --dp-panel: #1d2230; --dp-accent: #6ea0ff; --dp-ok: #5fcf7e; --dp-bad: #ff7b72; } }
:host([hidden]) { display: none; }
.bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--dp-border); background: var(--dp-panel); }
button { font: inherit; padding: 3px 10px; border: 1px solid var(--dp-border); border-radius: 4px; background: var(--dp-bg); color: var(--dp-fg); cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--dp-accent); }
button:disabled { opacity: .5; cursor: default; }
button.primary { background: var(--dp-accent); border-color: var(--dp-accent); color: #fff; }
.where { margin-left: auto; color: var(--dp-muted); font-family: var(--dp-code); font-size: 12px; }
.main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); min-height: 260px; }
@media (max-width: 640px) { .main { grid-template-columns: 1fr; } }
.code { position: relative; min-width: 0; border-right: 1px solid var(--dp-border); }
.gutter { position: absolute; top: 0; bottom: 0; left: 0; width: 4.2em; box-sizing: border-box; z-index: 1; pointer-events: none;
  overflow: hidden; padding: 8px 0; text-align: right; user-select: none;
  font: 12.5px/1.5 var(--dp-code); color: var(--dp-muted); background: var(--dp-panel); border-right: 1px solid var(--dp-border); }
.gutter div { padding: 0 6px 0 4px; white-space: nowrap; }
.gutter .cur { background: var(--dp-accent); color: #fff; }
.gutter .rej { color: var(--dp-bad); font-weight: 700; }
.gutter .rej::before { content: "✗ "; }
.gutter .cur::before { content: "▶ "; }
textarea { box-sizing: border-box; width: 100%; height: 100%; min-height: 260px; margin: 0; padding: 8px 8px 8px calc(4.2em + 8px); border: 0;
  resize: vertical; font: 12.5px/1.5 var(--dp-code); color: var(--dp-fg); background: var(--dp-bg); tab-size: 8; white-space: pre; }
textarea:focus { outline: 2px solid var(--dp-accent); outline-offset: -2px; }
.side { display: flex; flex-direction: column; min-width: 0; }
.status { padding: 6px 8px; border-bottom: 1px solid var(--dp-border); display: grid; gap: 2px; }
.verdict.accepted { color: var(--dp-ok); font-weight: 600; }
.verdict.rejected, .error { color: var(--dp-bad); }
.verdict.none { color: var(--dp-muted); }
.note, .muted { color: var(--dp-muted); }
.current { font-family: var(--dp-code); font-size: 12px; }
.panel { padding: 6px 8px; overflow: auto; max-height: 420px; }
.panel h4 { margin: 6px 0 2px; font-size: 12px; color: var(--dp-muted); font-weight: 600; }
pre { margin: 0; font: 12px/1.45 var(--dp-code); white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; font: 12px/1.45 var(--dp-code); }
td, th { padding: 1px 8px 1px 0; text-align: left; vertical-align: top; }
th { color: var(--dp-muted); font-weight: 500; }
.uninit { color: var(--dp-muted); }
.dynptr { border: 1px solid var(--dp-border); border-radius: 4px; padding: 4px 6px; margin: 4px 0; }
.dynptr.gone { opacity: .6; text-decoration: line-through; }
.badge { display: inline-block; padding: 0 5px; margin-right: 4px; border-radius: 3px; background: var(--dp-panel); border: 1px solid var(--dp-border); font-size: 11px; }
.dp-bar { position: relative; height: 10px; margin-top: 4px; background: var(--dp-panel); border: 1px solid var(--dp-border); border-radius: 2px; }
.dp-window { position: absolute; top: 0; bottom: 0; background: var(--dp-accent); opacity: .75; border-radius: 2px; }
`;

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

export class DynptrPlayground extends HTMLElement {
  static observedAttributes = ["program", "src", "share", "entry", "panel", "kernel", "prog-type", "packet", "theme"];

  #ui = null;
  #loadSeq = 0;
  #pending = null;
  #elf = null; // {programs, index, text}: the object the text came from
  #progType = null;
  #packet = null;
  #breakpoints = [];
  #program = null;
  #report = null;
  #session = null;
  #snapshot = null;
  #listing = [];
  #error = null;
  #note = null;
  #stale = true;
  #lastCur = null;
  /** Resolves once the engine is loaded and the first program verified. */
  ready;
  #resolveReady;

  constructor() {
    super();
    this.ready = new Promise((r) => (this.#resolveReady = r));
    this.attachShadow({ mode: "open" }).adoptedStyleSheets = [styles()];
  }

  connectedCallback() {
    if (!this.#ui) this.#build();
    this.#scheduleLoad();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#ui) return;
    if (name === "panel") this.#render();
    else if (name !== "theme") this.#scheduleLoad();
  }

  /** The program text in the editor. */
  get program() {
    return this.#ui ? this.#ui.editor.value : "";
  }
  set program(text) {
    this.setAttribute("program", text);
  }
  /** The last verifier report (null before Verify). */
  get report() {
    return this.#report;
  }
  /** The last VM snapshot (null before Step or Run). */
  get snapshot() {
    return this.#snapshot;
  }

  #panel() {
    const p = (this.getAttribute("panel") || "verifier").toLowerCase();
    return PANELS.includes(p) ? p : "verifier";
  }

  #build() {
    const btn = (label, testid, fn, cls) => h("button", { type: "button", "data-testid": testid, class: cls, onclick: () => this.#guard(fn) , text: label });
    const ui = {};
    ui.verify = btn("Verify", "verify", () => this.verify(), "primary");
    ui.run = btn("Run", "run", () => this.run());
    ui.step = btn("Step", "step", () => this.step());
    ui.back = btn("Step back", "step-back", () => this.stepBack());
    ui.reset = btn("Reset", "reset", () => this.reset());
    ui.where = h("span", { class: "where", "data-testid": "pc" });
    ui.editor = h("textarea", { "data-testid": "editor", spellcheck: "false", autocomplete: "off", "aria-label": "BPF program" });
    ui.editor.addEventListener("input", () => this.#edited());
    // Line numbers beside the text: the next instruction's line (▶) and the
    // line the verifier refused (✗); scrolled with the text.
    ui.gutter = h("div", { class: "gutter", "aria-hidden": "true", "data-testid": "gutter" });
    ui.editor.addEventListener("scroll", () => (ui.gutter.scrollTop = ui.editor.scrollTop));
    ui.verdict = h("div", { class: "verdict none", "data-testid": "verdict", role: "status" });
    ui.exit = h("div", { "data-testid": "exit" });
    ui.error = h("div", { class: "error", "data-testid": "error", role: "alert" });
    ui.note = h("div", { class: "note" });
    ui.current = h("div", { class: "current", "data-testid": "current" });
    ui.panel = h("div", { class: "panel", "data-testid": "panel" });
    this.shadowRoot.append(
      h("div", { class: "bar", part: "toolbar" }, ui.verify, ui.run, ui.step, ui.back, ui.reset, ui.where),
      h("div", { class: "main" }, h("div", { class: "code" }, ui.gutter, ui.editor),
        h("div", { class: "side" }, h("div", { class: "status" }, ui.verdict, ui.exit, ui.error, ui.note, ui.current), ui.panel)),
    );
    this.#ui = ui;
    this.#render();
  }

  #scheduleLoad() {
    // Several attributes set in a row reload once.
    if (this.#pending) return;
    this.#pending = Promise.resolve().then(() => {
      this.#pending = null;
      return this.#load();
    });
  }

  /** Reads the attributes, loads the program and verifies it. */
  async #load() {
    const seq = ++this.#loadSeq;
    this.#clearRun();
    this.#report = null;
    this.#error = null;
    this.#elf = null;
    this.#breakpoints = [];
    this.#ui.verdict.textContent = "loading…";
    let text = "";
    let progType = this.getAttribute("prog-type");
    let packet = this.getAttribute("packet") || "";
    try {
      const eng = await loadEngine();
      if (this.hasAttribute("share")) {
        const s = await decodeShare(this.getAttribute("share"));
        text = s.src;
        progType = progType || s.prog_type;
        packet = packet || s.packet;
        this.#breakpoints = s.breakpoints.filter((l) => Number.isInteger(l));
      } else if (this.hasAttribute("src")) {
        const url = new URL(this.getAttribute("src"), document.baseURI);
        const resp = await fetch(url);
        if (!resp.ok) throw new Error(`cannot fetch ${url}: HTTP ${resp.status}`);
        const bytes = new Uint8Array(await resp.arrayBuffer());
        if (bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) {
          const programs = this.#call(() => eng.load_elf(bytes));
          const want = this.getAttribute("entry");
          const index = want ? programs.findIndex((p) => p.name === want) : 0;
          if (index < 0) throw new Error(`the object has no program ${want} (it has ${programs.map((p) => p.name).join(", ")})`);
          if (!programs.length) throw new Error("the object holds no program");
          text = eng.disassemble(programs[index]);
          this.#elf = { programs, index, text };
        } else {
          text = new TextDecoder().decode(bytes);
        }
      } else if (this.hasAttribute("program")) {
        text = this.getAttribute("program");
      } else {
        text = dedent(this.textContent || "");
      }
      if (progType && !PROG_TYPES.includes(progType)) {
        throw new Error(`unknown program type ${progType} (one of ${PROG_TYPES.join(", ")})`);
      }
      this.#progType = progType || null;
      this.#packet = packet ? parseHex(packet) : null;
    } catch (e) {
      if (seq !== this.#loadSeq) return;
      this.#fail(e);
      this.#resolveReady();
      return;
    }
    if (seq !== this.#loadSeq) return;
    this.#ui.editor.value = text;
    try {
      this.verify();
    } catch (e) {
      this.#fail(e);
    }
    this.#resolveReady();
  }

  #fail(e) {
    this.#error = e && (e.message || String(e));
    if (e && e.line) this.#error = `line ${e.line}, column ${e.col}: ${e.message}`;
    this.#render();
  }

  /** Runs an engine call, turning its thrown `{message}` object into an Error. */
  #call(fn) {
    try {
      return fn();
    } catch (e) {
      if (e instanceof Error) throw e;
      const err = new Error(e && e.message ? e.message : String(e));
      Object.assign(err, e);
      throw err;
    }
  }

  #guard(fn) {
    try {
      fn();
    } catch (e) {
      this.#fail(e);
    }
  }

  #edited() {
    this.#stale = true;
    this.#clearRun();
    this.#report = null;
    this.#error = null;
    this.#render();
  }

  #clearRun() {
    if (this.#session) this.#session.free();
    this.#session = null;
    this.#snapshot = null;
    this.#note = null;
  }

  #assemble() {
    const text = this.#ui.editor.value;
    let p;
    if (this.#elf && text === this.#elf.text) {
      p = structuredClone(this.#elf.programs[this.#elf.index]);
    } else {
      p = this.#call(() => engine.assemble(text));
    }
    if (this.#progType) p.prog_type = this.#progType;
    return p;
  }

  /** Assembles and verifies the editor's text: the report. */
  verify() {
    this.#clearRun();
    this.#report = null;
    this.#error = null;
    this.#stale = false;
    try {
      this.#program = this.#assemble();
      const kernel = this.getAttribute("kernel") || "series";
      this.#report = this.#call(() => engine.verify_program(this.#program, { log_level: 2, kernel }));
      this.#listing = [];
    } catch (e) {
      this.#program = null;
      this.#fail(e);
      throw e;
    }
    this.#render();
    this.dispatchEvent(new CustomEvent("dynptr-verified", { detail: this.#report, bubbles: true, composed: true }));
    return this.#report;
  }

  #ensureSession() {
    if (this.#stale || !this.#report) this.verify();
    if (!this.#session) {
      const rejected = this.#report.verdict !== "Accepted";
      const world = this.#packet ? { packet: this.#packet } : undefined;
      this.#session = this.#call(() => engine.Session.fromProgram(this.#program, world, { unsafe_mode: rejected }));
      this.#listing = this.#session.listing();
      this.#snapshot = this.#session.snapshot();
      this.#note = rejected ? "The verifier rejects this program: it runs anyway (unsafe mode) to show the fault it prevents." : null;
    }
    return this.#session;
  }

  #after(snap) {
    this.#snapshot = snap;
    this.#render();
    this.dispatchEvent(new CustomEvent("dynptr-snapshot", { detail: snap, bubbles: true, composed: true }));
    return snap;
  }

  /** Breakpoints from a share link: source lines, as instruction indices. */
  #breakInsns() {
    if (!this.#breakpoints.length || !this.#program) return [];
    const lines = new Set(this.#breakpoints);
    const out = [];
    this.#program.lines.forEach((l, i) => {
      if (l && lines.has(l.line) && !(i > 0 && this.#program.lines[i - 1]?.line === l.line)) out.push(i);
    });
    return out;
  }

  /** Runs to the end (or the next breakpoint of a share link): the snapshot. */
  run() {
    const s = this.#ensureSession();
    return this.#after(this.#call(() => s.continue(this.#breakInsns())));
  }
  /** One instruction: the snapshot. */
  step() {
    const s = this.#ensureSession();
    return this.#after(this.#call(() => s.step()));
  }
  /** Back one instruction: the snapshot. */
  stepBack() {
    const s = this.#ensureSession();
    return this.#after(this.#call(() => s.step_back()));
  }
  /** Back to the first instruction: the snapshot. */
  reset() {
    const s = this.#ensureSession();
    return this.#after(this.#call(() => s.reset()));
  }

  #render() {
    const ui = this.#ui;
    if (!ui) return;
    const r = this.#report;
    const snap = this.#snapshot;
    ui.verdict.className = "verdict " + (r ? (r.verdict === "Accepted" ? "accepted" : "rejected") : "none");
    ui.verdict.textContent = r
      ? r.verdict === "Accepted" ? "accepted" : `rejected: ${(r.message || "").trim().replace(/\n/g, " ")}`
      : "not verified";
    ui.error.textContent = this.#error || "";
    ui.error.hidden = !this.#error;
    ui.note.textContent = this.#note || "";
    ui.note.hidden = !this.#note;
    const st = snap?.state;
    ui.exit.hidden = !st || st.state === "running";
    ui.exit.className = st?.state === "faulted" ? "error" : "";
    ui.exit.textContent = !st || st.state === "running" ? ""
      : st.state === "exited" ? `exited, r0 = ${signed(st.r0)}`
      : `fault at insn ${st.fault.insn}: ${engine.describe_fault(st.fault).replace(/^insn \d+: /, "")}`;
    if (snap) {
      const line = this.#program?.lines?.[snap.pc]?.line;
      ui.where.textContent = `pc ${snap.pc} · ${snap.steps} steps`;
      ui.current.textContent = st.state === "running"
        ? `next: ${this.#listing[snap.pc] ?? "?"}${line ? `   (line ${line})` : ""}` : "";
    } else {
      ui.where.textContent = "";
      ui.current.textContent = "";
    }
    const ok = !this.#error || this.#program;
    for (const b of [ui.run, ui.step]) b.disabled = !ok || (st && st.state !== "running");
    ui.back.disabled = !snap || snap.steps === 0;
    ui.reset.disabled = !snap;
    this.#renderGutter();
    const panel = this.#panel();
    ui.panel.dataset.panel = panel;
    ui.panel.replaceChildren(...this.#panelBody(panel));
  }

  #renderGutter() {
    const ui = this.#ui;
    const n = Math.max(ui.editor.value.split("\n").length, 1);
    const lineOf = (insn) => (insn === null || insn === undefined ? null : this.#program?.lines?.[insn]?.line ?? null);
    const st = this.#snapshot?.state?.state;
    const cur = this.#snapshot && st === "running" ? lineOf(this.#snapshot.pc)
      : st === "faulted" ? lineOf(this.#snapshot.state.fault.insn) : null;
    const rej = this.#report && this.#report.verdict !== "Accepted" ? lineOf(this.#report.insn) : null;
    const rows = [];
    for (let i = 1; i <= n; i++) {
      rows.push(h("div", { class: [i === cur ? "cur" : "", i === rej ? "rej" : ""].join(" ").trim() || null, dataset: { line: i }, text: i }));
    }
    ui.gutter.replaceChildren(...rows);
    // Keep the next line in view while stepping (only when it moves, so a
    // reader scrolling elsewhere is not pulled back).
    if (cur && cur !== this.#lastCur) {
      const lh = parseFloat(getComputedStyle(ui.editor).lineHeight) || 18.75;
      const y = 8 + (cur - 1) * lh;
      if (y < ui.editor.scrollTop || y + lh > ui.editor.scrollTop + ui.editor.clientHeight) {
        ui.editor.scrollTop = Math.max(0, y - ui.editor.clientHeight / 3);
      }
    }
    this.#lastCur = cur;
    ui.gutter.scrollTop = ui.editor.scrollTop;
  }

  #panelBody(panel) {
    const r = this.#report;
    const snap = this.#snapshot;
    if (panel === "verifier") {
      if (!r) return [h("div", { class: "muted", text: "Verify to see the verifier's log." })];
      return [
        r.message ? h("pre", { class: "error", "data-testid": "verifier-message", text: r.message.trim() }) : null,
        r.explanation ? h("p", { "data-testid": "explanation", text: r.explanation }) : null,
        h("h4", { text: "log" }),
        h("pre", { "data-testid": "verifier-log", text: r.log }),
      ];
    }
    if (!snap) return [h("div", { class: "muted", text: "Step or Run to see the " + panel + "." })];
    switch (panel) {
      case "registers":
        return [h("table", {}, snap.regs.map((reg, i) =>
          h("tr", { class: reg.init ? "" : "uninit" },
            h("th", { text: `r${i}` }),
            h("td", { "data-testid": `reg-r${i}`, text: !reg.init ? "?" : reg.desc ? `0x${big(reg.value).toString(16)}` : signed(reg.value) }),
            h("td", { class: "muted", text: reg.desc || "" }))))];
      case "dynptrs":
        if (!snap.dynptrs.length) return [h("div", { class: "muted", text: "No dynptr on the stack yet." })];
        return snap.dynptrs.map((d) => {
          const len = Math.max(d.offset + d.size, 1);
          const valid = d.state === "valid";
          return h("div", { class: "dynptr" + (valid ? "" : " gone"), "data-testid": "dynptr",
            dataset: { slot: d.location, kind: d.kind || "", offset: d.offset, size: d.size, refId: d.ref_id ?? 0, rdonly: d.rdonly, state: valid ? "valid" : "invalid" } },
            h("span", { class: "badge", text: d.location }),
            d.kind ? h("span", { class: "badge", text: d.kind }) : null,
            d.rdonly ? h("span", { class: "badge", text: "rdonly" }) : null,
            d.ref_id ? h("span", { class: "badge", text: `ref ${d.ref_id}` }) : null,
            valid ? null : h("span", { class: "badge", text: d.state }),
            h("span", { text: ` off ${d.offset} · size ${d.size}` }),
            h("div", { class: "dp-bar", title: d.origin },
              h("div", { class: "dp-window", style: { left: `${(100 * d.offset) / len}%`, width: `${Math.max((100 * d.size) / len, 0.5)}%` } })));
        });
      case "stack": {
        const f = snap.frames[snap.frames.length - 1];
        const rows = [];
        for (let off = 0; off < f.stack.length; off += 8) {
          if (!f.stack_init.slice(off, off + 8).some(Boolean)) continue;
          const bytes = f.stack.slice(off, off + 8).map((b, i) => (f.stack_init[off + i] ? b.toString(16).padStart(2, "0") : "??"));
          rows.push(h("tr", {}, h("th", { text: `fp-${f.stack.length - off}` }), h("td", { text: bytes.join(" ") })));
        }
        return [h("h4", { text: `${f.func}'s stack (written slots)` }), rows.length ? h("table", { "data-testid": "stack" }, rows) : h("div", { class: "muted", text: "Nothing written yet." })];
      }
      case "packet":
        if (!snap.packet) return [h("div", { class: "muted", text: "This program type has no packet." })];
        return [h("h4", { text: `data (${snap.packet.data.length} bytes; headroom ${snap.packet.headroom.length}, tailroom ${snap.packet.tailroom})` }),
          h("pre", { "data-testid": "packet", dataset: { data: snap.packet.headroom.length }, text: hex(snap.packet.data) })];
      case "ringbuf": {
        const rbs = snap.maps.filter((m) => m.ringbuf);
        if (!rbs.length) return [h("div", { class: "muted", text: "The program declares no ring buffer." })];
        return rbs.map((m) => [h("h4", { text: `${m.name}: producer ${m.ringbuf.producer_pos}, consumer ${m.ringbuf.consumer_pos}` }),
          m.ringbuf.records.length ? h("table", {}, m.ringbuf.records.map((rec) =>
            h("tr", { "data-testid": "ringbuf-record", dataset: { len: rec.len, state: rec.state === "reserved" ? "busy" : rec.state } },
              h("th", { text: `#${rec.seq}` }), h("td", { text: `${rec.state}, ${rec.len} bytes` }), h("td", { text: hex(rec.bytes) }))))
            : h("div", { class: "muted", text: "No record yet." })]).flat();
      }
      case "callstack":
        return [h("table", {}, snap.frames.map((f, i) =>
          h("tr", { "data-testid": f.callback ? "callback-frame" : "frame", dataset: f.callback ? { iteration: f.callback.iteration } : {} },
            h("th", { text: `#${i}` }), h("td", { text: f.func }),
            h("td", { class: "muted", text: f.callback ? `${f.callback.helper} iteration ${f.callback.iteration}` : f.return_pc === null ? "entry" : `returns to ${f.return_pc}` }))))];
      case "maps":
        return [
          ...snap.maps.filter((m) => !m.ringbuf).map((m) => h("div", { "data-testid": "map", dataset: { name: m.name } },
            h("h4", { text: `${m.name} (${m.map_type})` }),
            m.globals.length
              ? h("table", {}, m.globals.map(([name, bytes]) => h("tr", {}, h("th", { text: name }),
                h("td", { "data-testid": `global-${name}`, text: bytes.length <= 8 ? BigInt.asUintN(64, bytes.reduceRight((v, b) => (v << 8n) | BigInt(b), 0n)).toString() : "" }),
                h("td", { class: "muted", text: hex(bytes) }))))
              : h("table", {}, m.entries.map((e) => h("tr", {}, h("th", { text: hex(e.key) }), h("td", { text: hex(e.value) })))))),
          h("h4", { text: "bpf_trace_printk" }),
          h("pre", { "data-testid": "trace", text: snap.trace.join("\n") || "(nothing printed)" }),
        ];
      default:
        return [];
    }
  }
}

if (!customElements.get("dynptr-playground")) customElements.define("dynptr-playground", DynptrPlayground);
