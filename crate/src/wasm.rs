//! The browser-facing API: plain JavaScript values only, no engine logic.
//!
//! Each function converts its arguments from JavaScript, calls the engine,
//! and converts the result back. What comes back is plain objects and
//! arrays (never ES Maps), shaped as the engine's types serialise; integers
//! are numbers when they fit one exactly (below 2^53) and `BigInt`s when
//! they do not (register bounds such as `umax=18446744073709551615`).
//! Register values and other pointers-or-numbers use the engine's own
//! convention (`vm::js_u64`): a number, or a `"0x…"` string above 2^53.
//! Errors are thrown as objects: `{line, col, message}` for assembly errors,
//! `{message}` (and `insn` when one is to blame) for the others.
//!
//! `bash scripts/build-pkg.sh` (wasm-pack over `js/`, a cdylib that links
//! this module) turns it into the `pkg/` JavaScript package, with
//! TypeScript types: the `typescript_custom_section` below names each
//! value's shape.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::program::Program;
use crate::verifier::{KernelProfile, Verdict, VerifierOptions, BPF_COMPLEXITY_LIMIT_INSNS};
use crate::vm::{Fault, VmOptions};
use crate::world::WorldConfig;
use crate::{asm, catalog, elf, session, verifier};

/// Largest integer a JavaScript number holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Thrown by every function: `line`/`col` (1-based) for assembly errors, `insn` when an instruction is to blame. */
export interface EngineError { message: string; line?: number; col?: number; insn?: number }

/** A JavaScript number when below 2^53, else a `"0x…"` hex string (`BigInt(v)` reads both). */
export type U64 = number | string;

export type ProgType = "xdp" | "tc" | "socket" | "cgroup_skb" | "raw_tp" | "tp" | "syscall";

/** A loaded program, as `assemble` and `load_elf` return it (pass it back to `verify_program`, `run_program`, `Session.fromProgram`, `disassemble`). */
export interface Program {
  name: string;
  prog_type: ProgType;
  insns: { code: number; dst_reg: number; src_reg: number; off: number; imm: number }[];
  maps: { name: string; map_type: "array" | "hash" | "ringbuf"; key_size: number; value_size: number; max_entries: number; initial_value: number[] | null; origin: unknown; key_type?: CType; value_type?: CType; map_flags?: number }[];
  funcs: { name: string; start: number }[];
  lines: ({ line: number; col: number } | null)[];
  /** The C line-info records of a clang object (`.BTF.ext`): from `insn` on, the code belongs to this C line; empty for assembly. */
  line_info: { insn: number; file: string; line: number; col: number; text: string }[];
  labels: [number, string][];
  /** The C variables DWARF describes (empty for assembly, or an object built without -g). */
  vars?: DebugVar[];
}

/** A C value's type from BTF, as `MapDef.key_type`/`value_type` and a global's `ty` hold it; pass it to `format_value`. */
export type CType =
  | { kind: "int"; size: number; signed: boolean; char: boolean; bool: boolean; enum_def?: { name: string; values: [string, number][] } }
  | { kind: "float"; size: number }
  | { kind: "ptr" }
  | { kind: "array"; elem: CType; len: number }
  | { kind: "struct"; name?: string; size: number; union: boolean; members: { name: string; bit_offset: number; bitfield_size: number; ty: CType }[] }
  | { kind: "opaque"; size: number };

/** A parameter or local of one function, from DWARF. */
export interface DebugVar {
  name: string;
  /** The C type: `struct bpf_dynptr`, `char[64]`, `__u32`, `void *`. */
  type_name: string;
  size: number;
  /** The concrete function it belongs to, and that function's first instruction. */
  func: string; func_start: number;
  param: boolean;
  /** Where it lives over instruction ranges [start, end): a stack offset from r10 (its first byte) or a register. */
  locs: { start: number; end: number; place: { kind: "stack"; off: number } | { kind: "reg"; regno: number } }[];
}

/** Options of `verify` / `verify_program`; every field is optional. */
export interface VerifyOptions {
  /** 0: no log (default); 1: the log of the failing path; 2: every instruction with its state. */
  log_level?: number;
  /** Instructions processed before "BPF program is too large" (default 1000000). */
  complexity_limit?: number;
  /** The kernel profile: `"series"` (the specification's era, default) or `"6.18"` (Linux 6.18); any other name throws. */
  kernel?: string;
  /** Old name of `kernel`: `"Series"` or `"Upstream"` (= `"6.18"`). */
  wording?: "Series" | "Upstream";
  /** Verify as if loaded with BPF_F_STRICT_ALIGNMENT: every load and store aligned to its size, packet data from 2 bytes past an aligned address (default false). */
  strict_alignment?: boolean;
}

export interface Report {
  verdict: "Accepted" | "Rejected";
  /** The kernel's error message, on rejection. */
  message: string | null;
  /** The instruction the error is reported at. */
  insn: number | null;
  /** Its source line, when known. */
  line: number | null;
  kind: string | null;
  /** The log in the kernel's format (empty at log level 0). */
  log: string;
  /** Why, in plain English. */
  explanation: string | null;
  /** Abstract states per instruction (bounds may be `bigint`). Each state's `frames[k]` has `regs` (each with `var`: the C variable the register holds, when DWARF names one, and `points_to` for a stack pointer: the variable it points into) and `stack` slots (each with `var`: the slot's C variables, `read_data[64]`, and on dynptr slots `dynptr.var`: `ptr`); `var` is absent when unknown. */
  states: { insn: number; states: unknown[] }[];
  stats: { insns_processed: number; total_states: number; peak_states: number; max_states_per_insn: number; mark_read: number };
  /** The exploration tree: every path walked, in walk order (at most 65536). */
  paths: VPath[];
  /** The provenance chain of a rejection, in walk order, the last step the rejected instruction (empty when accepted); the explanation numbers the steps ①, ②, ... `path`: the step's path in `paths`; `visit`: which visit of `insn` on it (0: the first). */
  provenance: { insn: number; role: "created" | "cloned" | "released" | "invalidated" | "overwritten" | "acquired" | "slice" | "pointer" | "value" | "unbounded" | "offset" | "scratched" | "callback" | "branch" | "ctx" | "rejected"; text: string; path: number | null; visit: number }[];
}

/** One path of the verifier's walk. */
export interface VPath {
  index: number;
  /** The path it forked from; null for a walk's first path. */
  parent: number | null;
  /** The branch it forked at, and the condition's registers on each side. */
  fork: { insn: number; direction: "taken" | "fallthrough" | "iterate"; this_side: { reg: string; state: string }[]; other_side: { reg: string; state: string }[] } | null;
  start: number;
  /** Instructions processed on it. */
  insns: number;
  /** `[first, last]` instruction runs, in walk order. */
  runs: [number, number][];
  end:
    | { kind: "exit"; insn: number }
    | { kind: "pruned"; insn: number; by_path: number | null; reason: string }
    | { kind: "limit"; insn: number }
    | { kind: "error"; insn: number; message: string }
    | { kind: "unfinished" };
}

/** The simulated kernel a program runs in; every field is optional. */
export interface WorldConfig {
  packet?: number[]; headroom?: number; tailroom?: number; frags?: number[][];
  seed?: U64; pid?: number; tgid?: number; comm?: string; clock_start_ns?: U64;
  ctx_args?: U64[]; ifindex?: number; rx_queue_index?: number; mark?: number;
  ringbuf_default_size?: number;
  /** What bpf_get_smp_processor_id returns. */
  cpu?: number;
  /** Readable ranges of the simulated user and kernel address spaces (the probe reads'). */
  user_memory?: { addr: U64; bytes: number[] }[];
  kernel_memory?: { addr: U64; bytes: number[] }[];
}

/** How the VM runs; every field is optional. */
export interface VmOptions {
  /** Instructions executed before the run faults (default 1000000). */
  insn_budget?: number;
  /** Run without the verifier's approval (to see the fault it prevents). */
  unsafe_mode?: boolean;
  /** Reads of never-written stack give the bytes there instead of a fault,
   *  as a program accepted under the 6.18 profile may do. */
  allow_uninit_stack?: boolean;
  /** bpf_dynptr_data on an skb or xdp dynptr gives a pointer into the packet,
   *  as the series' helper does (default true); false gives upstream's NULL. */
  packet_dynptr_data?: boolean;
}

export interface Fault { insn: number; kind: { fault: string; detail?: unknown } }

export type RunState =
  | { state: "running" }
  | { state: "exited"; r0: U64 }
  | { state: "faulted"; fault: Fault };

export interface RecordSnap {
  seq: number; offset: number; pos: number; len: number;
  state: "reserved" | "submitted" | "discarded" | "consumed" | "skipped";
  ref_id: number; header: number; bytes: number[];
}

export interface MapSnap {
  name: string;
  map_type: string;
  /** `key_text`/`value_text`: the key and value printed by their BTF type (`struct sample { pid = 42, value = 7, comm = "abc" }`), null when the map's type is unknown. */
  entries: { key: number[]; value: number[]; key_text: string | null; value_text: string | null }[];
  /** Global variables and their bytes (little-endian), for `.bss`/`.data`/`.rodata`. */
  globals: [string, number[]][];
  /** The same globals printed by their BTF type (by size when untyped), same order. */
  globals_text: [string, string][];
  ringbuf: { size: number; producer_pos: number; consumer_pos: number; wakeups: number; records: RecordSnap[] } | null;
}

export interface DynptrSnap {
  location: string; frame: number | null; stack_off: number | null;
  kind: "local" | "ringbuf" | "skb" | "xdp" | null;
  rdonly: boolean; ref_id: number | null; data: U64; region: string | null; view: string | null;
  offset: number; size: number; state: string; origin: string; insn: number;
  cloned_from: number | null; bytes: number[];
  /** The C variable (`ptr`, `clone`) from DWARF; null when unknown. Feeds `data-var`. */
  var: string | null;
}

/** The VM after a step. */
export interface Snapshot {
  pc: number;
  steps: number;
  state: RunState;
  /** `var`: the C variable whose value the register holds at `pc` (DWARF), null when unknown; `points_to`: for a stack pointer, the C variable it points into (`ptr` for `&ptr`). */
  regs: { value: U64; init: boolean; desc: string | null; var: string | null; points_to: string | null }[];
  /** `pc`: the instruction the frame is at (a caller's: its call). `slot_vars`: the C variables of the frame's 8-byte stack slots (`{off: -64, var: "read_data[64]"}`), only slots that hold one; feeds `stack-slot` `data-var`. */
  frames: { func: string; func_start: number; return_pc: number | null; callback: unknown; stack: number[]; stack_init: boolean[]; pc: number; slot_vars: { off: number; var: string }[] }[];
  dynptrs: DynptrSnap[];
  /** `var`: the C variable the slice pointer went into (`data`), null when unknown. */
  slices: { len: number; valid: boolean; why: string | null; var: string | null }[];
  packet: { headroom: number[]; meta_len: number; data: number[]; tailroom: number; frags: number[][]; generation: number } | null;
  maps: MapSnap[];
  /** `bpf_trace_printk` output lines. */
  trace: string[];
  last_call: unknown;
}

export interface CatalogEntry {
  name: string;
  kind: { Helper: { id: number } } | { Kfunc: { btf_id: number } };
  doc: { signature: string; description: string; returns: string };
  origin: string;
  changes_pkt_data: boolean;
  /** Only sleepable programs may call it. */
  sleepable: boolean;
}
"#;

/// An error as JavaScript receives it.
#[derive(Serialize)]
struct JsError {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    col: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    insn: Option<usize>,
    message: String,
}

/// A JSON value as a plain JavaScript value: integers that a number holds
/// exactly become numbers, larger ones `BigInt`s.
fn json_to_js(v: &serde_json::Value) -> JsValue {
    use serde_json::Value;
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u <= MAX_SAFE {
                    JsValue::from_f64(u as f64)
                } else {
                    js_sys::BigInt::from(u).into()
                }
            } else if let Some(i) = n.as_i64() {
                if i.unsigned_abs() <= MAX_SAFE {
                    JsValue::from_f64(i as f64)
                } else {
                    js_sys::BigInt::from(i).into()
                }
            } else {
                JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => JsValue::from_str(s),
        Value::Array(a) => a.iter().map(json_to_js).collect::<js_sys::Array>().into(),
        Value::Object(m) => {
            let o = js_sys::Object::new();
            for (k, x) in m {
                // Setting a property on a fresh plain object cannot fail.
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &json_to_js(x));
            }
            o.into()
        }
    }
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_value(v).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(json_to_js(&json))
}

fn thrown(e: JsError) -> JsValue {
    to_js(&e).unwrap_or_else(|err| err)
}

fn message(m: impl ToString) -> JsValue {
    thrown(JsError {
        line: None,
        col: None,
        insn: None,
        message: m.to_string(),
    })
}

fn asm_error(e: asm::AsmError) -> JsValue {
    thrown(JsError {
        line: Some(e.line),
        col: Some(e.col),
        insn: None,
        message: e.message,
    })
}

/// An optional argument: `undefined`/`null` mean the default. It goes
/// through a JSON value so that every key is seen: a misspelt option is
/// refused where the type denies unknown fields, not silently ignored.
fn opt<T: serde::de::DeserializeOwned + Default>(v: Option<JsValue>) -> Result<T, JsValue> {
    let Some(v) = v.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(T::default());
    };
    let json: serde_json::Value = serde_wasm_bindgen::from_value(v).map_err(message)?;
    serde_json::from_value(json).map_err(message)
}

fn program_arg(program: JsValue) -> Result<Program, JsValue> {
    serde_wasm_bindgen::from_value(program).map_err(|e| {
        message(format!(
            "not a program (as assemble or load_elf return one): {e}"
        ))
    })
}

/// What `verify` accepts: the engine's `VerifierOptions`, each field
/// optional, plus the kernel profile's name.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct VerifyOptions {
    log_level: u32,
    complexity_limit: u64,
    wording: Option<KernelProfile>,
    kernel: Option<String>,
    strict_alignment: bool,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        let d = VerifierOptions::default();
        VerifyOptions {
            log_level: d.log_level,
            complexity_limit: d.complexity_limit,
            wording: None,
            kernel: None,
            strict_alignment: d.strict_alignment,
        }
    }
}

fn verifier_options(opts: Option<JsValue>) -> Result<VerifierOptions, JsValue> {
    let o: VerifyOptions = opt(opts)?;
    let kernel = match &o.kernel {
        Some(k) => check_kernel(k)?,
        None => o.wording.unwrap_or_default(),
    };
    if o.complexity_limit == 0 || o.complexity_limit > BPF_COMPLEXITY_LIMIT_INSNS {
        return Err(message(format!(
            "complexity_limit must be between 1 and {BPF_COMPLEXITY_LIMIT_INSNS}"
        )));
    }
    Ok(VerifierOptions {
        log_level: o.log_level,
        complexity_limit: o.complexity_limit,
        kernel,
        strict_alignment: o.strict_alignment,
        ..VerifierOptions::default()
    })
}

/// The names `kernel` accepts, from [`KernelProfile::ALL`].
fn profile_names() -> Vec<&'static str> {
    KernelProfile::ALL.iter().map(|k| k.name()).collect()
}

fn check_kernel(name: &str) -> Result<KernelProfile, JsValue> {
    KernelProfile::from_name(name).ok_or_else(|| {
        message(format!(
            "unknown kernel profile {name:?}: this build models {}",
            profile_names().join(", ")
        ))
    })
}

/// The kernel profiles this build models (`"series"`: v6.1/v6.2 plus the
/// dynptr convenience series; `"6.18"`: Linux 6.18).
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn kernel_profiles() -> Result<JsValue, JsValue> {
    to_js(&profile_names())
}

/// Every helper and kfunc of the catalog: name, number or BTF id,
/// documentation, origin.
#[wasm_bindgen(unchecked_return_type = "CatalogEntry[]")]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js(catalog::all())
}

/// Assembles either dialect into a program; throws `{line, col, message}`.
#[wasm_bindgen(unchecked_return_type = "Program")]
pub fn assemble(src: &str) -> Result<JsValue, JsValue> {
    match asm::assemble(src) {
        Ok(p) => to_js(&p),
        Err(e) => Err(asm_error(e)),
    }
}

/// Assembles and verifies: the report (verdict, message, insn, log,
/// explanation, per-instruction states, stats). `opts` is optional.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn verify(
    src: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let o = verifier_options(opts)?;
    let p = asm::assemble(src).map_err(asm_error)?;
    to_js(&verifier::verify(&p, &o))
}

/// Verifies a program that `assemble` or `load_elf` returned.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn verify_program(
    #[wasm_bindgen(unchecked_param_type = "Program")] program: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] opts: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let o = verifier_options(opts)?;
    let p = program_arg(program)?;
    to_js(&verifier::verify(&p, &o))
}

/// Runs to the end: the last snapshot (its `state` holds r0 or the fault;
/// `maps` the globals and ring buffer records; `trace` the printk lines).
/// Like `dynptr-play run`, refuses a program the verifier rejects unless
/// `vm.unsafe_mode` is set.
#[wasm_bindgen(unchecked_return_type = "Snapshot")]
pub fn run(
    src: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "WorldConfig")] world: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "VmOptions")] vm: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let p = asm::assemble(src).map_err(asm_error)?;
    run_to_end(p, world, vm)
}

/// `run` for a program that `assemble` or `load_elf` returned.
#[wasm_bindgen(unchecked_return_type = "Snapshot")]
pub fn run_program(
    #[wasm_bindgen(unchecked_param_type = "Program")] program: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "WorldConfig")] world: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "VmOptions")] vm: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    run_to_end(program_arg(program)?, world, vm)
}

fn run_to_end(p: Program, world: Option<JsValue>, vm: Option<JsValue>) -> Result<JsValue, JsValue> {
    let cfg: WorldConfig = opt(world)?;
    let o: VmOptions = opt(vm)?;
    if !o.unsafe_mode {
        let report = verifier::verify(&p, &VerifierOptions::default());
        if report.verdict == Verdict::Rejected {
            return Err(thrown(JsError {
                line: None,
                col: None,
                insn: report.insn,
                message: format!(
                    "the verifier rejects the program: {} (set unsafe_mode to run it anyway)",
                    report.message.as_deref().unwrap_or("")
                ),
            }));
        }
    }
    let mut s = session::Session::new(p, cfg, o).map_err(fault_error)?;
    to_js(s.continue_to(&[]))
}

fn fault_error(f: Fault) -> JsValue {
    thrown(JsError {
        line: None,
        col: None,
        insn: Some(f.insn),
        message: f.to_string(),
    })
}

/// The fault of a `{state: "faulted"}` run state in words, as the command
/// line prints it (`insn 7: out-of-bounds read of 8 bytes at ...`).
#[wasm_bindgen]
pub fn describe_fault(
    #[wasm_bindgen(unchecked_param_type = "Fault")] fault: JsValue,
) -> Result<String, JsValue> {
    let f: Fault = serde_wasm_bindgen::from_value(fault).map_err(message)?;
    Ok(f.to_string())
}

/// A debugging session over a program (`new Session(src, world, vm)` or
/// `Session.fromProgram(program, world, vm)`).
#[wasm_bindgen(js_name = Session)]
pub struct WasmSession {
    inner: session::Session,
}

#[wasm_bindgen(js_class = Session)]
impl WasmSession {
    /// Assembles `src` and starts at the first instruction. `world` and
    /// `vm` are optional.
    #[wasm_bindgen(constructor)]
    pub fn new(
        src: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "WorldConfig")] world: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "VmOptions")] vm: Option<JsValue>,
    ) -> Result<WasmSession, JsValue> {
        let p = asm::assemble(src).map_err(asm_error)?;
        WasmSession::start(p, world, vm)
    }

    /// Starts a session over a program that `assemble` or `load_elf`
    /// returned.
    #[wasm_bindgen(js_name = fromProgram)]
    pub fn from_program(
        #[wasm_bindgen(unchecked_param_type = "Program")] program: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WorldConfig")] world: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "VmOptions")] vm: Option<JsValue>,
    ) -> Result<WasmSession, JsValue> {
        WasmSession::start(program_arg(program)?, world, vm)
    }

    fn start(
        p: Program,
        world: Option<JsValue>,
        vm: Option<JsValue>,
    ) -> Result<WasmSession, JsValue> {
        let cfg: WorldConfig = opt(world)?;
        let o: VmOptions = opt(vm)?;
        let inner = session::Session::new(p, cfg, o).map_err(fault_error)?;
        Ok(WasmSession { inner })
    }

    /// The current snapshot.
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn snapshot(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.snapshot())
    }

    /// One instruction; the new snapshot.
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn step(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.inner.step())
    }

    /// One C line, over calls (a debugger's `next`): runs until the next
    /// instruction belongs to another line of the object's C source (bpf-to-bpf
    /// calls and callbacks run through); without line info, one instruction
    /// or a whole call. The new snapshot.
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn step_line(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.inner.step_line())
    }

    /// Back one instruction; the snapshot.
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn step_back(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.inner.step_back())
    }

    /// Runs until an instruction of `breakpoints` is next, or the end.
    #[wasm_bindgen(js_name = continue, unchecked_return_type = "Snapshot")]
    pub fn continue_to(&mut self, breakpoints: Vec<usize>) -> Result<JsValue, JsValue> {
        to_js(self.inner.continue_to(&breakpoints))
    }

    /// Back to the first instruction.
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn reset(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.inner.reset())
    }

    /// Instructions executed so far.
    pub fn steps(&self) -> f64 {
        self.inner.history_len() as f64
    }

    /// True once the program exited or faulted.
    pub fn finished(&self) -> bool {
        self.inner.finished()
    }

    /// The program being run, one line per instruction slot in the LLVM
    /// dialect (`lines[pc]` is the next instruction).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn listing(&self) -> Result<JsValue, JsValue> {
        to_js(&asm::format_insns(self.inner.program()))
    }
}

/// Prints a program (as `assemble` returns it) in the LLVM dialect.
#[wasm_bindgen]
pub fn disassemble(
    #[wasm_bindgen(unchecked_param_type = "Program")] program: JsValue,
) -> Result<String, JsValue> {
    let p = program_arg(program)?;
    Ok(asm::disassemble(&p))
}

/// Prints `bytes` as a C value of `type` (a `CType` from a program's
/// `maps[i].key_type`/`value_type` or a global's `ty`):
/// `struct sample { pid = 42, value = 7, comm = "abc" }`, `[1, 2, 3]`,
/// enums by name, pointers in hex. Without a type (`null`): an integer of
/// 1, 2, 4 or 8 bytes, else hex.
#[wasm_bindgen]
pub fn format_value(
    #[wasm_bindgen(unchecked_param_type = "CType | null")] ty: JsValue,
    bytes: &[u8],
) -> Result<String, JsValue> {
    let ty: Option<crate::world::globals::GlobalType> = if ty.is_null() || ty.is_undefined() {
        None
    } else {
        Some(serde_wasm_bindgen::from_value(ty).map_err(message)?)
    };
    Ok(crate::world::c_value::format_bytes(ty.as_ref(), bytes))
}

/// Loads a clang BPF object: one program per function in a program section.
#[wasm_bindgen(unchecked_return_type = "Program[]")]
pub fn load_elf(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let progs = elf::load(bytes).map_err(message)?;
    to_js(&progs)
}
